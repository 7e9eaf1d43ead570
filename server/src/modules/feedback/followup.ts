import { FeedbackErrorCode, type SubmissionStatus } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { AppError, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { appendEvent, assignUnit } from "./assign.js";
import { dispatch, noEffects } from "./effects.js";
import { authorMsg, eventMsg, staffMsg } from "./text.js";

/**
 * The `follow-up` job (and the sweeper): some days after a resolution the author is asked whether it really is
 * solved. Asked once per resolution: a job for an older resolution, or a second run, does nothing.
 */
export async function askFollowUp(deps: AppDeps, submissionId: string, resolvedAt: Date | null): Promise<"asked" | "no-op"> {
  const fx = await deps.db.transaction().execute(async (tx) => {
    const s = await tx
      .selectFrom("submissions")
      .select(["id", "kind", "tracking_code", "author_id", "sensitive", "status", "resolved_at", "follow_up_asked_at"])
      .where("id", "=", submissionId)
      .forUpdate()
      .executeTakeFirst();
    if (!s || s.status !== "resolved" || !s.resolved_at || s.follow_up_asked_at) return null;
    if (resolvedAt && s.resolved_at.getTime() !== resolvedAt.getTime()) return null;
    const now = new Date();
    await tx.updateTable("submissions").set({ follow_up_asked_at: now, updated_at: now }).where("id", "=", s.id).execute();
    const item = { kind: s.kind, trackingCode: s.tracking_code };
    const { deliveries } = await appendEvent(
      tx,
      s,
      { type: "follow_up_asked", actorId: null, unitId: null, message: eventMsg.followUpAsked(), visibleToAuthor: true },
      authorMsg.followUpQuestion(item),
      now,
    );
    return { ...noEffects(), deliveries };
  });
  if (!fx) return "no-op";
  await dispatch(deps, fx);
  return "asked";
}

/**
 * Her answer. "Yes" closes the item. "No" reopens it at the unit that resolved it, with a fresh deadline (and so a
 * fresh escalation), and tells that unit's cán bộ.
 */
export async function answerFollowUp(deps: AppDeps, auth: AuthContext, submissionId: string, resolved: boolean): Promise<SubmissionStatus> {
  const { status, fx } = await deps.db.transaction().execute(async (tx) => {
    const s = await tx
      .selectFrom("submissions")
      .select(["id", "kind", "tracking_code", "author_id", "sensitive", "status", "resolved_assignment_id"])
      .where("id", "=", submissionId)
      .forUpdate()
      .executeTakeFirst();
    if (!s || s.author_id !== auth.memberId) throw notFound("Không tìm thấy nội dung này.");
    if (s.status !== "resolved") {
      throw new AppError(409, FeedbackErrorCode.FOLLOW_UP_NOT_OPEN, "Nội dung này chưa được báo là đã giải quyết, hoặc chị đã trả lời rồi.");
    }
    const now = new Date();
    const item = { kind: s.kind, trackingCode: s.tracking_code };
    if (resolved) {
      await tx.updateTable("submissions").set({ status: "closed", follow_up_answer: true, updated_at: now }).where("id", "=", s.id).execute();
      const { deliveries } = await appendEvent(
        tx,
        s,
        { type: "closed", actorId: auth.memberId, unitId: null, message: eventMsg.closed(), visibleToAuthor: true },
        authorMsg.closed(item),
        now,
      );
      return { status: "closed" as const, fx: { ...noEffects(), deliveries } };
    }
    const a = s.resolved_assignment_id
      ? await tx
          .selectFrom("assignments as a")
          .innerJoin("units as u", "u.id", "a.unit_id")
          .select(["a.id", "a.unit_id", "u.name", "a.sla_hours", "a.escalation_levels", "a.reason", "a.from_assignment_id"])
          .where("a.id", "=", s.resolved_assignment_id)
          .executeTakeFirst()
      : undefined;
    if (!a) throw new AppError(409, FeedbackErrorCode.FOLLOW_UP_NOT_OPEN, "Không xác định được đơn vị đã giải quyết nội dung này.");
    await tx
      .updateTable("submissions")
      .set({ status: "forwarded", follow_up_answer: false, resolved_at: null, resolved_assignment_id: null, follow_up_asked_at: null, updated_at: now })
      .where("id", "=", s.id)
      .execute();
    const r = await assignUnit(tx, {
      submission: s,
      unit: { id: a.unit_id, name: a.name },
      reason: a.reason,
      fromAssignmentId: a.from_assignment_id,
      slaHours: a.sla_hours,
      escalationLevels: a.escalation_levels,
      now,
      reopen: true,
      event: { type: "reopened", actorId: auth.memberId, message: eventMsg.reopened(a.name), visibleToAuthor: true },
      staffMessage: () => staffMsg.reopened(item, a.name),
      authorMessage: authorMsg.reopened(item, a.name),
    });
    return { status: "forwarded" as const, fx: r.fx };
  });
  await dispatch(deps, fx);
  return status;
}
