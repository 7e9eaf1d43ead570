import { nextEscalation, type UnitLevelName } from "@hoiso/shared";
import { sql, type Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import { assignUnit, appendEvent } from "./assign.js";
import { dispatch, mergeEffects, noEffects, type Effects } from "./effects.js";
import { liftPetition } from "./petitions.js";
import { decideRouting, type RuleRow } from "./routing-decision.js";
import { loadSettings } from "./settings.js";
import { authorMsg, eventMsg, staffMsg } from "./text.js";
import type { SubmissionKind, SubmissionStatus } from "./tables.js";
import { unitChain, type ChainUnit } from "./units.js";

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

export interface RoutingRow {
  id: string;
  kind: SubmissionKind;
  tracking_code: string;
  category_code: string;
  author_id: string;
  anonymous: boolean;
  sensitive: boolean;
  status: SubmissionStatus;
  origin_unit_id: string;
  routed_at: Date | null;
  petition_state: "open" | "reached" | "not_reached" | null;
  petition_deadline: Date | null;
  signature_count: number;
  category_name: string;
  handling_level: UnitLevelName;
  sla_hours: number;
  private: boolean;
  rules: RuleRow[];
  chain: ChainUnit[];
}

/**
 * Claims the submission for routing and loads what routing needs, in one round trip (routing is the worker's hot
 * path): the UPDATE sets `routed_at` only where it is still null, which row-locks it for the rest of the
 * transaction, and returns it with its category, the category's active rules and the origin's unit chain (province
 * first). No row: missing or already routed. If anything after it fails, the transaction undoes the claim.
 */
export async function claimForRouting(
  tx: Transaction<DB>,
  ids: string[],
  now: Date,
  opts: { skipPetitions?: boolean } = {},
): Promise<RoutingRow[]> {
  const r = await sql<RoutingRow>`
    UPDATE submissions s
       SET routed_at = ${now}, updated_at = ${now}, queued_at = coalesce(s.queued_at, ${now}),
           status = CASE WHEN s.status = 'received' THEN 'forwarded' ELSE s.status END
      FROM categories c, units o
     WHERE s.id = ANY(${ids}::uuid[]) AND s.routed_at IS NULL AND c.code = s.category_code AND o.id = s.origin_unit_id
       AND (${opts.skipPetitions === true} = false OR s.kind <> 'petition')
    RETURNING s.id, s.kind, s.tracking_code, s.category_code, s.author_id, s.anonymous, s.sensitive, s.status, s.origin_unit_id,
              s.routed_at, s.petition_state, s.petition_deadline, s.signature_count,
              c.name AS category_name, c.handling_level, c.sla_hours, c.private,
              (SELECT coalesce(json_agg(r), '[]') FROM routing_rules r WHERE r.category_code = s.category_code AND r.active) AS rules,
              (SELECT json_agg(json_build_object('id', u.id, 'level', u.level, 'name', u.name, 'path', u.path, 'active', u.active) ORDER BY length(u.path))
                 FROM units u WHERE u.id = ANY(string_to_array(btrim(o.path, '/'), '/')::uuid[])) AS chain`.execute(tx);
  return r.rows;
}

/** Where a claimed submission goes, by the routing rules, and what everyone is told. */
export function primaryDecision(s: RoutingRow) {
  const category = { code: s.category_code, name: s.category_name, handling_level: s.handling_level, sla_hours: s.sla_hours, private: s.private };
  const decision = decideRouting(category, s.rules, s.chain, s.sensitive);
  const unit = s.chain.find((u) => u.id === decision.unitId);
  if (!unit) throw new Error(`routing chose unit ${decision.unitId} outside the origin's chain`);
  const item = { kind: s.kind, trackingCode: s.tracking_code };
  return {
    category,
    decision,
    unit,
    event: {
      type: "forwarded",
      actorId: null,
      message: eventMsg.routed(unit.name),
      visibleToAuthor: true,
      detail: { ruleId: decision.ruleId, categoryCode: category.code },
    },
    staffMessage: (due: Date) => staffMsg.newAssignment(item, category, unit.name, due),
    authorMessage: authorMsg.forwarded(item, unit.name),
  };
}

/** Jobs a committed transaction may not have managed to add: re-adding them is harmless (deterministic job ids). */
async function outstandingEffects(tx: Transaction<DB>, submissionId: string): Promise<Effects> {
  const deliveries = await tx
    .selectFrom("deliveries")
    .select("deliveries.id")
    .where("deliveries.source_module", "=", "feedback")
    .where("deliveries.source_id", "=", submissionId)
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
 * cán bộ and the author are notified, and the escalation is scheduled, in one transaction of two statements. The
 * claim on `routed_at` decides, so a second run (a retry, a duplicate, a job recovered from a killed worker) only
 * re-adds missing jobs.
 */
export async function routeSubmission(deps: AppDeps, submissionId: string): Promise<"routed" | "already-routed" | "missing"> {
  const result = await deps.db.transaction().execute(async (tx) => {
    const now = new Date();
    const [s] = await claimForRouting(tx, [submissionId], now);
    if (!s) {
      const exists = await tx.selectFrom("submissions").select("id").where("id", "=", submissionId).forUpdate().executeTakeFirst();
      if (!exists) return { outcome: "missing" as const, fx: noEffects() };
      return { outcome: "already-routed" as const, fx: await outstandingEffects(tx, submissionId) };
    }
    const d = primaryDecision(s);
    const unit = d.unit;
    const assigned = await assignUnit(tx, {
      submission: s,
      unit,
      reason: "primary",
      fromAssignmentId: null,
      slaHours: d.decision.slaHours,
      escalationLevels: d.decision.escalationLevels,
      now,
      event: d.event,
      staffMessage: d.staffMessage,
      authorMessage: d.authorMessage,
    });
    let fx = assigned.fx;
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
      await appendEvent(tx, s, { type: "overdue", actorId: null, unitId: a.unit_id, assignmentId: a.id, message: eventMsg.overdue(), visibleToAuthor: false }, null, now);
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
        message: eventMsg.escalated(from.name, unit.name),
        visibleToAuthor: true,
      },
      staffMessage: (due) => staffMsg.escalated(item, from.name, unit.name, due),
      authorMessage: authorMsg.escalated(item, unit.name),
    });
    return { outcome: "escalated" as const, fx: assigned.fx };
  });
  await dispatch(deps, result.fx);
  return result.outcome;
}
