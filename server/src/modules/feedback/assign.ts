import { sql, type Transaction } from "kysely";
import type { UnitLevelName } from "@hoiso/shared";
import type { DB } from "../../db/types.js";
import { recordNotifications, unitStaff, type Recipient } from "../notify/outbox.js";
import { noEffects, type Effects } from "./effects.js";
import type { AssignmentReason, SubmissionKind } from "./tables.js";

export interface SubmissionRef {
  id: string;
  kind: SubmissionKind;
  tracking_code: string;
  author_id: string;
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
 * route, escalate and petition jobs harmless.
 */
export async function assignUnit(tx: Transaction<DB>, input: AssignInput): Promise<AssignResult> {
  const dueAt = new Date(input.now.getTime() + input.slaHours * 3_600_000);
  let q = tx
    .insertInto("assignments")
    .values({
      submission_id: input.submission.id,
      unit_id: input.unit.id,
      reason: input.reason,
      from_assignment_id: input.fromAssignmentId,
      sla_hours: input.slaHours,
      escalation_levels: input.escalationLevels,
      due_at: dueAt,
      created_at: input.now,
    })
    .returning("id");
  q = input.reopen
    ? q.onConflict((oc) =>
        oc
          .columns(["submission_id", "unit_id"])
          .doUpdateSet({
            closed: false,
            resolved_at: null,
            resolved_by: null,
            acknowledged_at: null,
            acknowledged_by: null,
            escalated_at: null,
            due_at: dueAt,
          })
          .where(sql<boolean>`assignments.closed OR assignments.resolved_at IS NOT NULL`),
      )
    : q.onConflict((oc) => oc.columns(["submission_id", "unit_id"]).doNothing());
  const row = await q.executeTakeFirst();
  if (!row) return { assignmentId: null, created: false, fx: noEffects() };

  const staff = await unitStaff(tx, input.unit.id);
  const recipients: Recipient[] = staff.map((memberId) => ({ memberId, audience: "can_bo", text: input.staffText(dueAt) }));
  if (input.authorText !== null) recipients.unshift({ memberId: input.submission.author_id, audience: "author", text: input.authorText });
  const { deliveries } = await appendEvent(tx, input.submission.id, { ...input.event, unitId: input.unit.id, assignmentId: row.id }, recipients, input.now);
  return {
    assignmentId: row.id,
    created: true,
    fx: { ...noEffects(), deliveries, escalations: [{ assignmentId: row.id, dueAt }] },
  };
}
