import { FeedbackErrorCode } from "@hoiso/shared";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/types.js";
import { badRequest } from "../../http/errors.js";
import { assertOwnMedia } from "../media/service.js";

type Conn = Kysely<DB> | Transaction<DB>;
export type ProofKind = "image" | "document";
export interface Proof {
  id: string;
  kind: ProofKind;
}

/**
 * Answers with proof (issue 13): photos and PDFs a cán bộ uploaded herself, attached to her reply or resolution.
 * Checked (hers, share-locked, no voice notes) before the event is written, linked after, in the same transaction;
 * the media sweeper keeps what submission_event_media points at.
 */
export async function checkProof(tx: Transaction<DB>, memberId: string, ids: string[] | undefined): Promise<Proof[]> {
  const media = await assertOwnMedia(tx, memberId, ids ?? []);
  const proof = media.filter((m): m is Proof => m.kind === "image" || m.kind === "document");
  if (proof.length !== media.length) throw badRequest("Chỉ đính kèm được ảnh hoặc tệp PDF.", "mediaIds", FeedbackErrorCode.TOO_MANY_PHOTOS);
  return proof;
}

export async function linkProof(tx: Transaction<DB>, eventId: number, proof: Proof[]): Promise<void> {
  if (proof.length === 0) return;
  await tx
    .insertInto("submission_event_media")
    .values(proof.map((p, i) => ({ event_id: eventId, media_id: p.id, kind: p.kind, sort: i })))
    .execute();
}

/** The proof of each of these events, in the order attached. */
export async function proofOf(db: Conn, eventIds: number[]): Promise<Map<number, Proof[]>> {
  const out = new Map<number, Proof[]>();
  if (eventIds.length === 0) return out;
  const rows = await db.selectFrom("submission_event_media").select(["event_id", "media_id", "kind"]).where("event_id", "in", eventIds).orderBy("event_id").orderBy("sort").execute();
  for (const r of rows) out.set(Number(r.event_id), [...(out.get(Number(r.event_id)) ?? []), { id: r.media_id, kind: r.kind }]);
  return out;
}
