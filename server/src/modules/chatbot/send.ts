import type { Job } from "bullmq";
import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import { defineQueue } from "../../queue/define.js";
import { within } from "../../queue/within.js";
import { classifyZaloError, createOaClient, fitOaText, type OaClient } from "../../zalo/oa.js";
import { isWithinCsWindow } from "../../zalo/webhook.js";
import { applySendRate, awaitBudget } from "../notify/rate.js";
import { loadNotifySettings } from "../notify/settings.js";

export interface ChatSendJob {
  messageId: string;
}
export interface ChatEscalateJob {
  conversationId: string;
}

/** One job per outbound chat message (jobId = the message id: queued twice, sent once). */
export const chatSendQueue = defineQueue<{ send: ChatSendJob }>("chatbot.send");
/** A delayed job per handover: when it fires unanswered, the conversation moves up one level. */
export const chatEscalateQueue = defineQueue<{ escalate: ChatEscalateJob }>("chatbot.escalate");

const sendOptions = { attempts: 5, backoff: { type: "exponential", delay: 2000 }, removeOnComplete: { age: 24 * 3600, count: 50_000 }, removeOnFail: { age: 7 * 24 * 3600 } };

/** Queues the outbound rows after their transaction committed; never throws (the reconciler adds what it could not). */
export async function enqueueChatMessages(deps: AppDeps, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  try {
    await within(chatSendQueue.addBulk(deps.queues, ids.map((messageId) => ({ name: "send", data: { messageId }, opts: { ...sendOptions, jobId: `chat-${messageId}` } }))));
  } catch {
    return 0;
  }
  await deps.db.updateTable("chatbot_messages").set({ queued_at: new Date() }).where("id", "in", ids).where("queued_at", "is", null).execute();
  return ids.length;
}

const clients = new WeakMap<AppDeps, OaClient>();
const oaClient = (deps: AppDeps) => {
  let c = clients.get(deps);
  if (!c) clients.set(deps, (c = createOaClient(deps)));
  return c;
};

/**
 * The chat sends within the deployment's one OA budget (notify/rate.ts), together with notifications and
 * announcements, and ahead of them: a woman waiting for an answer never waits behind a broadcast. A queue-wide
 * limiter left on the chat queue from before (its own full rate, twice the budget against Zalo) is removed.
 */
export async function applyChatRate(deps: AppDeps, force = false): Promise<void> {
  await applySendRate(deps, undefined, force);
  await within(chatSendQueue.on(deps.queues).removeGlobalRateLimit());
}

class RetryLater extends Error {}

/**
 * Sends one chat message with the OA consultation message: the same token store, the same window rule (her last
 * interaction, our record) as notifications. Outside the window it is skipped: a chat answer has no template fallback.
 */
export async function sendChatMessage(deps: AppDeps, messageId: string, job?: Job): Promise<string> {
  const m = await deps.db
    .selectFrom("chatbot_messages as m")
    .innerJoin("chatbot_conversations as c", "c.id", "m.conversation_id")
    .select(["m.id", "m.text", "m.status", "c.oa_user_id"])
    .where("m.id", "=", messageId)
    .executeTakeFirst();
  if (!m || m.status !== "pending") return "done";
  const finish = (status: "sent" | "skipped" | "failed", lastError: string | null = null) =>
    deps.db
      .updateTable("chatbot_messages")
      .set({ status, sent_at: status === "sent" ? new Date() : null, last_error: lastError })
      .where("id", "=", m.id)
      .where("status", "=", "pending")
      .execute()
      .then(() => status);
  const { csWindowHours } = await loadNotifySettings(deps.db);
  if (!(await isWithinCsWindow(deps.db, m.oa_user_id, csWindowHours))) return finish("skipped", "outside the consultation window");
  // A reply's turn comes first (the bucket holds bulk sends off while a reply waits): the wait is a token's interval.
  await awaitBudget(deps, 1, "chat");
  try {
    await oaClient(deps).sendText(m.oa_user_id, fitOaText(m.text));
    return finish("sent");
  } catch (err) {
    const kind = classifyZaloError(err);
    const text = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    const last = job ? job.attemptsMade + 1 >= (job.opts.attempts ?? 1) : true;
    if (kind === "fallback" || kind === "fatal" || kind === "night" || last) return finish(kind === "fallback" || kind === "night" ? "skipped" : "failed", text);
    await deps.db.updateTable("chatbot_messages").set({ last_error: text }).where("id", "=", m.id).execute();
    throw new RetryLater(text);
  }
}

/** Rows written but never queued (queue down after commit, process died): older than a few seconds. */
export async function reconcileChatOutbox(deps: AppDeps): Promise<number> {
  const rows = await deps.db
    .selectFrom("chatbot_messages")
    .select("id")
    .where("status", "=", "pending")
    .where("queued_at", "is", null)
    .where("created_at", "<", sql<Date>`now() - interval '5 seconds'`)
    .orderBy("created_at")
    .limit(1000)
    .execute();
  return enqueueChatMessages(
    deps,
    rows.map((r) => r.id),
  );
}
