import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { DB } from "../../db/types.js";
import { DISCREET_PARAM } from "./text.js";

type Conn = Kysely<DB> | Transaction<DB>;

/** What a notification is about: the sending module and its id for the thing. */
export interface Source {
  module: string;
  id: string;
}

export interface Recipient {
  memberId: string;
  /** Message type (a catalogue key, server/src/i18n) and its parameters; written out in her language later. */
  type: string;
  params: Record<string, unknown>;
  /** The Mini App route that opens the source for her (an author and a cán bộ open different pages). */
  link: string;
  /** In the app only, never on Zalo (e.g. the author of a private report: her phone may be read by the one she reported). */
  inAppOnly?: boolean;
  /** About something sensitive: every channel says only the neutral sentence (text.ts). */
  discreet?: boolean;
}

export interface Notification {
  source: Source;
  /** Tells notifications about the same source apart; recording the same key twice writes (and sends) once. */
  key: string;
  /** Feedback's timeline event behind it, if any. */
  eventId?: number | null;
  recipients: Recipient[];
  /**
   * Every channel she can be reached on at once (the OA message and the template message together), not one with a
   * fallback: for alerts that cannot wait (an urgent report to the cán bộ on call).
   */
  everyChannel?: boolean;
}

/**
 * The columns of a notification rows query, in this order: source_id text, dedupe_key text, event_id bigint,
 * member_id uuid, type text, params jsonb, link text, in_app_only boolean, prio int (a member listed twice for the
 * same source and key gets the row with the lowest prio).
 */
export const NOTIFICATION_ROW_COLUMNS = "source_id, dedupe_key, event_id, member_id, type, params, link, in_app_only, prio";

/** One notification's recipients as a rows query (see NOTIFICATION_ROW_COLUMNS). */
export function notificationRows(n: Notification): RawBuilder<unknown> {
  const r = n.recipients;
  return sql`SELECT ${n.source.id}::text, ${n.key}::text, ${n.eventId ?? null}::bigint, t.member_id, t.type, t.params, t.link, t.in_app_only, t.prio
               FROM unnest(${r.map((x) => x.memberId)}::uuid[], ${r.map((x) => x.type)}::text[], ${r.map((x) => JSON.stringify(x.discreet ? { ...x.params, [DISCREET_PARAM]: true } : x.params))}::jsonb[],
                           ${r.map((x) => x.link)}::text[], ${r.map((x) => x.inAppOnly === true)}::boolean[], ${r.map((_, i) => i)}::int[])
                    AS t(member_id, type, params, link, in_app_only, prio)`;
}

/**
 * The channels of a recipient row `r` (columns in_app_only, zalo_oa_user_id, phone) as rows `ch(channel, status, at)`:
 * always in-app, already delivered; plus one outbound channel when she can be reached on Zalo and the notification
 * allows it. Rows whose channel is null are filtered out (WHERE ch.channel IS NOT NULL).
 */
function recipientChannels(now: Date, everyChannel: boolean): RawBuilder<unknown> {
  if (everyChannel) {
    return sql`CROSS JOIN LATERAL (VALUES
             ('in_app', 'sent', ${now}::timestamptz),
             (CASE WHEN NOT r.in_app_only AND r.zalo_oa_user_id IS NOT NULL THEN 'oa_cs' END, 'pending', NULL::timestamptz),
             (CASE WHEN NOT r.in_app_only AND r.phone IS NOT NULL THEN 'template' END, 'pending', NULL::timestamptz)
           ) AS ch(channel, status, at)`;
  }
  return sql`CROSS JOIN LATERAL (VALUES
             ('in_app', 'sent', ${now}::timestamptz),
             (CASE WHEN r.in_app_only THEN NULL WHEN r.zalo_oa_user_id IS NOT NULL THEN 'oa_cs' WHEN r.phone IS NOT NULL THEN 'template' END,
              'pending', NULL::timestamptz)
           ) AS ch(channel, status, at)`;
}

/**
 * The outbox, set-based: the delivery rows for every notification that `rows` yields (NOTIFICATION_ROW_COLUMNS), all
 * from `module`. Every recipient gets an in-app row (her notification list, delivered as soon as it commits); a member
 * reachable on Zalo also gets one outbound row: the OA consultation message when she has an OA id (the sender falls
 * back to a template message outside the window), else a template message when she has a phone; unless in_app_only.
 * With `everyChannel` a reachable recipient gets the OA message and the template message together.
 * One INSERT, meant to run inside the statement or transaction that writes what it tells about. Returns (id, channel).
 */
export function deliveriesInsert(
  module: string,
  rows: RawBuilder<unknown>,
  now: Date,
  opts: { everyChannel?: boolean } = {},
): RawBuilder<{ id: string; channel: string }> {
  return sql<{ id: string; channel: string }>`
    INSERT INTO deliveries (source_module, source_id, dedupe_key, event_id, recipient_id, channel, status, type, params, link, sent_at, queued_at)
    SELECT ${module}::text, r.source_id, r.dedupe_key, r.event_id, r.id, ch.channel, ch.status, r.type, r.params, r.link, ch.at, ch.at
      FROM (SELECT DISTINCT ON (x.source_id, x.dedupe_key, m.id)
                   x.source_id, x.dedupe_key, x.event_id, m.id, x.type, x.params, x.link, x.in_app_only, m.zalo_oa_user_id,
                   COALESCE(m.phone_enc, m.phone) AS phone -- only whether she has one: sealed or not (migration 130)
              FROM (${rows}) AS x(${sql.raw(NOTIFICATION_ROW_COLUMNS)})
              JOIN members m ON m.id = x.member_id
             ORDER BY x.source_id, x.dedupe_key, m.id, x.prio) AS r
           ${recipientChannels(now, opts.everyChannel === true)}
     WHERE ch.channel IS NOT NULL
    ON CONFLICT (source_module, source_id, dedupe_key, recipient_id, channel) DO NOTHING
    RETURNING id, channel`;
}

/** The outbound (Zalo) delivery ids among an insert's returned rows: what the caller enqueues after commit. */
export const outboundIds = (rows: Array<{ id: string; channel: string }>): string[] => rows.filter((r) => r.channel !== "in_app").map((r) => r.id);

/**
 * The outbox for any module: writes the notifications inside the caller's transaction, so that what they tell about
 * and the notifications exist together or not at all. Returns the outbound delivery ids; the caller enqueues them
 * after commit (enqueueDeliveries), and the outbox reconciler catches any it could not.
 */
export async function record(tx: Conn, notifications: Notification | Notification[]): Promise<string[]> {
  const list = (Array.isArray(notifications) ? notifications : [notifications]).filter((n) => n.recipients.length > 0);
  const out: string[] = [];
  for (const n of list) {
    const r = await deliveriesInsert(n.source.module, notificationRows(n), new Date(), { everyChannel: n.everyChannel === true }).execute(tx);
    out.push(...outboundIds(r.rows));
  }
  return out;
}
