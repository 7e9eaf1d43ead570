import crypto from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../db/pool.js";
import { textOf } from "./text.js";

/** Events older than this are refused: Zalo's retries come within minutes, a replayed capture does not. */
export const OA_EVENT_MAX_AGE_MS = 60 * 60_000;
/** Zalo's clock and ours may disagree a little; an event further ahead than this is not believable. */
export const OA_EVENT_MAX_AHEAD_MS = 5 * 60_000;

export type OaEvent = Record<string, unknown>;

export interface OaEventJob {
  eventName: string;
  /** The OA-scoped user id the event is about, when there is one. */
  oaUserId: string | null;
  /** The event's own time (ISO), already checked to be plausible. Absent in jobs queued before it was added. */
  occurredAt?: string;
  /** Stable per event: the dedupe key in oa_events and the queue's job id. Absent in jobs queued before it was added. */
  key?: string;
  event: OaEvent;
  receivedAt: string;
}

/**
 * X-ZEvent-Signature is exactly `mac=<64 lower-case hex>`, hex = plain SHA-256 of appId + raw body + timestamp +
 * OA secret (ZALO.md). Any other spelling is refused rather than guessed at. Computed over the exact bytes received
 * and compared in constant time.
 */
export function verifyWebhookSignature(header: string | undefined, raw: Buffer, timestamp: string, appId: string, oaSecret: string): boolean {
  if (!header || !appId || !oaSecret) return false;
  const m = /^mac=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const expected = crypto.createHash("sha256").update(appId).update(raw).update(timestamp).update(oaSecret).digest("hex");
  return crypto.timingSafeEqual(Buffer.from(m[1] as string), Buffer.from(expected));
}

/**
 * The event's own time. Zalo sends epoch milliseconds as a string; samples in its documentation carry 12-digit
 * ones, and a seconds value read as milliseconds lands in 1970. Only 13 digits within the plausible window count:
 * otherwise null, and the event is refused instead of dating an interaction to 1974.
 */
export function eventTime(event: OaEvent, now = Date.now()): Date | null {
  const ts = event.timestamp;
  const text = typeof ts === "string" ? ts : typeof ts === "number" && Number.isSafeInteger(ts) ? String(ts) : "";
  if (!/^[0-9]{13}$/.test(text)) return null;
  const ms = Number(text);
  return ms >= now - OA_EVENT_MAX_AGE_MS && ms <= now + OA_EVENT_MAX_AHEAD_MS ? new Date(ms) : null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** jsonb (and the queue's PostgreSQL backend) refuse NUL and lone surrogates (22P05); a signed event may carry them. */
export function storable(v: unknown): unknown {
  if (typeof v === "string") return v.replace(/\u0000/g, "").replace(LONE_SURROGATE, "\uFFFD");
  if (Array.isArray(v)) return v.map(storable);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [String(storable(k)), storable(x)]));
  return v;
}

const idOf = (v: unknown): string | null => {
  const id = (v as { id?: unknown } | undefined)?.id;
  // Ids must arrive as strings; a JSON number has already lost digits and cannot be trusted.
  return typeof id === "string" && /^[0-9]{1,32}$/.test(id) ? id : null;
};

/** Events the OA itself caused, or delivery receipts: the user is the recipient and did not interact. */
const isOaSide = (name: string) => name.startsWith("oa_") || name === "user_received_message" || name === "user_seen_message";

export function eventUserId(event: OaEvent): string | null {
  const name = textOf(event.event_name);
  if (name === "follow" || name === "unfollow") return idOf(event.follower);
  return isOaSide(name) ? idOf(event.recipient) : idOf(event.sender);
}

/** What opens (or re-opens) the consultation window: the user writing, clicking, sharing info, or following. */
export function countsAsInteraction(event: OaEvent): boolean {
  const name = textOf(event.event_name);
  return name === "follow" || (name.startsWith("user_") && !isOaSide(name));
}

/** One key per event even when Zalo delivers it again: by msg_id, else by name + timestamp + user. */
export function webhookEventKey(event: OaEvent): string {
  const msgId = (event.message as { msg_id?: unknown } | undefined)?.msg_id;
  const raw =
    typeof msgId === "string" && msgId !== ""
      ? msgId
      : `${textOf(event.event_name, "event")}-${textOf(event.timestamp)}-${eventUserId(event) ?? "none"}`;
  // BullMQ refuses ":" in custom ids; keep them short and plain.
  return `oa-${raw.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 200)}`;
}

/**
 * Records the interaction and follow state as of the event's own time `at`. Redelivered or out-of-order events
 * never move the interaction time backwards, and a follow state is only replaced by one from a later event: an old
 * "unfollow" arriving after a newer "follow" changes nothing.
 */
export async function recordInteraction(db: Db, event: OaEvent, at: Date): Promise<void> {
  const oaUserId = eventUserId(event);
  if (!oaUserId) return;
  const name = textOf(event.event_name);
  const interactedAt = countsAsInteraction(event) ? at : null;
  const following = name === "follow" ? true : name === "unfollow" ? false : null;
  if (interactedAt === null && following === null) return;
  await db
    .insertInto("oa_interactions")
    .values({ oa_user_id: oaUserId, last_interaction_at: interactedAt, following, follow_changed_at: following === null ? null : at })
    .onConflict((oc) =>
      oc.column("oa_user_id").doUpdateSet({
        // GREATEST ignores NULLs, so a follow-state-only event keeps the stored time.
        last_interaction_at: sql<Date>`GREATEST(oa_interactions.last_interaction_at, excluded.last_interaction_at)`,
        following: sql<boolean>`CASE WHEN excluded.following IS NOT NULL
                                      AND (oa_interactions.follow_changed_at IS NULL OR excluded.follow_changed_at > oa_interactions.follow_changed_at)
                                     THEN excluded.following ELSE oa_interactions.following END`,
        follow_changed_at: sql<Date>`GREATEST(oa_interactions.follow_changed_at, excluded.follow_changed_at)`,
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
