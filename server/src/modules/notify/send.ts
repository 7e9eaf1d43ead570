import type { Job } from "bullmq";
import { ErrorCode, languageOf, normalizeVietnamPhone } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { classifyZaloError, createOaClient, type OaClient } from "../../zalo/oa.js";
import { isWithinCsWindow } from "../../zalo/webhook.js";
import { morningAfter, sendAgainAt } from "./morning.js";
import { enqueueDeliveries, type NotifyJob } from "./queue.js";
import { applySendRate } from "./rate.js";
import { loadNotifySettings } from "./settings.js";
import { notificationText, templateData } from "./text.js";

/** `members.consents.zns === true`: she agreed to status updates by Zalo template message (ZNS/ZBS). */
export const TEMPLATE_CONSENT_KEY = "zns";

const clients = new WeakMap<AppDeps, OaClient>();
function oaClient(deps: AppDeps): OaClient {
  let c = clients.get(deps);
  if (!c) {
    c = createOaClient(deps);
    clients.set(deps, c);
  }
  return c;
}

/** last_error of a delivery whose Zalo call was interrupted by the worker's death (see sending_since). */
export const IN_DOUBT = "in doubt: the worker stopped during the Zalo call; not sent again to avoid a second copy";

/** Thrown to make BullMQ retry the job later (rate limit, token refresh, network). */
class RetryLater extends Error {}

const errText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * Sends one outbound delivery, written out in the recipient's language (Vietnamese where her language lacks the
 * message). The deployment's sending rate is the notify queue's own limiter (rate.ts): a job that runs may send.
 * Retry-able failures (-32 rate limit, -216/-220/-124 token, network) are thrown back to BullMQ for another attempt; "this channel cannot reach her now" (-230/-232 window, -213 not following, no OA id,
 * outside our own window record) falls back from the OA message to a template message; a template needs a phone,
 * her consent and a configured template id, otherwise the delivery is skipped (the in-app row is always there).
 * -234 (no messages at night) keeps it pending and sends it again in the morning, Vietnam time.
 */
export async function sendDelivery(deps: AppDeps, deliveryId: string, job?: Job<NotifyJob>): Promise<string> {
  const d = await deps.db
    .selectFrom("deliveries")
    .innerJoin("members", "members.id", "deliveries.recipient_id")
    .select([
      "deliveries.id",
      "deliveries.source_module",
      "deliveries.source_id",
      "deliveries.dedupe_key",
      "deliveries.event_id",
      "deliveries.link",
      "deliveries.recipient_id",
      "deliveries.channel",
      "deliveries.status",
      "deliveries.type",
      "deliveries.params",
      "members.zalo_oa_user_id",
      "members.phone",
      "members.consents",
      "members.language",
      "deliveries.sending_since",
      "deliveries.template_fallback",
    ])
    .where("deliveries.id", "=", deliveryId)
    .executeTakeFirst();
  if (!d || d.status !== "pending") return "done";
  // A run before this one claimed the row for a Zalo call and never recorded the answer: its worker died mid-call.
  // Zalo may or may not have the message; a second copy is worse than a missing one (the in-app row is always there).
  if (d.sending_since) {
    await deps.db
      .updateTable("deliveries")
      .set({ status: "failed", sending_since: null, last_error: IN_DOUBT })
      .where("id", "=", d.id)
      .where("status", "=", "pending")
      .execute();
    return "in-doubt";
  }
  await deps.db.updateTable("deliveries").set((eb) => ({ attempts: eb("attempts", "+", 1) })).where("id", "=", d.id).execute();
  const settings = await loadNotifySettings(deps.db);
  // An admin's new rate reaches the shared limiter with the next send of any process (and the reconciler's tick).
  await applySendRate(deps, settings.notifyRatePerSec).catch(() => undefined);
  const params = (d.params ?? {}) as Record<string, unknown>;
  const text = notificationText(languageOf(d.language), d.type, params);
  const lastAttempt = job ? job.attemptsMade + 1 >= (job.opts.attempts ?? 1) : false;

  const finish = (status: "sent" | "skipped" | "failed", extra: { provider_message_id?: string; last_error?: string } = {}) =>
    deps.db
      .updateTable("deliveries")
      .set({ status, sent_at: status === "sent" ? new Date() : null, sending_since: null, ...extra })
      .where("id", "=", d.id)
      .where("status", "=", "pending")
      .execute()
      .then(() => status);

  /**
   * Marks the row as being sent, committed before the Zalo call, unless it stopped being pending meanwhile (an
   * announcement cancelled): a cancel and a claim of the same row are serialised by its row lock, so a cancel
   * either wins (nothing is sent) or sees the claim and waits for its outcome.
   */
  const claim = async () => {
    const r = await deps.db
      .updateTable("deliveries")
      .set({ sending_since: new Date() })
      .where("id", "=", d.id)
      .where("status", "=", "pending")
      .where("sending_since", "is", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  };

  /** -234: Zalo sends nothing at night. The delivery stays pending and a delayed job tries again in the morning. */
  const inTheMorning = async (err: unknown) => {
    const at = morningAfter(new Date(), Math.floor(Math.random() * 15 * 60_000));
    await deps.db
      .updateTable("deliveries")
      .set({ last_error: `${errText(err)}; sent again at ${at.toISOString()}`.slice(0, 500), sending_since: null })
      .where("id", "=", d.id)
      .execute();
    await sendAgainAt(deps, d.id, at);
    return "night";
  };

  const fallback = async (why: string) => {
    const ids = await deps.db.transaction().execute(async (tx) => {
      await tx.updateTable("deliveries").set({ status: "fallback", last_error: why, sending_since: null }).where("id", "=", d.id).where("status", "=", "pending").execute();
      if (!d.phone || !d.template_fallback) return [];
      const rows = await tx
        .insertInto("deliveries")
        .values({
          source_module: d.source_module,
          source_id: d.source_id,
          dedupe_key: d.dedupe_key,
          event_id: d.event_id,
          link: d.link,
          recipient_id: d.recipient_id,
          channel: "template",
          type: d.type,
          params: JSON.stringify(params),
        })
        .onConflict((oc) => oc.columns(["source_module", "source_id", "dedupe_key", "recipient_id", "channel"]).doNothing())
        .returning("id")
        .execute();
      return rows.map((r) => r.id);
    });
    await enqueueDeliveries(deps, ids);
    return "fallback";
  };

  if (d.channel === "oa_cs") {
    if (!d.zalo_oa_user_id) return fallback("no OA user id");
    if (!(await isWithinCsWindow(deps.db, d.zalo_oa_user_id, settings.csWindowHours))) return fallback("outside the consultation window");
    if (!(await claim())) return "done";
    try {
      const { messageId } = await oaClient(deps).sendText(d.zalo_oa_user_id, text);
      return finish("sent", { provider_message_id: messageId });
    } catch (err) {
      const kind = classifyZaloError(err);
      if (kind === "night") return inTheMorning(err);
      if (kind === "fallback" || ((kind === "retry" || kind === "refresh") && lastAttempt)) return fallback(errText(err));
      if (kind === "fatal") return finish("failed", { last_error: errText(err) });
      await deps.db.updateTable("deliveries").set({ last_error: errText(err), sending_since: null }).where("id", "=", d.id).execute();
      throw new RetryLater(errText(err));
    }
  }

  if (d.channel === "template") {
    const consents = (d.consents ?? {}) as Record<string, unknown>;
    const templateId = settings.templateId;
    if (!d.phone) return finish("skipped", { last_error: "no phone" });
    if (!normalizeVietnamPhone(d.phone)) return finish("failed", { last_error: `${ErrorCode.PHONE_INVALID}: not a Vietnamese phone number` });
    if (consents[TEMPLATE_CONSENT_KEY] !== true) return finish("skipped", { last_error: "no consent to template messages" });
    if (!templateId) return finish("skipped", { last_error: "no template configured" });
    if (!(await claim())) return "done";
    try {
      const { messageId } = await oaClient(deps).sendTemplate(d.phone, templateId, templateData(params, text), d.id);
      return finish("sent", { provider_message_id: messageId });
    } catch (err) {
      const kind = classifyZaloError(err);
      if (kind === "night") return inTheMorning(err);
      if (kind === "fallback" || kind === "fatal" || lastAttempt) return finish("failed", { last_error: errText(err) });
      await deps.db.updateTable("deliveries").set({ last_error: errText(err), sending_since: null }).where("id", "=", d.id).execute();
      throw new RetryLater(errText(err));
    }
  }
  return finish("skipped", { last_error: `channel ${d.channel} is not sent by a job` });
}
