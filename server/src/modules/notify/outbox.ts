import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { DB } from "../../db/types.js";

type Conn = Kysely<DB> | Transaction<DB>;

export interface Recipient {
  memberId: string;
  /** Whom the text was written for; a cán bộ's text never carries the author's identity. */
  audience: "author" | "can_bo";
  text: string;
  /**
   * In the app only, never on Zalo: the author of a private report. A message about it on her phone could be read
   * by the very person she reported.
   */
  inAppOnly?: boolean;
}

/** Recipients as SQL rows (member_id, audience, text, prio, in_app_only); a lower prio wins for a member listed twice. */
export function recipientRows(recipients: Recipient[]): RawBuilder<unknown> {
  return sql`SELECT * FROM unnest(${recipients.map((r) => r.memberId)}::uuid[], ${recipients.map((r) => r.audience)}::text[],
                                  ${recipients.map((r) => r.text)}::text[], ${recipients.map((_, i) => i)}::int[],
                                  ${recipients.map((r) => r.inAppOnly === true)}::boolean[])`;
}

/** The cán bộ and admins holding a role at exactly this unit: the people who handle its inbox. */
export function unitStaffRows(unitId: string, text: string, prio = 1000): RawBuilder<unknown> {
  return sql`SELECT DISTINCT member_id, 'can_bo', ${text}::text, ${prio}::int, false FROM roles WHERE unit_id = ${unitId} AND role IN ('can_bo', 'admin')`;
}

/**
 * The channels of a recipient row `r` (columns in_app_only, zalo_oa_user_id, phone) as rows `ch(channel, status, at)`:
 * always in-app, already delivered; plus one outbound channel when she can be reached on Zalo and the item allows it.
 * Rows whose channel is null are to be filtered out by the caller (WHERE ch.channel IS NOT NULL).
 */
export function recipientChannels(now: Date): RawBuilder<unknown> {
  return sql`CROSS JOIN LATERAL (VALUES
             ('in_app', 'sent', ${now}::timestamptz),
             (CASE WHEN r.in_app_only THEN NULL WHEN r.zalo_oa_user_id IS NOT NULL THEN 'oa_cs' WHEN r.phone IS NOT NULL THEN 'template' END,
              'pending', NULL::timestamptz)
           ) AS ch(channel, status, at)`;
}

/**
 * The notification rows for the event that `eventFrom` yields as `ev(id)` (none if it yields no row), for the
 * recipients that `recipients` yields. Every recipient gets an in-app row (her notification list, delivered as soon
 * as it commits); a member reachable on Zalo also gets one outbound row: the OA consultation message when she has an
 * OA id (the sender falls back to a template message outside the window), else a template message when she has a
 * phone; unless `in_app_only`. One INSERT, to be used inside the statement that writes the event. Returns (id, channel).
 */
export function deliveriesInsert(eventFrom: RawBuilder<unknown>, recipients: RawBuilder<unknown>, now: Date): RawBuilder<unknown> {
  return sql`
    INSERT INTO deliveries (event_id, recipient_id, audience, channel, status, text, sent_at, queued_at)
    SELECT ev.id, r.id, r.audience, ch.channel, ch.status, r.text, ch.at, ch.at
      FROM ${eventFrom},
           (SELECT DISTINCT ON (m.id) m.id, x.audience, x.text, x.in_app_only, m.zalo_oa_user_id, m.phone
              FROM (${recipients}) AS x(member_id, audience, text, prio, in_app_only)
              JOIN members m ON m.id = x.member_id
             ORDER BY m.id, x.prio) AS r
           ${recipientChannels(now)}
     WHERE ch.channel IS NOT NULL
    ON CONFLICT (event_id, recipient_id, channel) DO NOTHING
    RETURNING id, channel`;
}

/**
 * Writes the notification rows for one event, inside the caller's transaction, so that the event and its
 * notifications exist together or not at all. Returns the outbound rows just created; the caller enqueues them
 * after commit (the outbox reconciler catches any it could not).
 */
export async function recordNotifications(tx: Conn, eventId: number, recipients: Recipient[]): Promise<string[]> {
  if (recipients.length === 0) return [];
  const rows = await deliveriesInsert(sql`(SELECT ${eventId}::bigint AS id) AS ev`, recipientRows(recipients), new Date()).execute(tx);
  return (rows.rows as Array<{ id: string; channel: string }>).filter((r) => r.channel !== "in_app").map((r) => r.id);
}
