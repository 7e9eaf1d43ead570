import { sealPhone } from "../../privacy/phones.js";
import crypto from "node:crypto";
import { ErrorCode, foldVietnamese, generateTrackingCode, normalizeVietnamPhone, SafetyErrorCode, type UrgentBody, type UrgentCreated } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { AppError, badRequest } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { exchangeLocationToken } from "../../zalo/graph.js";
import { appendEvent, assignUnit } from "../feedback/assign.js";
import { dispatch } from "../feedback/effects.js";
import { authorMsg, eventMsg } from "../feedback/text.js";
import { alertOnCall, scheduleAckCheck } from "./alerts.js";
import { loadSafetySettings } from "./settings.js";
import { communeOfOrNull } from "./units.js";

/** Urgent reports are filed under the private category for violence and abuse (migration 010): the rules for private items apply. */
export const URGENT_CATEGORY = "bao_luc";

const randomInts = (n: number) => [...crypto.randomBytes(n)];
const isTrackingCodeClash = (err: unknown) =>
  (err as { code?: string; constraint?: string }).code === "23505" && (err as { constraint?: string }).constraint === "submissions_tracking_code_key";

/**
 * Her location, only when she agreed (the Mini App asked Zalo and sent the token): exchanged now, stored with this
 * report only. A token Zalo refuses stops the report with a clear message rather than sending it without the place
 * she meant to share; she can send again without it.
 */
async function locationOf(deps: AppDeps, loc: UrgentBody["location"]): Promise<{ lat: number; lng: number } | null> {
  if (!loc) return null;
  try {
    return await exchangeLocationToken(deps.config.zalo, loc.accessToken, loc.token);
  } catch {
    throw new AppError(
      400,
      SafetyErrorCode.SAFETY_LOCATION_FAILED,
      "Chưa lấy được vị trí từ Zalo. Chị gửi lại, có thể bỏ chọn chia sẻ vị trí. Nếu đang nguy hiểm, chị gọi ngay 113.",
      "location",
    );
  }
}

/**
 * An urgent report ("Cần giúp đỡ ngay"): a feedback item (a report in the private category, sensitive, flagged urgent)
 * written, put in her xã's inbox and its cán bộ on call alerted on every channel, in one transaction — no route job
 * in between, because minutes count. Its deadline is in hours (a setting); the acknowledgement deadline in minutes
 * (a setting) is a delayed job that brings in the next level when nobody acknowledged (escalation.ts).
 */
export async function submitUrgent(deps: AppDeps, auth: AuthContext, body: UrgentBody): Promise<UrgentCreated> {
  const phone = body.callbackPhone ? normalizeVietnamPhone(body.callbackPhone) : null;
  if (body.callbackPhone && !phone) {
    throw badRequest("Số điện thoại gọi lại chưa đúng. Chị kiểm tra lại, hoặc để trống.", "callbackPhone", ErrorCode.PHONE_INVALID);
  }
  const me = await deps.db.selectFrom("members").select("unit_id").where("id", "=", auth.memberId).executeTakeFirstOrThrow();
  const unitId = body.unitId ?? me.unit_id;
  const origin = unitId ? await deps.db.selectFrom("units").select(["id", "active"]).where("id", "=", unitId).executeTakeFirst() : undefined;
  const commune = origin?.active ? await communeOfOrNull(deps.db, origin.id) : null;
  if (!origin || !commune) {
    throw badRequest(
      "Chị chưa chọn xã/phường nên Hội chưa biết báo cho ai. Chị gọi ngay 113 hoặc 1900969680, rồi chọn xã/phường của chị.",
      "unitId",
      SafetyErrorCode.SAFETY_NO_COMMUNE,
    );
  }
  const place = await locationOf(deps, body.location);
  const settings = await loadSafetySettings(deps.db);
  const what = body.what.trim();
  const where = body.where?.trim() ?? "";

  for (let attempt = 0; ; attempt++) {
    const trackingCode = generateTrackingCode("report", randomInts);
    try {
      const out = await deps.db.transaction().execute(async (tx) => {
        const now = new Date();
        const s = await tx
          .insertInto("submissions")
          .values({
            tracking_code: trackingCode,
            kind: "report",
            category_code: URGENT_CATEGORY,
            body: where ? `${what}\n\n${where}` : what,
            search_text: foldVietnamese(`${what} ${where}`),
            origin_unit_id: origin.id,
            author_id: auth.memberId,
            anonymous: false,
            sensitive: true,
            urgent: true,
            status: "forwarded",
            queued_at: now,
            routed_at: now,
            created_at: now,
            updated_at: now,
          })
          .returning(["id", "kind", "tracking_code", "author_id", "sensitive"])
          .executeTakeFirstOrThrow();
        await tx
          .insertInto("safety_reports")
          .values({
            submission_id: s.id,
            callback_phone_enc: phone ? sealPhone(deps.config.phoneKeys, phone) : null,
            where_text: where,
            location_lat: place?.lat ?? null,
            location_lng: place?.lng ?? null,
            location_at: place ? now : null,
          })
          .execute();
        const item = { kind: s.kind, trackingCode: s.tracking_code };
        const received = await appendEvent(
          tx,
          s,
          { type: "received", actorId: auth.memberId, unitId: origin.id, message: eventMsg.received(), visibleToAuthor: true },
          null,
          now,
        );
        const assigned = await assignUnit(tx, {
          submission: s,
          unit: commune,
          reason: "primary",
          fromAssignmentId: null,
          slaHours: settings.resolveHours,
          escalationLevels: [],
          now,
          event: { type: "forwarded", actorId: null, message: eventMsg.routed(commune.name), visibleToAuthor: true, detail: { urgent: true } },
          staffMessage: () => ({ type: "safety.staff.urgent", params: {} }),
          authorMessage: authorMsg.forwarded(item, commune.name),
          tellStaff: false,
        });
        if (!assigned.assignmentId) throw new Error("urgent report: the commune's assignment was not written");
        const alert = await alertOnCall(tx, {
          assignmentId: assigned.assignmentId,
          submissionId: s.id,
          trackingCode: s.tracking_code,
          unit: commune,
          fromUnit: null,
          now,
          ackMinutes: settings.ackMinutes,
        });
        await appendEvent(
          tx,
          s,
          {
            type: "alerted",
            actorId: null,
            unitId: commune.id,
            assignmentId: assigned.assignmentId,
            message: { type: "safety.event.alerted", params: { unit: commune.name, count: alert.alerted } },
            visibleToAuthor: false,
          },
          null,
          now,
        );
        return {
          id: s.id,
          trackingCode: s.tracking_code,
          assignmentId: assigned.assignmentId,
          fx: { ...assigned.fx, deliveries: [...received.deliveries, ...assigned.fx.deliveries, ...alert.deliveries] },
          ackDueAt: alert.ackDueAt,
          alerted: alert.alerted,
        };
      });
      await Promise.all([dispatch(deps, out.fx), scheduleAckCheck(deps, out.assignmentId, out.ackDueAt)]);
      return { id: out.id, trackingCode: out.trackingCode, communeName: commune.name, alerted: out.alerted };
    } catch (err) {
      if (isTrackingCodeClash(err) && attempt < 5) continue;
      throw err;
    }
  }
}
