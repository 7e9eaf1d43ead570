import crypto from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../db/pool.js";

/** The queue the OA chatbot consumes; one job per webhook event. */
export const OA_EVENTS_QUEUE = "oa-events";

export type OaEvent = Record<string, unknown>;

export interface OaEventJob {
  eventName: string;
  /** The OA-scoped user id the event is about, when there is one. */
  oaUserId: string | null;
  event: OaEvent;
  receivedAt: string;
}

/**
 * X-ZEvent-Signature is `mac=<hex>`, hex = plain SHA-256 of appId + raw body + timestamp + OA secret
 * (ZALO.md). Computed over the exact bytes received and compared in constant time.
 */
export function verifyWebhookSignature(header: string | undefined, raw: Buffer, timestamp: string, appId: string, oaSecret: string): boolean {
  if (!header || !appId || !oaSecret) return false;
  const given = header.trim().replace(/^mac=/i, "").toLowerCase();
  const expected = crypto.createHash("sha256").update(appId).update(raw).update(timestamp).update(oaSecret).digest("hex");
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

const idOf = (v: unknown): string | null => {
  const id = (v as { id?: unknown } | undefined)?.id;
  // Ids must arrive as strings; a JSON number has already lost digits and cannot be trusted.
  return typeof id === "string" && id !== "" ? id : null;
};

/** Events the OA itself caused, or delivery receipts: the user is the recipient and did not interact. */
const isOaSide = (name: string) => name.startsWith("oa_") || name === "user_received_message" || name === "user_seen_message";

export function eventUserId(event: OaEvent): string | null {
  const name = String(event.event_name ?? "");
  if (name === "follow" || name === "unfollow") return idOf(event.follower);
  return isOaSide(name) ? idOf(event.recipient) : idOf(event.sender);
}

/** What opens (or re-opens) the consultation window: the user writing, clicking, sharing info, or following. */
export function countsAsInteraction(event: OaEvent): boolean {
  const name = String(event.event_name ?? "");
  return name === "follow" || (name.startsWith("user_") && !isOaSide(name));
}

/** One job per event even when Zalo delivers it again: by msg_id, else by name + timestamp + user. */
export function webhookJobId(event: OaEvent): string {
  const msgId = (event.message as { msg_id?: unknown } | undefined)?.msg_id;
  const raw =
    typeof msgId === "string" && msgId !== ""
      ? msgId
      : `${String(event.event_name ?? "event")}-${String(event.timestamp ?? "")}-${eventUserId(event) ?? "none"}`;
  // BullMQ refuses ":" in custom ids; keep them short and plain.
  return `oa-${raw.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 200)}`;
}

/** The event time (Zalo sends epoch milliseconds as a string), never later than now. */
export function eventTime(event: OaEvent, now = new Date()): Date {
  const ms = Number(event.timestamp);
  return Number.isFinite(ms) && ms > 0 && ms < now.getTime() ? new Date(ms) : now;
}

/**
 * Records the interaction and follow state. Redelivered or out-of-order events never move the
 * interaction time backwards.
 */
export async function recordInteraction(db: Db, event: OaEvent): Promise<void> {
  const oaUserId = eventUserId(event);
  if (!oaUserId) return;
  const name = String(event.event_name ?? "");
  const at = countsAsInteraction(event) ? eventTime(event) : null;
  const following = name === "follow" ? true : name === "unfollow" ? false : null;
  if (at === null && following === null) return;
  await db
    .insertInto("oa_interactions")
    .values({ oa_user_id: oaUserId, last_interaction_at: at, following })
    .onConflict((oc) =>
      oc.column("oa_user_id").doUpdateSet({
        // GREATEST ignores NULLs, so a follow-state-only event keeps the stored time.
        last_interaction_at: sql<Date>`GREATEST(oa_interactions.last_interaction_at, excluded.last_interaction_at)`,
        following: sql<boolean>`COALESCE(excluded.following, oa_interactions.following)`,
      }),
    )
    .execute();
}

/**
 * Whether an OA consultation message to this user may be sent now: she interacted within `hours`
 * and has not unfollowed since (an unknown follow state counts as following).
 */
export async function isWithinCsWindow(db: Db, oaUserId: string, hours: number): Promise<boolean> {
  const row = await db
    .selectFrom("oa_interactions")
    .select(["last_interaction_at", "following"])
    .where("oa_user_id", "=", oaUserId)
    .executeTakeFirst();
  if (!row?.last_interaction_at || row.following === false) return false;
  return Date.now() - row.last_interaction_at.getTime() <= hours * 3_600_000;
}
