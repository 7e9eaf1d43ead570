import type { SubmissionCreated } from "@hoiso/shared";
import { postSubmission } from "../../api/feedback.js";
import { ApiError } from "../../api/http.js";
import { uploadMedia } from "../../api/media.js";
import { t } from "../../i18n/index.js";
import { recordUpload, type OutboxEntry } from "./outbox.js";
import { dropMedia, readMedia } from "./outbox-media.js";

/**
 * Sends one outbox entry: first the photos and voice note kept on the phone (each uploaded once: a retry reuses the
 * media id the entry remembers), then the item with its idempotency key and every media id, then frees the blobs.
 * What fails throws as the request did (a lost connection is status 0, retried by the outbox).
 */
export async function sendEntry(entry: OutboxEntry): Promise<SubmissionCreated> {
  const uploaded: Record<string, string> = { ...entry.uploaded };
  for (const m of entry.localMedia ?? []) {
    if (uploaded[m.id]) continue;
    const blob = await readMedia(entry.key, m.id).catch(() => null);
    // The phone let the photo go (storage cleared): she is asked to add it again rather than the item going without it.
    if (!blob) throw new ApiError(410, "OUTBOX_MEDIA_GONE", t("common:errors.outboxMediaGone"));
    const saved = await uploadMedia(blob, m.name);
    uploaded[m.id] = saved.id;
    recordUpload(entry.key, m.id, saved.id);
  }
  const kept = (entry.localMedia ?? []).map((m) => uploaded[m.id] as string);
  const created = await postSubmission(entry.key, { ...entry.body, mediaIds: [...(entry.body.mediaIds ?? []), ...kept] });
  // Sent: the blobs are no longer needed; nobody waits (a failure here is swept at the next start).
  void dropMedia(entry.key);
  return created;
}
