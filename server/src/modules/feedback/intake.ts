import crypto from "node:crypto";
import {
  FeedbackErrorCode,
  foldVietnamese,
  generateTrackingCode,
  MAX_PHOTOS,
  MAX_VOICE_NOTES,
  type CreateSubmissionBody,
  type SubmissionCreated,
} from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { badRequest, unitNotFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertOwnMedia } from "../media/service.js";
import { within } from "../notify/queue.js";
import { dispatch, noEffects, Q, routeJobOptions, type RouteJob } from "./effects.js";
import { loadSettings } from "./settings.js";

const randomInts = (n: number) => [...crypto.randomBytes(n)];
const isTrackingCodeClash = (err: unknown) =>
  (err as { code?: string; constraint?: string }).code === "23505" && (err as { constraint?: string }).constraint === "submissions_tracking_code_key";

/**
 * Validates, stores the submission with its attachments and its first timeline entry in one transaction, then asks
 * the queue to route it. The row is safe before the queue is touched: if the queue is down she still gets her
 * tracking code, `queued_at` stays null and the reconciler adds the job later.
 */
export async function createSubmission(deps: AppDeps, auth: AuthContext, body: CreateSubmissionBody): Promise<SubmissionCreated> {
  const text = body.body.trim();
  if (!text) throw badRequest("Chị vui lòng nhập nội dung cần phản ánh.", "body", FeedbackErrorCode.TEXT_EMPTY);
  const category = await deps.db.selectFrom("categories").selectAll().where("code", "=", body.category).where("active", "=", true).executeTakeFirst();
  if (!category) throw badRequest("Lĩnh vực này không có trong danh sách, chị vui lòng chọn lại.", "category", FeedbackErrorCode.CATEGORY_NOT_FOUND);
  if (body.kind === "petition" && category.private) {
    throw badRequest(
      "Nội dung thuộc lĩnh vực này được giữ kín nên không thể lấy chữ ký. Chị vui lòng gửi dưới dạng phản ánh hoặc tin báo.",
      "kind",
      FeedbackErrorCode.PETITION_PRIVATE_CATEGORY,
    );
  }
  let unitId = body.unitId;
  if (!unitId) {
    const me = await deps.db.selectFrom("members").select("unit_id").where("id", "=", auth.memberId).executeTakeFirst();
    unitId = me?.unit_id ?? undefined;
    if (!unitId) throw badRequest("Chị vui lòng chọn chi hội hoặc xã/phường mà nội dung này liên quan.", "unitId", FeedbackErrorCode.UNIT_REQUIRED);
  }
  const unit = await deps.db.selectFrom("units").select(["id", "active"]).where("id", "=", unitId).executeTakeFirst();
  if (!unit) throw unitNotFound();
  if (!unit.active) {
    throw badRequest("Đơn vị này đã được sáp nhập hoặc ngừng hoạt động, chị vui lòng chọn đơn vị mới.", "unitId", FeedbackErrorCode.UNIT_INACTIVE);
  }
  const sensitive = category.private || body.sensitive === true;
  const settings = body.kind === "petition" ? await loadSettings(deps.db) : null;
  const id = crypto.randomUUID();
  const now = new Date();
  const petitionDeadline = settings ? new Date(now.getTime() + settings.petitionDays * 86_400_000) : null;

  let trackingCode = "";
  for (let attempt = 0; ; attempt++) {
    trackingCode = generateTrackingCode(body.kind, randomInts);
    try {
      await deps.db.transaction().execute(async (tx) => {
        const media = await assertOwnMedia(tx, auth.memberId, body.mediaIds ?? []);
        if (media.filter((m) => m.kind === "image").length > MAX_PHOTOS) {
          throw badRequest(`Chị chỉ gửi được tối đa ${MAX_PHOTOS} ảnh.`, "mediaIds", FeedbackErrorCode.TOO_MANY_PHOTOS);
        }
        if (media.filter((m) => m.kind === "audio").length > MAX_VOICE_NOTES) {
          throw badRequest("Chị chỉ gửi được một đoạn ghi âm.", "mediaIds", FeedbackErrorCode.TOO_MANY_VOICE_NOTES);
        }
        await tx
          .insertInto("submissions")
          .values({
            id,
            tracking_code: trackingCode,
            kind: body.kind,
            category_code: category.code,
            body: text,
            search_text: foldVietnamese(text),
            origin_unit_id: unit.id,
            author_id: auth.memberId,
            anonymous: body.anonymous === true,
            sensitive,
            queued_at: null,
            routed_at: null,
            resolved_at: null,
            resolved_assignment_id: null,
            follow_up_asked_at: null,
            follow_up_answer: null,
            petition_state: settings ? "open" : null,
            petition_deadline: petitionDeadline,
            petition_threshold: settings ? settings.petitionThresholds[category.handling_level] : null,
            signature_count: settings ? 1 : 0,
            created_at: now,
            updated_at: now,
          })
          .execute();
        if (media.length > 0) {
          await tx
            .insertInto("submission_media")
            .values(media.map((m, i) => ({ submission_id: id, media_id: m.id, kind: m.kind, sort: i })))
            .execute();
        }
        if (settings) await tx.insertInto("petition_signatures").values({ submission_id: id, member_id: auth.memberId, signed_at: now }).execute();
        await tx
          .insertInto("submission_events")
          .values({ submission_id: id, type: "received", actor_id: auth.memberId, unit_id: unit.id, message: "Hội đã nhận nội dung chị gửi.", created_at: now })
          .execute();
      });
      break;
    } catch (err) {
      // Six random characters from 30: a clash is rare; a fresh code fixes it.
      if (attempt < 4 && isTrackingCodeClash(err)) continue;
      throw err;
    }
  }

  await queueRoute(deps, id);
  if (petitionDeadline) await dispatch(deps, { ...noEffects(), petitionDeadlines: [{ submissionId: id, at: petitionDeadline }] });
  return { id, trackingCode };
}

/** Adds the route job and records that it is queued; a queue failure leaves `queued_at` null for the reconciler. */
export async function queueRoute(deps: AppDeps, submissionId: string): Promise<boolean> {
  try {
    await within(deps.queues.queue<RouteJob>(Q.route).add("route", { submissionId }, routeJobOptions(submissionId)));
  } catch {
    return false;
  }
  await deps.db.updateTable("submissions").set({ queued_at: new Date() }).where("id", "=", submissionId).where("queued_at", "is", null).execute();
  return true;
}
