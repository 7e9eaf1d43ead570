import { sql, type Transaction } from "kysely";
import type { UnitLevelName } from "@hoiso/shared";
import type { DB } from "../../db/types.js";
import { deliveriesInsert } from "../notify/outbox.js";
import { assignedCtes } from "./assigned.js";
import { noEffects, type Effects } from "./effects.js";
import type { AssignmentReason, SubmissionKind } from "./tables.js";
import type { Msg } from "./text.js";
import { toldRows, valueMessage } from "./told.js";

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
  /** What the timeline shows, written out in the reader's language. */
  message: Msg;
  visibleToAuthor: boolean;
  public?: boolean;
  detail?: Record<string, unknown>;
}

const eventValues = (submissionId: string, ev: Omit<NewEvent, "unitId" | "assignmentId">, now: Date) => sql`
  ${submissionId}::uuid, ${ev.type}, ${ev.actorId}::uuid, ${ev.message.type}, ${JSON.stringify(ev.message.params)}::jsonb, ${ev.visibleToAuthor},
  ${ev.public ?? false}, ${JSON.stringify(ev.detail ?? {})}::jsonb, ${now}::timestamptz`;

/**
 * Appends one timeline event and tells its author (when `authorMessage` is given), in one statement; returns the
 * outbound deliveries to enqueue.
 */
export async function appendEvent(
  tx: Transaction<DB>,
  s: Pick<SubmissionRef, "id" | "author_id" | "sensitive">,
  ev: NewEvent,
  authorMessage: Msg | null,
  now = new Date(),
): Promise<{ eventId: number; deliveries: string[] }> {
  const told = toldRows({
    from: sql`e`,
    author: authorMessage ? { id: sql`${s.author_id}`, sensitive: sql`${s.sensitive}`, message: valueMessage(authorMessage.type, authorMessage.params) } : null,
    staff: null,
  });
  const r = await sql<{ event_id: string; outbound: string[] }>`
    WITH e AS (
      INSERT INTO submission_events (submission_id, type, actor_id, message_type, params, visible_to_author, public, detail, created_at, unit_id, assignment_id)
      VALUES (${eventValues(s.id, ev, now)}, ${ev.unitId}::uuid, ${ev.assignmentId ?? null}::uuid)
      RETURNING id, submission_id, unit_id, assignment_id
    ), d AS (${deliveriesInsert("feedback", told, now)})
    SELECT (SELECT id FROM e) AS event_id, coalesce((SELECT array_agg(id) FROM d WHERE channel <> 'in_app'), '{}') AS outbound`.execute(tx);
  const row = r.rows[0];
  if (!row) throw new Error("event not written");
  return { eventId: Number(row.event_id), deliveries: row.outbound };
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
  staffMessage(dueAt: Date): Msg;
  /** The author's notification; null: she is not told (nothing she needs to know). */
  authorMessage: Msg | null;
  /** Revive a closed or resolved assignment of the same unit instead of leaving it be. */
  reopen?: boolean;
  /**
   * false: the unit's cán bộ are not told here, because the caller tells them its own way (the safety module alerts the
   * cán bộ on call on every channel at once). Default true.
   */
  tellStaff?: boolean;
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
  const s = input.submission;
  const author = input.authorMessage;
  const staff = input.staffMessage(dueAt);
  const told = toldRows({
    from: sql`e`,
    author: author ? { id: sql`${s.author_id}`, sensitive: sql`${s.sensitive}`, message: valueMessage(author.type, author.params) } : null,
    staff: input.tellStaff === false ? null : valueMessage(staff.type, staff.params),
  });
  const assigned = assignedCtes(
    [
      {
        submissionId: s.id,
        unitId: input.unit.id,
        reason: input.reason,
        fromAssignmentId: input.fromAssignmentId,
        slaHours: input.slaHours,
        escalationLevels: input.escalationLevels,
        dueAt,
        event: input.event,
      },
    ],
    input.now,
    { reopen: input.reopen ?? false },
  );
  const r = await sql<{ assignment_id: string | null; outbound: string[] }>`
    WITH ${assigned}, d AS (${deliveriesInsert("feedback", told, input.now)})
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
