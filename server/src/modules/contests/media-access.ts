import { sql } from "kysely";
import type { ModuleMedia } from "../contract.js";
import { inStaffScope, playerOf, visibleTo } from "./access.js";

/**
 * A question's picture is seen by whoever may see the question: a member whose attempt drew it (never before she starts,
 * so a contest's pictures do not give its questions away), any member a published practice quiz is for, and the cán bộ
 * of the organising unit's subtree (her preview). Never public: the bytes are served `private`.
 */
const mayRead: NonNullable<ModuleMedia["mayRead"]> = async (deps, auth, mediaId) => {
  const player = await playerOf(deps.db, auth.memberId);
  const row = await deps.db
    .selectFrom("contest_questions as q")
    .innerJoin("contest_rounds as r", "r.id", "q.round_id")
    .innerJoin("contests as c", "c.id", "r.contest_id")
    .select("q.id")
    .where("q.image_media_id", "=", mediaId)
    .where(
      sql<boolean>`(${inStaffScope(auth)}
        OR (c.kind = 'practice' AND c.status = 'published' AND ${visibleTo(player.units)})
        OR EXISTS (SELECT 1 FROM contest_attempts a WHERE a.round_id = r.id AND a.member_id = ${auth.memberId} AND q.id = ANY (a.question_ids)))`,
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
};

/** Question pictures: the sweeper keeps them while a question points at them. */
export const contestMedia: ModuleMedia = {
  references: [{ table: "contest_questions", column: "image_media_id" }],
  mayRead,
};
