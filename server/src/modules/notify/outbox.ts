import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/types.js";

type Conn = Kysely<DB> | Transaction<DB>;

export interface Recipient {
  memberId: string;
  /** Whom the text was written for; a cán bộ's text never carries the author's identity. */
  audience: "author" | "can_bo";
  text: string;
}

/** Members holding a cán bộ or admin role at exactly this unit: the people who handle its inbox. */
export async function unitStaff(db: Conn, unitId: string): Promise<string[]> {
  const rows = await db.selectFrom("roles").select("member_id").distinct().where("unit_id", "=", unitId).where("role", "in", ["can_bo", "admin"]).execute();
  return rows.map((r) => r.member_id);
}

/**
 * Writes the notification rows for one timeline event, inside the caller's transaction, so that the event and its
 * notifications exist together or not at all. Every recipient gets an in-app row (her notification list: delivered
 * as soon as it commits); a member reachable on Zalo also gets one outbound row: the OA consultation message when
 * she has an OA id (the sender falls back to a template message outside the window), else a template message when
 * she has a phone. Returns the outbound rows just created; the caller enqueues them after commit (the outbox
 * reconciler catches any it could not).
 */
export async function recordNotifications(tx: Conn, eventId: number, recipients: Recipient[]): Promise<string[]> {
  const seen = new Set<string>();
  const unique = recipients.filter((r) => (seen.has(r.memberId) ? false : (seen.add(r.memberId), true)));
  if (unique.length === 0) return [];
  const now = new Date();
  await tx
    .insertInto("deliveries")
    .values(unique.map((r) => ({ event_id: eventId, recipient_id: r.memberId, audience: r.audience, channel: "in_app" as const, status: "sent" as const, text: r.text, sent_at: now, queued_at: now })))
    .onConflict((oc) => oc.columns(["event_id", "recipient_id", "channel"]).doNothing())
    .execute();
  const contacts = await tx
    .selectFrom("members")
    .select(["id", "zalo_oa_user_id", "phone"])
    .where(
      "id",
      "in",
      unique.map((r) => r.memberId),
    )
    .execute();
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const outbound = unique.flatMap((r) => {
    const c = byId.get(r.memberId);
    const channel = c?.zalo_oa_user_id ? ("oa_cs" as const) : c?.phone ? ("template" as const) : null;
    return channel ? [{ event_id: eventId, recipient_id: r.memberId, audience: r.audience, channel, text: r.text }] : [];
  });
  if (outbound.length === 0) return [];
  const rows = await tx
    .insertInto("deliveries")
    .values(outbound)
    .onConflict((oc) => oc.columns(["event_id", "recipient_id", "channel"]).doNothing())
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}
