import crypto from "node:crypto";
import {
  ErrorCode,
  foldVietnamese,
  generateTrackingCode,
  normalizeVietnamPhone,
  SafetyErrorCode,
  type SafetySettings,
  type UrgentBody,
  type UrgentCreated,
} from "@hoiso/shared";
import type { Insertable, Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import { AppError, badRequest } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { sealPhone } from "../../privacy/phones.js";
import { exchangeLocationToken } from "../../zalo/graph.js";
import { appendEvent, assignUnit } from "../feedback/assign.js";
import { dispatch, type Effects } from "../feedback/effects.js";
import { authorMsg, eventMsg } from "../feedback/text.js";
import { alertOnCall, scheduleAckCheck } from "./alerts.js";
import { loadSafetySettings } from "./settings.js";
import { communeOfOrNull } from "./units.js";

/** Urgent reports are filed under the private category for violence and abuse (migration 010): the rules for private items apply. */
export const URGENT_CATEGORY = "bao_luc";

const randomInts = (n: number) => [...crypto.randomBytes(n)];

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
  const filed = await deps.db.transaction().execute((tx) =>
    fileUrgent(tx, { authorId: auth.memberId, originUnitId: origin.id, commune, what, where, callbackPhoneSealed: phone ? sealPhone(deps.config.phoneKeys, phone) : null, place, settings, now: new Date() }),
  );
  await afterUrgentCommit(deps, filed);
  return { id: filed.id, trackingCode: filed.trackingCode, communeName: commune.name, alerted: filed.alerted };
}

export interface UrgentInput {
  /** Who the item is from (her member record; the chat's stand-in for a follower not linked, chatbot/urgent.ts). */
  authorId: string;
  originUnitId: string;
  /** The unit whose cán bộ on call are alerted first (her xã; the province when nothing tells which xã). */
  commune: { id: string; name: string };
  what: string;
  where: string;
  /** Her callback number, already sealed (privacy/phones.ts). */
  callbackPhoneSealed: string | null;
  place: { lat: number; lng: number } | null;
  settings: SafetySettings;
  now: Date;
}

export interface UrgentFiled {
  id: string;
  trackingCode: string;
  assignmentId: string;
  alerted: number;
  ackDueAt: Date;
  fx: Effects;
}

/** A fresh tracking code, taken without aborting the caller's transaction when it clashes (no retry of the whole). */
async function insertUrgent(tx: Transaction<DB>, values: Omit<Insertable<DB["submissions"]>, "tracking_code">) {
  for (let attempt = 0; attempt < 6; attempt++) {
    const s = await tx
      .insertInto("submissions")
      .values({ ...values, tracking_code: generateTrackingCode("report", randomInts) })
      .onConflict((oc) => oc.column("tracking_code").doNothing())
      .returning(["id", "kind", "tracking_code", "author_id", "sensitive"])
      .executeTakeFirst();
    if (s) return s;
  }
  throw new Error("urgent report: no free tracking code after 6 tries");
}

/**
 * The urgent record, inside the caller's transaction: the item (a report in the private category, sensitive, urgent),
 * its safety details, the xã's assignment and the alert to its cán bộ on call with the acknowledgement deadline. The
 * Mini App's "Cần giúp đỡ" and a danger phrase in the OA chat (chatbot/urgent.ts) both come through here; after commit
 * the caller runs `afterUrgentCommit`.
 */
export async function fileUrgent(tx: Transaction<DB>, u: UrgentInput): Promise<UrgentFiled> {
  const { now, commune, settings } = u;
  const s = await insertUrgent(tx, {
    kind: "report",
    category_code: URGENT_CATEGORY,
    body: u.where ? `${u.what}\n\n${u.where}` : u.what,
    search_text: foldVietnamese(`${u.what} ${u.where}`),
    origin_unit_id: u.originUnitId,
    author_id: u.authorId,
    anonymous: false,
    sensitive: true,
    urgent: true,
    status: "forwarded",
    queued_at: now,
    routed_at: now,
    created_at: now,
    updated_at: now,
  });
  await tx
    .insertInto("safety_reports")
    .values({
      submission_id: s.id,
      callback_phone_enc: u.callbackPhoneSealed,
      where_text: u.where,
      location_lat: u.place?.lat ?? null,
      location_lng: u.place?.lng ?? null,
      location_at: u.place ? now : null,
    })
    .execute();
  const item = { kind: s.kind, trackingCode: s.tracking_code };
  const received = await appendEvent(
    tx,
    s,
    { type: "received", actorId: u.authorId, unitId: u.originUnitId, message: eventMsg.received(), visibleToAuthor: true },
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
    alerted: alert.alerted,
    ackDueAt: alert.ackDueAt,
    fx: { ...assigned.fx, deliveries: [...received.deliveries, ...assigned.fx.deliveries, ...alert.deliveries] },
  };
}

/** After commit: the alerts and the author's notices to Zalo, and the delayed acknowledgement check. */
export async function afterUrgentCommit(deps: AppDeps, filed: Pick<UrgentFiled, "fx" | "assignmentId" | "ackDueAt">): Promise<void> {
  await Promise.all([dispatch(deps, filed.fx), scheduleAckCheck(deps, filed.assignmentId, filed.ackDueAt)]);
}
