import { FeedbackErrorCode, type ActionResult, type ForwardBody } from "@hoiso/shared";
import type { Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import { AppError, badRequest, notFound, unitNotFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { actsOn, staffScope } from "./access.js";
import { appendEvent, assignUnit } from "./assign.js";
import { dispatch, mergeEffects, noEffects, type Effects } from "./effects.js";
import { checkProof, linkProof } from "./proof.js";
import { outsideScope, assignmentStatus } from "./staff.js";
import { authorMsg, eventMsg, staffMsg } from "./text.js";
import type { SubmissionStatus } from "./tables.js";

type Tx = Transaction<DB>;

/** The assignment (locked with its submission), after the guard: 404 unknown, 403 outside her scope, 409 closed. */
async function load(tx: Tx, auth: AuthContext, assignmentId: string) {
  const ref = await tx.selectFrom("assignments").select("submission_id").where("id", "=", assignmentId).executeTakeFirst();
  if (!ref) throw notFound("Không tìm thấy việc được giao này.");
  // Every action on a submission takes its row lock first, so two cán bộ acting at once see each other's result.
  const s = await tx
    .selectFrom("submissions as s")
    .innerJoin("categories as c", "c.code", "s.category_code")
    .select(["s.id", "s.kind", "s.tracking_code", "s.author_id", "s.status", "s.sensitive", "c.name as category_name"])
    .where("s.id", "=", ref.submission_id)
    .forUpdate("s")
    .executeTakeFirstOrThrow();
  const a = await tx
    .selectFrom("assignments as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .selectAll("a")
    .select(["u.name as unit_name", "u.path as unit_path"])
    .where("a.id", "=", assignmentId)
    .executeTakeFirstOrThrow();
  const scope = await staffScope(tx, auth);
  if (!actsOn(scope, s.sensitive, { unitId: a.unit_id, path: a.unit_path, closed: a.closed })) throw outsideScope();
  if (a.closed) throw new AppError(409, FeedbackErrorCode.ASSIGNMENT_CLOSED, "Việc này đã được chuyển cho đơn vị khác hoặc đã kết thúc.");
  const item = { kind: s.kind, trackingCode: s.tracking_code };
  return { a, s, item };
}

type Loaded = Awaited<ReturnType<typeof load>>;

async function result(tx: Tx, assignmentId: string, submissionId: string): Promise<ActionResult> {
  const a = await tx
    .selectFrom("assignments as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .select(["a.id", "a.unit_id", "u.name", "a.reason", "a.due_at", "a.closed", "a.resolved_at", "a.acknowledged_at"])
    .where("a.id", "=", assignmentId)
    .executeTakeFirstOrThrow();
  const s = await tx.selectFrom("submissions").select("status").where("id", "=", submissionId).executeTakeFirstOrThrow();
  return {
    assignment: {
      id: a.id,
      unitId: a.unit_id,
      unitName: a.name,
      reason: a.reason,
      status: assignmentStatus(a),
      dueAt: a.due_at.toISOString(),
      overdue: !a.closed && !a.resolved_at && a.due_at < new Date(),
      acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
      resolvedAt: a.resolved_at?.toISOString() ?? null,
    },
    submissionStatus: s.status,
  };
}

async function run(deps: AppDeps, auth: AuthContext, assignmentId: string, act: (tx: Tx, l: Loaded, now: Date) => Promise<Effects>): Promise<ActionResult> {
  const { out, fx } = await deps.db.transaction().execute(async (tx) => {
    const l = await load(tx, auth, assignmentId);
    const now = new Date();
    const fx = await act(tx, l, now);
    return { out: await result(tx, assignmentId, l.s.id), fx };
  });
  await dispatch(deps, fx);
  return out;
}

const OPEN_STATUSES: SubmissionStatus[] = ["received", "forwarded"];

/** Acknowledging stops the escalation clock; done implicitly by a reply or an outside forward. */
async function acknowledge(tx: Tx, auth: AuthContext, l: Loaded, now: Date): Promise<Effects> {
  if (l.a.acknowledged_at || l.a.resolved_at) return noEffects();
  await tx.updateTable("assignments").set({ acknowledged_at: now, acknowledged_by: auth.memberId }).where("id", "=", l.a.id).execute();
  if (OPEN_STATUSES.includes(l.s.status)) {
    await tx.updateTable("submissions").set({ status: "acknowledged", updated_at: now }).where("id", "=", l.s.id).execute();
  }
  const { deliveries } = await appendEvent(
    tx,
    l.s,
    { type: "acknowledged", actorId: auth.memberId, unitId: l.a.unit_id, assignmentId: l.a.id, message: eventMsg.acknowledged(l.a.unit_name), visibleToAuthor: true },
    authorMsg.acknowledged(l.item, l.a.unit_name),
    now,
  );
  return { ...noEffects(), deliveries };
}

export const ack = (deps: AppDeps, auth: AuthContext, id: string) => run(deps, auth, id, (tx, l, now) => acknowledge(tx, auth, l, now));

export const reply = (deps: AppDeps, auth: AuthContext, id: string, message: string, isPublic: boolean, mediaIds?: string[]) =>
  run(deps, auth, id, async (tx, l, now) => {
    const text = message.trim();
    if (!text) throw badRequest("Chị vui lòng nhập nội dung trả lời.", "message", FeedbackErrorCode.TEXT_EMPTY);
    const proof = await checkProof(tx, auth.memberId, mediaIds);
    const fx = await acknowledge(tx, auth, l, now);
    if (l.s.status !== "resolved" && l.s.status !== "closed") {
      await tx.updateTable("submissions").set({ status: "replied", updated_at: now }).where("id", "=", l.s.id).execute();
    }
    const { eventId, deliveries } = await appendEvent(
      tx,
      l.s,
      // a private item has no public page: its replies stay between the Hội and her
      { type: "replied", actorId: auth.memberId, unitId: l.a.unit_id, assignmentId: l.a.id, message: eventMsg.replied(text), visibleToAuthor: true, public: isPublic && !l.s.sensitive },
      authorMsg.replied(l.item, l.a.unit_name, text),
      now,
    );
    await linkProof(tx, eventId, proof);
    return mergeEffects(fx, { ...noEffects(), deliveries });
  });

async function targetUnit(tx: Tx, unitId: string) {
  const u = await tx.selectFrom("units").select(["id", "name", "active"]).where("id", "=", unitId).executeTakeFirst();
  if (!u) throw unitNotFound();
  if (!u.active) throw badRequest("Đơn vị này đã được sáp nhập hoặc ngừng hoạt động.", "unitId", FeedbackErrorCode.UNIT_INACTIVE);
  return u;
}

/** To another Hội unit (which then handles it too) or to an outside agency (the Hội keeps following it). */
export const forward = (deps: AppDeps, auth: AuthContext, id: string, body: ForwardBody) =>
  run(deps, auth, id, async (tx, l, now) => {
    const note = body.note.trim();
    if (Boolean(body.unitId) === Boolean(body.agency?.trim()) || !note) {
      throw badRequest("Chị vui lòng chọn một đơn vị Hội hoặc ghi tên một cơ quan, và ghi chú nội dung chuyển.", "unitId", FeedbackErrorCode.FORWARD_TARGET_REQUIRED);
    }
    if (body.agency) {
      const agency = body.agency.trim();
      const fx = await acknowledge(tx, auth, l, now);
      const { deliveries } = await appendEvent(
        tx,
        l.s,
        {
          type: "forwarded_external",
          actorId: auth.memberId,
          unitId: l.a.unit_id,
          assignmentId: l.a.id,
          message: eventMsg.forwardedExternal(l.a.unit_name, agency),
          visibleToAuthor: true,
          detail: { agency, note },
        },
        authorMsg.forwardedExternal(l.item, agency),
        now,
      );
      return mergeEffects(fx, { ...noEffects(), deliveries });
    }
    const unit = await targetUnit(tx, body.unitId as string);
    if (unit.id === l.a.unit_id) throw badRequest("Chị vui lòng chọn một đơn vị khác.", "unitId", FeedbackErrorCode.FORWARD_TARGET_REQUIRED);
    // Passing it on is handling it: the sender's escalation clock stops, as with an outside forward.
    const acked = await acknowledge(tx, auth, l, now);
    const r = await assignUnit(tx, {
      submission: l.s,
      unit,
      reason: "forward",
      fromAssignmentId: l.a.id,
      slaHours: l.a.sla_hours,
      escalationLevels: l.a.escalation_levels,
      now,
      reopen: true,
      event: { type: "forwarded", actorId: auth.memberId, message: eventMsg.forwarded(l.a.unit_name, unit.name), visibleToAuthor: true, detail: { note, fromUnitId: l.a.unit_id } },
      staffMessage: () => staffMsg.forwarded(l.item, l.a.unit_name, unit.name),
      authorMessage: authorMsg.forwarded(l.item, unit.name),
    });
    return mergeEffects(acked, r.fx);
  });

/** "Not ours — belongs to X": this unit hands it over (its assignment closes) and X gets it, never dropped. */
export const reroute = (deps: AppDeps, auth: AuthContext, id: string, unitId: string, note: string) =>
  run(deps, auth, id, async (tx, l, now) => {
    const unit = await targetUnit(tx, unitId);
    if (unit.id === l.a.unit_id) throw badRequest("Chị vui lòng chọn đơn vị đúng trách nhiệm, khác đơn vị hiện tại.", "unitId", FeedbackErrorCode.FORWARD_TARGET_REQUIRED);
    await tx.updateTable("assignments").set({ closed: true }).where("id", "=", l.a.id).execute();
    const r = await assignUnit(tx, {
      submission: l.s,
      unit,
      reason: "reroute",
      fromAssignmentId: l.a.id,
      slaHours: l.a.sla_hours,
      escalationLevels: l.a.escalation_levels,
      now,
      reopen: true,
      event: {
        type: "rerouted",
        actorId: auth.memberId,
        message: eventMsg.rerouted(l.a.unit_name, unit.name),
        visibleToAuthor: true,
        detail: { note: note.trim(), fromUnitId: l.a.unit_id },
      },
      staffMessage: () => staffMsg.rerouted(l.item, l.a.unit_name, unit.name),
      authorMessage: authorMsg.rerouted(l.item, unit.name),
    });
    if (!r.created) {
      // X already has it open: the hand-over still happened, record it without a second notification.
      await appendEvent(
        tx,
        l.s,
        { type: "rerouted", actorId: auth.memberId, unitId: unit.id, assignmentId: l.a.id, message: eventMsg.handedBack(l.a.unit_name, unit.name), visibleToAuthor: false, detail: { note: note.trim() } },
        null,
        now,
      );
    }
    if (l.s.status !== "resolved" && l.s.status !== "closed") {
      await tx.updateTable("submissions").set({ status: "forwarded", updated_at: now }).where("id", "=", l.s.id).execute();
    }
    return r.fx;
  });

/** Resolved: every other unit's open assignment closes with it; the follow-up question is scheduled. */
export const resolve = (deps: AppDeps, auth: AuthContext, id: string, message: string, followUpDays: number, mediaIds?: string[]) =>
  run(deps, auth, id, async (tx, l, now) => {
    const text = message.trim();
    if (!text) throw badRequest("Chị vui lòng ghi kết quả giải quyết.", "message", FeedbackErrorCode.TEXT_EMPTY);
    const proof = await checkProof(tx, auth.memberId, mediaIds);
    if (l.a.resolved_at) return noEffects();
    await tx
      .updateTable("assignments")
      .set({ resolved_at: now, resolved_by: auth.memberId, acknowledged_at: l.a.acknowledged_at ?? now, acknowledged_by: l.a.acknowledged_by ?? auth.memberId })
      .where("id", "=", l.a.id)
      .execute();
    await tx
      .updateTable("assignments")
      .set({ closed: true })
      .where("submission_id", "=", l.s.id)
      .where("id", "!=", l.a.id)
      .where("closed", "=", false)
      .where("resolved_at", "is", null)
      .execute();
    await tx
      .updateTable("submissions")
      .set({ status: "resolved", resolved_at: now, resolved_assignment_id: l.a.id, follow_up_asked_at: null, follow_up_answer: null, updated_at: now })
      .where("id", "=", l.s.id)
      .execute();
    const { eventId, deliveries } = await appendEvent(
      tx,
      l.s,
      { type: "resolved", actorId: auth.memberId, unitId: l.a.unit_id, assignmentId: l.a.id, message: eventMsg.resolved(text), visibleToAuthor: true },
      authorMsg.resolved(l.item, l.a.unit_name, text),
      now,
    );
    await linkProof(tx, eventId, proof);
    return { ...noEffects(), deliveries, followUps: [{ submissionId: l.s.id, resolvedAt: now, at: new Date(now.getTime() + followUpDays * 86_400_000) }] };
  });

const ROUTE_NAME = { khieu_nai: "khiếu nại", to_cao: "tố cáo" } as const;

/**
 * "This is a khiếu nại / tố cáo": it follows its own legal procedure (Luật Khiếu nại 2011, Luật Tố cáo 2018) before
 * the competent authority, not the Hội. The item closes — every unit's assignment with it, no follow-up question,
 * since the Hội did not solve it — and she is shown the procedure (the Mini App's guidance card) and the cán bộ's note
 * on where exactly to file it.
 */
export const closeAsLegal = (deps: AppDeps, auth: AuthContext, id: string, route: "khieu_nai" | "to_cao", note: string) =>
  run(deps, auth, id, async (tx, l, now) => {
    if (l.s.status === "closed") throw new AppError(409, FeedbackErrorCode.ASSIGNMENT_CLOSED, "Nội dung này đã kết thúc.");
    await tx
      .updateTable("assignments")
      .set({ resolved_at: now, resolved_by: auth.memberId, acknowledged_at: l.a.acknowledged_at ?? now, acknowledged_by: l.a.acknowledged_by ?? auth.memberId })
      .where("id", "=", l.a.id)
      .execute();
    await tx.updateTable("assignments").set({ closed: true }).where("submission_id", "=", l.s.id).where("id", "!=", l.a.id).where("closed", "=", false).execute();
    await tx.updateTable("submissions").set({ status: "closed", legal_route: route, resolved_at: now, updated_at: now }).where("id", "=", l.s.id).execute();
    const text = note.trim();
    const { deliveries } = await appendEvent(
      tx,
      l.s,
      {
        type: "legal_route",
        actorId: auth.memberId,
        unitId: l.a.unit_id,
        assignmentId: l.a.id,
        message: { type: route === "khieu_nai" ? "feedback.event.legalKhieuNai" : "feedback.event.legalToCao", params: { note: text } },
        visibleToAuthor: true,
        detail: { route },
      },
      { type: "feedback.author.legalRoute", params: { kind: l.item.kind, code: l.item.trackingCode, unit: l.a.unit_name, routeName: ROUTE_NAME[route] } },
      now,
    );
    return { ...noEffects(), deliveries };
  });
