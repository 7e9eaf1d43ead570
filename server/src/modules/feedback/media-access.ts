import type { ModuleMedia } from "../contract.js";
import { assignedUnits, auditSensitiveRead, seesSubmission, staffScope } from "./access.js";

/**
 * A cán bộ who may read a submission may open its photos and voice note, under the same privacy rule; opening an
 * attachment of a private item is audited like reading it.
 */
const mayRead: NonNullable<ModuleMedia["mayRead"]> = async (deps, auth, mediaId) => {
  if (!auth.roles.length) return false;
  const links = await deps.db
    .selectFrom("submission_media as sm")
    .innerJoin("submissions as s", "s.id", "sm.submission_id")
    .select(["s.id", "s.sensitive"])
    .where("sm.media_id", "=", mediaId)
    .execute();
  if (links.length === 0) return false;
  const scope = await staffScope(deps.db, auth);
  for (const l of links) {
    if (seesSubmission(scope, l.sensitive, await assignedUnits(deps.db, l.id))) {
      if (l.sensitive) await auditSensitiveRead(deps.db, auth.memberId, l.id, { via: "media", mediaId });
      return true;
    }
  }
  return false;
};

/** Attachments live in submission_media; only the author (their uploader) and the cán bộ who see the item read them. */
export const feedbackMedia: ModuleMedia = {
  references: [{ table: "submission_media", column: "media_id" }],
  mayRead,
};
