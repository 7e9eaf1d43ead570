import { ErrorCode } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { AppError, badRequest } from "../../http/errors.js";
import { OA_EVENTS_QUEUE, eventUserId, recordInteraction, verifyWebhookSignature, webhookJobId, type OaEvent, type OaEventJob } from "../../zalo/webhook.js";

const DAY_S = 24 * 3600;

/**
 * One OA webhook delivery: verify, note the interaction, enqueue, answer. The real work happens in the
 * oa-events worker so Zalo gets its 200 within its ~2 s; a redelivery maps to the same job id.
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
  await recordInteraction(deps.db, event);
  const eventName = String(event.event_name ?? "unknown");
  const job: OaEventJob = { eventName, oaUserId: eventUserId(event), event, receivedAt: new Date().toISOString() };
  // Completed jobs are kept a week so late redeliveries still find their id and are dropped.
  await deps.queues
    .queue<OaEventJob>(OA_EVENTS_QUEUE)
    .add(eventName, job, { jobId: webhookJobId(event), removeOnComplete: { age: 7 * DAY_S }, removeOnFail: { age: 30 * DAY_S } });
}
