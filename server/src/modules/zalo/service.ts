import { ErrorCode } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { oaEventsQueue } from "./queues.js";
import { AppError, badRequest } from "../../http/errors.js";
import { eventTime, eventUserId, storable, verifyWebhookSignature, webhookEventKey, type OaEvent, type OaEventJob } from "../../zalo/webhook.js";
import { textOf } from "../../zalo/text.js";

const DAY_S = 24 * 3600;

/**
 * One OA webhook delivery: verify the signature, check the event's own time, enqueue, answer. The work happens in
 * the oa-events processor so Zalo gets its 200 within its ~2 s; a redelivery maps to the same job id and the same
 * oa_events key.
 */
export async function receiveWebhook(deps: AppDeps, raw: unknown, signature: string | undefined): Promise<void> {
  if (!Buffer.isBuffer(raw) || raw.length === 0) throw badRequest("Sự kiện Zalo trống.");
  let event: OaEvent;
  try {
    const parsed: unknown = JSON.parse(raw.toString("utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    event = parsed as OaEvent;
  } catch {
    throw badRequest("Sự kiện Zalo không đúng định dạng JSON.");
  }
  const timestamp = typeof event.timestamp === "string" || typeof event.timestamp === "number" ? String(event.timestamp) : "";
  const { appId, oaSecret } = deps.config.zalo;
  if (!verifyWebhookSignature(signature, raw, timestamp, appId, oaSecret)) {
    throw new AppError(401, ErrorCode.ZALO_SIGNATURE_INVALID, "Chữ ký sự kiện Zalo không hợp lệ.");
  }
  const at = eventTime(event);
  if (!at) {
    throw new AppError(400, ErrorCode.ZALO_EVENT_TIME_INVALID, "Thời điểm của sự kiện Zalo không hợp lệ, đã quá cũ hoặc ở tương lai.", "timestamp");
  }
  // Cleaned only now: the signature covers the bytes as sent.
  event = storable(event) as OaEvent;
  const eventName = textOf(event.event_name, "unknown").slice(0, 100);
  const key = webhookEventKey(event);
  const job: OaEventJob = { eventName, oaUserId: eventUserId(event), occurredAt: at.toISOString(), key, event, receivedAt: new Date().toISOString() };
  // Completed jobs are kept a week so late redeliveries find their id; oa_events dedupes for good.
  await oaEventsQueue.add(deps.queues, eventName, job, {
    jobId: key,
    attempts: 8,
    backoff: { type: "exponential", delay: 2000 },
    removeOnComplete: { age: 7 * DAY_S },
    removeOnFail: { age: 30 * DAY_S },
  });
}
