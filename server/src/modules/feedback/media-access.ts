import type { ModuleMedia } from "../contract.js";
import { isPublicProof } from "./public-record.js";
import { assignedUnits, auditSensitiveRead, seesSubmission, staffScope } from "./access.js";

/**
 * A cán bộ who may read a submission may open its photos and voice note, and the proof attached to its answers, under
 * the same privacy rule; opening an attachment of a private item is audited like reading it. The author may open the
 * proof attached to the answers she was shown (issue 13); her own attachments she opens as their uploader.
 */
const mayRead: NonNullable<ModuleMedia["mayRead"]> = async (deps, auth, mediaId) => {
  const proofFor = await deps.db
    .selectFrom("submission_event_media as em")
    .innerJoin("submission_events as e", "e.id", "em.event_id")
    .innerJoin("submissions as s", "s.id", "e.submission_id")
    .select(["s.id", "s.sensitive", "s.author_id", "e.visible_to_author"])
    .where("em.media_id", "=", mediaId)
    .execute();
  if (proofFor.some((p) => p.author_id === auth.memberId && p.visible_to_author)) return true;
  if (!auth.roles.length) return false;
  const attachedTo = await deps.db
    .selectFrom("submission_media as sm")
    .innerJoin("submissions as s", "s.id", "sm.submission_id")
    .select(["s.id", "s.sensitive"])
    .where("sm.media_id", "=", mediaId)
    .execute();
  const links = [...attachedTo, ...proofFor];
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

/** Attachments live in submission_media, proof of answers in submission_event_media: the sweeper keeps both. */
export const feedbackMedia: ModuleMedia = {
  references: [
    { table: "submission_media", column: "media_id" },
    { table: "submission_event_media", column: "media_id" },
    { table: "submission_public_media", column: "media_id" },
  ],
  // proof photos a cán bộ chose for a published item of the public record (Kết quả xử lý)
  isPublic: isPublicProof,
  mayRead,
};
