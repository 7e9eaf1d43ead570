import { evaluateRouting, nextEscalation, type RoutingRule } from "@hoiso/shared";
import type { Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import { assignUnit, appendEvent } from "./assign.js";
import { dispatch, mergeEffects, noEffects, type Effects } from "./effects.js";
import { liftPetition } from "./petitions.js";
import { loadSettings } from "./settings.js";
import { authorText, staffText } from "./text.js";
import { unitChain } from "./units.js";

const submissionColumns = [
  "id",
  "kind",
  "tracking_code",
  "category_code",
  "author_id",
  "anonymous",
  "sensitive",
  "status",
  "origin_unit_id",
  "routed_at",
  "petition_state",
  "petition_deadline",
  "signature_count",
] as const;

/** Jobs a committed transaction may not have managed to add: re-adding them is harmless (deterministic job ids). */
async function outstandingEffects(tx: Transaction<DB>, submissionId: string): Promise<Effects> {
  const deliveries = await tx
    .selectFrom("deliveries")
    .innerJoin("submission_events as e", "e.id", "deliveries.event_id")
    .select("deliveries.id")
    .where("e.submission_id", "=", submissionId)
    .where("deliveries.status", "=", "pending")
    .where("deliveries.queued_at", "is", null)
    .execute();
  const open = await tx
    .selectFrom("assignments")
    .select(["id", "due_at"])
    .where("submission_id", "=", submissionId)
    .where("closed", "=", false)
    .where("resolved_at", "is", null)
    .where("acknowledged_at", "is", null)
    .where("escalated_at", "is", null)
    .execute();
  return { ...noEffects(), deliveries: deliveries.map((d) => d.id), escalations: open.map((a) => ({ assignmentId: a.id, dueAt: a.due_at })) };
}

/**
 * The `route` job: the responsible unit gets the primary assignment, the timeline says where it went, the unit's
 * cán bộ and the author are notified, and the escalation is scheduled. The submission row is locked and `routed_at`
 * decides, so a second run (a retry, a duplicate, a job recovered from a killed worker) only re-adds missing jobs.
 */
export async function routeSubmission(deps: AppDeps, submissionId: string): Promise<"routed" | "already-routed" | "missing"> {
  const result = await deps.db.transaction().execute(async (tx) => {
    const s = await tx.selectFrom("submissions").select(submissionColumns).where("id", "=", submissionId).forUpdate().executeTakeFirst();
    if (!s) return { outcome: "missing" as const, fx: noEffects() };
    if (s.routed_at) return { outcome: "already-routed" as const, fx: await outstandingEffects(tx, s.id) };

    const category = await tx.selectFrom("categories").selectAll().where("code", "=", s.category_code).executeTakeFirstOrThrow();
    const ruleRows = await tx.selectFrom("routing_rules").selectAll().where("category_code", "=", s.category_code).where("active", "=", true).execute();
    const rules: RoutingRule[] = ruleRows.map((r) => ({
      id: r.id,
      categoryCode: r.category_code,
      originUnitId: r.origin_unit_id,
      targetLevel: r.target_level,
      slaHours: r.sla_hours,
      escalationLevels: r.escalation_levels,
      active: r.active,
    }));
    const chain = await unitChain(tx, s.origin_unit_id);
    const decision = evaluateRouting(
      { code: category.code, handlingLevel: category.handling_level, slaHours: category.sla_hours, private: category.private },
      rules,
      chain,
      s.sensitive,
    );
    const unit = chain.find((u) => u.id === decision.unitId);
    if (!unit) throw new Error(`routing chose unit ${decision.unitId} outside the origin's chain`);
    const now = new Date();
    const item = { kind: s.kind, trackingCode: s.tracking_code };
    const assigned = await assignUnit(tx, {
      submission: s,
      unit,
      reason: "primary",
      fromAssignmentId: null,
      slaHours: decision.slaHours,
      escalationLevels: decision.escalationLevels,
      now,
      event: {
        type: "forwarded",
        actorId: null,
        message: `Đã chuyển đến ${unit.name}.`,
        visibleToAuthor: true,
        detail: { ruleId: decision.ruleId, categoryCode: category.code },
      },
      staffText: (due) => staffText.newAssignment(item, category.name, unit.name, due),
      authorText: authorText.forwarded(item, unit.name),
    });
    let fx = assigned.fx;
    await tx
      .updateTable("submissions")
      .set({ routed_at: now, updated_at: now, status: s.status === "received" ? "forwarded" : s.status })
      .where("id", "=", s.id)
      .execute();
    if (s.kind === "petition" && s.petition_state === "open") {
      const settings = await loadSettings(tx);
      await tx
        .updateTable("submissions")
        .set({ petition_threshold: settings.petitionThresholds[unit.level] })
        .where("id", "=", s.id)
        .execute();
      fx = mergeEffects(fx, await liftPetition(tx, s, settings, now));
      if (s.petition_deadline) fx.petitionDeadlines.push({ submissionId: s.id, at: s.petition_deadline });
    }
    return { outcome: "routed" as const, fx };
  });
  await dispatch(deps, result.fx);
  return result.outcome;
}

/**
 * The `escalate` job (and the sweeper's fallback): an assignment past its deadline with no acknowledgement and no
 * resolution brings in the next unit up (the parent, or the next level of the rule's escalation chain) with a fresh
 * deadline, and schedules that one's escalation in turn. `escalated_at` makes it happen once; the province is the top.
 */
export async function escalateAssignment(deps: AppDeps, assignmentId: string, now = new Date()): Promise<"escalated" | "top" | "no-op"> {
  const result = await deps.db.transaction().execute(async (tx) => {
    const a = await tx.selectFrom("assignments").selectAll().where("id", "=", assignmentId).forUpdate().executeTakeFirst();
    if (!a || a.closed || a.resolved_at || a.acknowledged_at || a.escalated_at || a.due_at > now) return { outcome: "no-op" as const, fx: noEffects() };
    const s = await tx.selectFrom("submissions").select(submissionColumns).where("id", "=", a.submission_id).executeTakeFirstOrThrow();
    await tx.updateTable("assignments").set({ escalated_at: now }).where("id", "=", a.id).execute();
    const chain = await unitChain(tx, a.unit_id);
    const from = chain[chain.length - 1];
    const target = nextEscalation(chain, a.escalation_levels);
    if (!target || !from) {
      // Overdue at the province: nobody above; the inbox keeps showing it as overdue.
      await appendEvent(tx, s.id, { type: "overdue", actorId: null, unitId: a.unit_id, assignmentId: a.id, message: "Quá hạn xử lý.", visibleToAuthor: false }, [], now);
      return { outcome: "top" as const, fx: noEffects() };
    }
    const unit = chain.find((u) => u.id === target.id) ?? from;
    const item = { kind: s.kind, trackingCode: s.tracking_code };
    const assigned = await assignUnit(tx, {
      submission: s,
      unit,
      reason: "escalation",
      fromAssignmentId: a.id,
      slaHours: a.sla_hours,
      escalationLevels: a.escalation_levels,
      now,
      event: {
        type: "escalated",
        actorId: null,
        message: `Quá thời hạn xử lý tại ${from.name}; đã chuyển thêm lên ${unit.name}.`,
        visibleToAuthor: true,
      },
      staffText: (due) => staffText.escalated(item, from.name, unit.name, due),
      authorText: authorText.escalated(item, unit.name),
    });
    return { outcome: "escalated" as const, fx: assigned.fx };
  });
  await dispatch(deps, result.fx);
  return result.outcome;
}
