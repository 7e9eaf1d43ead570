import { sql, type RawBuilder } from "kysely";
import { DISCREET_PARAM } from "../notify/text.js";

type Sql = RawBuilder<unknown>;

/** A message as SQL: its type and its parameters (jsonb), per row or as values. */
export interface SqlMessage {
  type: Sql;
  params: Sql;
}

export interface Told {
  /**
   * The timeline event(s) being told about, as a FROM item that exposes `e` (columns id, submission_id, unit_id,
   * assignment_id) and whatever the expressions below refer to.
   */
  from: Sql;
  /** The item's author and whether the item is private; her message, or null when she is not told. */
  author: { id: Sql; sensitive: Sql; message: SqlMessage } | null;
  /** The message for the cán bộ of the event's unit (e.unit_id), or null when they are not told. */
  staff: SqlMessage | null;
}

/**
 * Who is told about a feedback event, the one place that says it (single actions and the batched routing both build
 * on it): the author, at her item's tracking page — in the app only when the item is private, since a message on her
 * phone could be read by the very person she reported, and marked discreet so that even the in-app list says only
 * the neutral sentence (notify/text.ts) — and every cán bộ or admin holding a role at exactly the
 * event's unit (the people who handle its inbox), at that assignment. A member who is both is told once, as author.
 * Rows in notify's NOTIFICATION_ROW_COLUMNS order, for deliveriesInsert("feedback", …); the dedupe key is the event.
 */
export function toldRows(t: Told): Sql {
  const none = sql`SELECT NULL::text, NULL::text, NULL::bigint, NULL::uuid, NULL::text, NULL::jsonb, NULL::text, NULL::boolean, NULL::int WHERE false`;
  const author = t.author
    ? sql`SELECT e.submission_id::text, e.id::text, e.id, ${t.author.id}::uuid, ${t.author.message.type}::text,
                 CASE WHEN ${t.author.sensitive}::boolean THEN ${t.author.message.params}::jsonb || jsonb_build_object(${DISCREET_PARAM}::text, true)
                      ELSE ${t.author.message.params}::jsonb END,
                 '/phan-anh/theo-doi/' || e.submission_id, ${t.author.sensitive}::boolean, 0
            FROM ${t.from}`
    : none;
  const staff = t.staff
    ? sql`SELECT e.submission_id::text, e.id::text, e.id, r.member_id, ${t.staff.type}::text, ${t.staff.params}::jsonb,
                 '/can-bo/hop-viec/' || e.assignment_id, false, 1000
            FROM ${t.from}
            JOIN roles r ON r.unit_id = e.unit_id AND r.role IN ('can_bo', 'admin')`
    : none;
  return sql`${author} UNION ALL ${staff}`;
}

/** A message given as values (the same for every row). */
export const valueMessage = (type: string, params: Record<string, unknown>): SqlMessage => ({
  type: sql`${type}`,
  params: sql`${JSON.stringify(params)}`,
});
