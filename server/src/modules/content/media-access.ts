import { sql } from "kysely";
import type { ModuleMedia } from "../contract.js";
import { inStaffScope, readerOf, visibleTo } from "./access.js";

/**
 * A cover or audio reading is read by whoever may read its article: a member it is published for, or a cán bộ of the
 * publishing unit's subtree (her preview of a draft). Not "public": content targeted at one commune stays there, and
 * a draft's pictures never leak before it goes out.
 */
const mayRead: NonNullable<ModuleMedia["mayRead"]> = async (deps, auth, mediaId) => {
  const reader = await readerOf(deps.db, auth.memberId);
  const row = await deps.db
    .selectFrom("articles as a")
    .select("a.id")
    .where((eb) =>
      eb.or([
        eb("a.cover_media_id", "=", mediaId),
        eb.exists(eb.selectFrom("article_variants as v").select("v.article_id").whereRef("v.article_id", "=", "a.id").where("v.audio_media_id", "=", mediaId)),
      ]),
    )
    .where(sql<boolean>`(${visibleTo("a", reader, new Date())} OR ${inStaffScope("a", auth)})`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
};

/** Covers and audio readings: the sweeper keeps them while an article points at them. */
export const contentMedia: ModuleMedia = {
  references: [
    { table: "articles", column: "cover_media_id" },
    { table: "article_variants", column: "audio_media_id" },
  ],
  mayRead,
};
