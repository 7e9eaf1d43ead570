import { sql, type RawBuilder } from "kysely";
import type { UnitLevelName } from "@hoiso/shared";
import type { NewEvent } from "./assign.js";
import type { AssignmentReason } from "./tables.js";

/** One unit to put a submission in front of, and the timeline event that records why. */
export interface Assignment {
  submissionId: string;
  unitId: string;
  reason: AssignmentReason;
  fromAssignmentId: string | null;
  slaHours: number;
  escalationLevels: readonly UnitLevelName[];
  dueAt: Date;
  event: Omit<NewEvent, "unitId" | "assignmentId">;
}

/**
 * What gets assigned, the one place that says it (a single assignment and the batched routing both build on it):
 * CTEs `i` (the rows given), `a` (the assignments written, RETURNING id, submission_id, unit_id, due_at) and `e`
 * (one event per assignment written, at its unit and assignment, RETURNING id, submission_id, unit_id,
 * assignment_id) for a WITH clause; the caller adds who is told (told.ts) and what it reads back.
 *
 * At most one assignment per unit and submission: an existing one is left as it is and gets no event, unless
 * `reopen` and it has finished (closed or resolved), in which case it starts again with the new deadline.
 */
export function assignedCtes(rows: readonly Assignment[], now: Date, opts: { reopen?: boolean } = {}): RawBuilder<unknown> {
  const col = <T>(f: (r: Assignment) => T) => rows.map(f);
  const conflict = opts.reopen
    ? sql`ON CONFLICT (submission_id, unit_id) DO UPDATE
            SET closed = false, resolved_at = NULL, resolved_by = NULL, acknowledged_at = NULL, acknowledged_by = NULL,
                escalated_at = NULL, due_at = EXCLUDED.due_at
          WHERE assignments.closed OR assignments.resolved_at IS NOT NULL`
    : sql`ON CONFLICT DO NOTHING`;
  return sql`
    i AS (
      SELECT * FROM unnest(${col((r) => r.submissionId)}::uuid[], ${col((r) => r.unitId)}::uuid[], ${col((r) => r.reason)}::text[],
                           ${col((r) => r.fromAssignmentId)}::uuid[], ${col((r) => r.slaHours)}::float8[],
                           ${col((r) => JSON.stringify(r.escalationLevels))}::jsonb[], ${col((r) => r.dueAt)}::timestamptz[],
                           ${col((r) => r.event.type)}::text[], ${col((r) => r.event.actorId)}::uuid[], ${col((r) => r.event.message.type)}::text[],
                           ${col((r) => JSON.stringify(r.event.message.params))}::jsonb[], ${col((r) => r.event.visibleToAuthor)}::boolean[],
                           ${col((r) => r.event.public ?? false)}::boolean[], ${col((r) => JSON.stringify(r.event.detail ?? {}))}::jsonb[])
        AS t(sid, unit_id, reason, from_assignment_id, sla_hours, levels, due_at,
             event_type, actor_id, message_type, params, visible_to_author, public, detail)
    ), a AS (
      INSERT INTO assignments (submission_id, unit_id, reason, from_assignment_id, sla_hours, escalation_levels, due_at, created_at)
      SELECT sid, unit_id, reason, from_assignment_id, sla_hours, ARRAY(SELECT jsonb_array_elements_text(levels)), due_at, ${now}::timestamptz FROM i
      ${conflict}
      RETURNING id, submission_id, unit_id, due_at
    ), e AS (
      INSERT INTO submission_events (submission_id, type, actor_id, unit_id, assignment_id, message_type, params, visible_to_author, public, detail, created_at)
      SELECT a.submission_id, i.event_type, i.actor_id, a.unit_id, a.id, i.message_type, i.params, i.visible_to_author, i.public, i.detail, ${now}::timestamptz
        FROM a JOIN i ON i.sid = a.submission_id AND i.unit_id = a.unit_id
      RETURNING id, submission_id, unit_id, assignment_id
    )`;
}
