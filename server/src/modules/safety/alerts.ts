import type { Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import { within } from "../../queue/within.js";
import { record } from "../notify/outbox.js";
import { onCallNow } from "./oncall.js";
import { ackCheckJobOptions, ackCheckQueue } from "./queues.js";

export interface Alert {
  assignmentId: string;
  submissionId: string;
  trackingCode: string;
  unit: { id: string; name: string };
  /** The unit that did not acknowledge (an escalation), or null for the first alert. */
  fromUnit: string | null;
  now: Date;
  ackMinutes: number;
}

/**
 * Alerts the cán bộ on call at the assignment's unit, on every channel at once (in the app, the OA message and the
 * template message), and records when it must be acknowledged. Inside the caller's transaction; returns the outbound
 * delivery ids and the acknowledgement deadline for after commit. Nobody to alert (no cán bộ at the unit): the
 * deadline is now, so the next level is brought in straight away.
 */
export async function alertOnCall(tx: Transaction<DB>, a: Alert): Promise<{ deliveries: string[]; ackDueAt: Date; alerted: number }> {
  const recipients = await onCallNow(tx, a.unit.id, a.now);
  const ackDueAt = recipients.length > 0 ? new Date(a.now.getTime() + a.ackMinutes * 60_000) : a.now;
  await tx
    .insertInto("safety_alerts")
    .values({ assignment_id: a.assignmentId, submission_id: a.submissionId, unit_id: a.unit.id, alerted_at: a.now, ack_due_at: ackDueAt })
    .onConflict((oc) => oc.column("assignment_id").doNothing())
    .execute();
  const params = { code: a.trackingCode, unit: a.unit.name, fromUnit: a.fromUnit, ackBy: ackDueAt.toISOString() };
  const deliveries = await record(tx, {
    source: { module: "safety", id: a.submissionId },
    key: `alert-${a.assignmentId}`,
    everyChannel: true,
    recipients: recipients.map((memberId) => ({
      memberId,
      type: a.fromUnit ? "safety.staff.escalated" : "safety.staff.urgent",
      params,
      link: `/can-bo/hop-viec/${a.assignmentId}`,
    })),
  });
  return { deliveries, ackDueAt, alerted: recipients.length };
}

/** After commit: the delayed acknowledgement check. Never throws: the reconciler (jobs.ts) re-adds a lost one. */
export async function scheduleAckCheck(deps: AppDeps, assignmentId: string, dueAt: Date): Promise<void> {
  await within(ackCheckQueue.add(deps.queues, "ack-check", { assignmentId }, ackCheckJobOptions(assignmentId, dueAt))).catch(() => undefined);
}
