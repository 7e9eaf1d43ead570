import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import { appendEvent, assignUnit } from "../feedback/assign.js";
import { dispatch, noEffects } from "../feedback/effects.js";
import { authorMsg, eventMsg } from "../feedback/text.js";
import { unitChain } from "../feedback/units.js";
import { alertOnCall, scheduleAckCheck } from "./alerts.js";
import { loadSafetySettings } from "./settings.js";

/**
 * The acknowledgement check (the delayed `ack-check` job, and the reconciler's fallback): an urgent item's assignment
 * nobody acknowledged (nor resolved, nor closed) by its deadline brings in the unit above, whose cán bộ on call are
 * alerted on every channel, with a fresh acknowledgement deadline of their own. `safety_alerts.checked_at`, under
 * the row lock, makes it happen once; the assignment's `escalated_at` is set too, so that feedback's own
 * (hours-long) escalation does not bring the same unit in a second time. The province is the top.
 */
export async function checkAcknowledged(deps: AppDeps, assignmentId: string, now = new Date()): Promise<"escalated" | "top" | "no-op"> {
  const result = await deps.db.transaction().execute(async (tx) => {
    const alert = await tx.selectFrom("safety_alerts").selectAll().where("assignment_id", "=", assignmentId).forUpdate().executeTakeFirst();
    if (!alert || alert.checked_at || alert.ack_due_at > now) return null;
    const a = await tx.selectFrom("assignments").selectAll().where("id", "=", assignmentId).forUpdate().executeTakeFirstOrThrow();
    const acknowledged = a.acknowledged_at !== null || a.resolved_at !== null || a.closed;
    await tx
      .updateTable("safety_alerts")
      .set({ checked_at: now, escalated_at: acknowledged ? null : now })
      .where("assignment_id", "=", assignmentId)
      .execute();
    if (acknowledged) return { outcome: "no-op" as const, fx: noEffects(), next: null };
    const s = await tx
      .selectFrom("submissions")
      .select(["id", "kind", "tracking_code", "author_id", "sensitive"])
      .where("id", "=", a.submission_id)
      .executeTakeFirstOrThrow();
    const chain = await unitChain(tx, a.unit_id);
    const from = chain[chain.length - 1];
    const parent = chain.length >= 2 ? chain[chain.length - 2] : undefined;
    const settings = await loadSafetySettings(tx);
    if (!from || !parent) {
      await appendEvent(
        tx,
        s,
        { type: "overdue", actorId: null, unitId: a.unit_id, assignmentId: a.id, message: { type: "safety.event.noAck", params: { unit: from?.name ?? "" } }, visibleToAuthor: false },
        null,
        now,
      );
      return { outcome: "top" as const, fx: noEffects(), next: null };
    }
    if (!a.escalated_at) await tx.updateTable("assignments").set({ escalated_at: now }).where("id", "=", a.id).execute();
    const item = { kind: s.kind, trackingCode: s.tracking_code };
    const assigned = await assignUnit(tx, {
      submission: s,
      unit: parent,
      reason: "escalation",
      fromAssignmentId: a.id,
      slaHours: settings.resolveHours,
      escalationLevels: [],
      now,
      event: {
        type: "escalated",
        actorId: null,
        message: eventMsg.escalated(from.name, parent.name),
        visibleToAuthor: true,
        detail: { urgent: true, minutes: Math.round((now.getTime() - alert.alerted_at.getTime()) / 60_000) },
      },
      staffMessage: () => ({ type: "safety.staff.escalated", params: {} }),
      authorMessage: authorMsg.escalated(item, parent.name),
      tellStaff: false,
    });
    if (!assigned.assignmentId) return { outcome: "escalated" as const, fx: noEffects(), next: null }; // the parent already had it
    const alerted = await alertOnCall(tx, {
      assignmentId: assigned.assignmentId,
      submissionId: s.id,
      trackingCode: s.tracking_code,
      unit: parent,
      fromUnit: from.name,
      now,
      ackMinutes: settings.ackMinutes,
    });
    return {
      outcome: "escalated" as const,
      fx: { ...assigned.fx, deliveries: [...assigned.fx.deliveries, ...alerted.deliveries] },
      next: { assignmentId: assigned.assignmentId, at: alerted.ackDueAt },
    };
  });
  if (!result) return "no-op";
  await dispatch(deps, result.fx);
  if (result.next) await scheduleAckCheck(deps, result.next.assignmentId, result.next.at);
  return result.outcome;
}

/** Alerts whose acknowledgement deadline passed more than `graceSeconds` ago and were never checked. */
export async function checkOverdueAlerts(deps: AppDeps, graceSeconds: number): Promise<number> {
  const due = await deps.db
    .selectFrom("safety_alerts")
    .select("assignment_id")
    .where("checked_at", "is", null)
    .where("ack_due_at", "<", sql<Date>`now() - make_interval(secs => ${graceSeconds})`)
    .orderBy("ack_due_at")
    .limit(200)
    .execute();
  let n = 0;
  for (const d of due) if ((await checkAcknowledged(deps, d.assignment_id)) !== "no-op") n++;
  return n;
}
