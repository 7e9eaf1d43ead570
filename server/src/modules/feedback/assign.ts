import { sql, type Transaction } from "kysely";
import type { UnitLevelName } from "@hoiso/shared";
import type { DB } from "../../db/types.js";
import { deliveriesInsert, recipientRows, recordNotifications, unitStaffRows, type Recipient } from "../notify/outbox.js";
import { noEffects, type Effects } from "./effects.js";
import type { AssignmentReason, SubmissionKind } from "./tables.js";

export interface SubmissionRef {
  id: string;
  kind: SubmissionKind;
  tracking_code: string;
  author_id: string;
  sensitive: boolean;
}

export interface NewEvent {
  type: string;
  actorId: string | null;
  unitId: string | null;
  assignmentId?: string | null;
  /** What the timeline shows. */
  message: string;
  visibleToAuthor: boolean;
  public?: boolean;
  detail?: Record<string, unknown>;
}

/** Appends one timeline event and its notifications; returns the outbound deliveries to enqueue. */
export async function appendEvent(
  tx: Transaction<DB>,
  submissionId: string,
  ev: NewEvent,
  recipients: Recipient[],
  now = new Date(),
): Promise<{ eventId: number; deliveries: string[] }> {
  const row = await tx
    .insertInto("submission_events")
    .values({
      submission_id: submissionId,
      type: ev.type,
      actor_id: ev.actorId,
      unit_id: ev.unitId,
      assignment_id: ev.assignmentId ?? null,
      message: ev.message,
      visible_to_author: ev.visibleToAuthor,
      public: ev.public ?? false,
      detail: JSON.stringify(ev.detail ?? {}),
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const deliveries = await recordNotifications(tx, row.id, recipients);
  return { eventId: row.id, deliveries };
}

export interface AssignInput {
  submission: SubmissionRef;
  unit: { id: string; name: string };
  reason: AssignmentReason;
  fromAssignmentId: string | null;
  slaHours: number;
  escalationLevels: UnitLevelName[];
  now: Date;
  event: Omit<NewEvent, "unitId" | "assignmentId">;
  /** The cán bộ's notification, given the new deadline. */
  staffText(dueAt: Date): string;
  /** The author's notification; null: she is not told (nothing she needs to know). */
  authorText: string | null;
  /** Revive a closed or resolved assignment of the same unit instead of leaving it be. */
  reopen?: boolean;
}

export interface AssignResult {
  assignmentId: string | null;
  created: boolean;
  fx: Effects;
}

/**
 * Puts the submission in a unit's inbox with a deadline, records why, tells the unit's cán bộ and the author, and
 * leaves the escalation job for after commit. At most one assignment per unit and submission: a second call for the
 * same unit changes nothing (unless `reopen` and the existing one is finished), which is what makes re-running
 * route, escalate and petition jobs harmless. One statement writes the assignment, its event and every notification
 * (the event and notifications only if the assignment was new or reopened).
 */
export async function assignUnit(tx: Transaction<DB>, input: AssignInput): Promise<AssignResult> {
  const dueAt = new Date(input.now.getTime() + input.slaHours * 3_600_000);
  const author: Recipient[] = input.authorText !== null ? [{ memberId: input.submission.author_id, audience: "author", text: input.authorText, inAppOnly: input.submission.sensitive }] : [];
  const recipients = sql`${recipientRows(author)} UNION ALL ${unitStaffRows(input.unit.id, input.staffText(dueAt))}`;
  const conflict = input.reopen
    ? sql`ON CONFLICT (submission_id, unit_id) DO UPDATE
            SET closed = false, resolved_at = NULL, resolved_by = NULL, acknowledged_at = NULL, acknowledged_by = NULL,
                escalated_at = NULL, due_at = EXCLUDED.due_at
          WHERE assignments.closed OR assignments.resolved_at IS NOT NULL`
    : sql`ON CONFLICT DO NOTHING`;
  const ev = input.event;
  const r = await sql<{ assignment_id: string | null; outbound: string[] }>`
    WITH a AS (
      INSERT INTO assignments (submission_id, unit_id, reason, from_assignment_id, sla_hours, escalation_levels, due_at, created_at)
      VALUES (${input.submission.id}, ${input.unit.id}, ${input.reason}, ${input.fromAssignmentId}, ${input.slaHours},
              ${input.escalationLevels}::text[], ${dueAt}, ${input.now})
      ${conflict}
      RETURNING id
    ), e AS (
      INSERT INTO submission_events (submission_id, type, actor_id, unit_id, assignment_id, message, visible_to_author, public, detail, created_at)
      SELECT ${input.submission.id}, ${ev.type}, ${ev.actorId}, ${input.unit.id}, a.id, ${ev.message}, ${ev.visibleToAuthor}, ${ev.public ?? false},
             ${JSON.stringify(ev.detail ?? {})}::jsonb, ${input.now}
        FROM a
      RETURNING id
    ), d AS (${deliveriesInsert(sql`e AS ev`, recipients, input.now)})
    SELECT (SELECT id FROM a) AS assignment_id,
           coalesce((SELECT array_agg(id) FROM d WHERE channel <> 'in_app'), '{}') AS outbound`.execute(tx);
  const row = r.rows[0];
  if (!row?.assignment_id) return { assignmentId: null, created: false, fx: noEffects() };
  return {
    assignmentId: row.assignment_id,
    created: true,
    fx: { ...noEffects(), deliveries: row.outbound, escalations: [{ assignmentId: row.assignment_id, dueAt }] },
  };
}
