import { FeedbackErrorCode, levelRank, unitAtOrAbove, type SignResult, type UnitLevelName } from "@hoiso/shared";
import type { Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import { AppError, badRequest, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { appendEvent, assignUnit, type SubmissionRef } from "./assign.js";
import { dispatch, mergeEffects, noEffects, type Effects } from "./effects.js";
import { loadSettings, type PipelineSettings } from "./settings.js";
import { authorMsg, eventMsg, staffMsg } from "./text.js";
import { unitChain } from "./units.js";

/** The highest unit currently handling the submission (open or acknowledged, not handed away). */
export async function topAssignment(tx: Transaction<DB>, submissionId: string) {
  const rows = await tx
    .selectFrom("assignments as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .select(["a.id", "a.unit_id", "a.sla_hours", "a.escalation_levels", "u.level", "u.path", "u.name"])
    .where("a.submission_id", "=", submissionId)
    .where("a.closed", "=", false)
    .execute();
  return rows.sort((x, y) => levelRank(x.level) - levelRank(y.level))[0] ?? null;
}

/**
 * Lifts a petition one level up for every threshold its signatures have reached (thresholds are per level, from
 * settings): the next unit up is assigned with reason "petition". Idempotent: an already-assigned parent stops it.
 */
export async function liftPetition(
  tx: Transaction<DB>,
  s: SubmissionRef & { id: string },
  settings: PipelineSettings,
  now: Date,
): Promise<Effects> {
  let fx = noEffects();
  for (let i = 0; i < 4; i++) {
    const top = await topAssignment(tx, s.id);
    if (!top || top.level === "tinh") break;
    const row = await tx.selectFrom("submissions").select("signature_count").where("id", "=", s.id).executeTakeFirstOrThrow();
    const count = row.signature_count;
    if (count < settings.petitionThresholds[top.level]) break;
    const chain = await unitChain(tx, top.unit_id);
    const parent = chain[chain.length - 2];
    if (!parent) break;
    const item = { kind: s.kind, trackingCode: s.tracking_code };
    const r = await assignUnit(tx, {
      submission: s,
      unit: parent,
      reason: "petition",
      fromAssignmentId: top.id,
      slaHours: top.sla_hours,
      escalationLevels: top.escalation_levels,
      now,
      event: {
        type: "petition_lifted",
        actorId: null,
        message: eventMsg.petitionLifted(count, parent.name),
        visibleToAuthor: true,
        public: true,
        detail: { signatures: count, fromUnitId: top.unit_id },
      },
      staffMessage: () => staffMsg.petitionLifted(item, count, parent.name),
      authorMessage: authorMsg.petitionLifted(item, count, parent.name),
    });
    if (!r.created) break;
    fx = mergeEffects(fx, r.fx);
  }
  return fx;
}

/**
 * Members confirmed by their chi hội may co-sign when they belong to the petition's commune (the xã of its origin),
 * or anywhere in the province once it has been lifted to the province. A pending member — anyone who has just picked
 * that chi hội — may not: otherwise anyone could sign anywhere by picking units in turn. Once per person and
 * petition, whatever unit she belongs to later (the signature's key is petition + member); only while it is open and
 * before its deadline.
 */
export async function signPetition(deps: AppDeps, auth: AuthContext, submissionId: string): Promise<SignResult> {
  const { result, fx } = await deps.db.transaction().execute(async (tx) => {
    const s = await tx
      .selectFrom("submissions")
      .select(["id", "kind", "tracking_code", "author_id", "sensitive", "origin_unit_id", "petition_state", "petition_deadline"])
      .where("id", "=", submissionId)
      .forUpdate()
      .executeTakeFirst();
    if (!s || s.sensitive) throw notFound("Không tìm thấy kiến nghị này.");
    if (s.kind !== "petition") throw badRequest("Chỉ có thể ký tên vào kiến nghị.", "id", FeedbackErrorCode.NOT_A_PETITION);
    const now = new Date();
    if (s.petition_state !== "open" || !s.petition_deadline || s.petition_deadline <= now) {
      throw new AppError(409, FeedbackErrorCode.PETITION_CLOSED, "Kiến nghị này đã hết thời gian lấy chữ ký.");
    }
    const me = await tx
      .selectFrom("members")
      .leftJoin("units", "units.id", "members.unit_id")
      .select(["units.path", "members.membership_status"])
      .where("members.id", "=", auth.memberId)
      .executeTakeFirst();
    if (me?.membership_status !== "confirmed") {
      throw new AppError(
        403,
        FeedbackErrorCode.PETITION_MEMBERS_ONLY,
        "Chỉ hội viên đã được chi hội xác nhận mới ký tên vào kiến nghị. Chị vui lòng chờ cán bộ chi hội xác nhận rồi ký sau nhé.",
      );
    }
    const top = await topAssignment(tx, s.id);
    const chain = await unitChain(tx, s.origin_unit_id);
    const commune = unitAtOrAbove(chain, "xa");
    const scopePath = top && levelRank(top.level) < levelRank(commune.level) ? top.path : commune.path;
    if (!me?.path || !me.path.startsWith(scopePath)) {
      throw new AppError(403, FeedbackErrorCode.PETITION_OUT_OF_SCOPE, "Kiến nghị này dành cho hội viên trong địa bàn; chị chưa thuộc địa bàn này.");
    }
    const signed = await tx
      .insertInto("petition_signatures")
      .values({ submission_id: s.id, member_id: auth.memberId, signed_at: now })
      .onConflict((oc) => oc.columns(["submission_id", "member_id"]).doNothing())
      .returning("member_id")
      .executeTakeFirst();
    if (!signed) throw new AppError(409, FeedbackErrorCode.PETITION_ALREADY_SIGNED, "Chị đã ký tên vào kiến nghị này rồi.");
    const updated = await tx
      .updateTable("submissions")
      .set((eb) => ({ signature_count: eb("signature_count", "+", 1), updated_at: now }))
      .where("id", "=", s.id)
      .returning("signature_count")
      .executeTakeFirstOrThrow();
    const settings = await loadSettings(tx);
    const lifted = await liftPetition(tx, s, settings, now);
    const newTop = await topAssignment(tx, s.id);
    const level: UnitLevelName = newTop?.level ?? commune.level;
    return { result: { signatureCount: updated.signature_count, state: "open" as const, level }, fx: lifted };
  });
  await dispatch(deps, fx);
  return result;
}

/** The `petition-deadline` job (and the sweeper): signing closes, reached or not reached its first threshold. */
export async function closePetition(deps: AppDeps, submissionId: string, now = new Date()): Promise<"closed" | "no-op"> {
  const out = await deps.db.transaction().execute(async (tx) => {
    const s = await tx
      .selectFrom("submissions")
      .select(["id", "kind", "tracking_code", "author_id", "sensitive", "petition_state", "petition_deadline", "petition_threshold", "signature_count"])
      .where("id", "=", submissionId)
      .forUpdate()
      .executeTakeFirst();
    if (!s || s.petition_state !== "open" || !s.petition_deadline || s.petition_deadline > now) return null;
    const reached = s.signature_count >= (s.petition_threshold ?? 1);
    await tx.updateTable("submissions").set({ petition_state: reached ? "reached" : "not_reached", updated_at: now }).where("id", "=", s.id).execute();
    const item = { kind: s.kind, trackingCode: s.tracking_code };
    const { deliveries } = await appendEvent(
      tx,
      s,
      {
        type: "petition_closed",
        actorId: null,
        unitId: null,
        message: eventMsg.petitionClosed(s.signature_count, reached),
        visibleToAuthor: true,
        public: true,
        detail: { signatures: s.signature_count, threshold: s.petition_threshold, reached },
      },
      authorMsg.petitionClosed(item, s.signature_count, reached),
      now,
    );
    return { ...noEffects(), deliveries };
  });
  if (!out) return "no-op";
  await dispatch(deps, out);
  return "closed";
}
