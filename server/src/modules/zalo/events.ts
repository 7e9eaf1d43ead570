import type { AppDeps } from "../../deps.js";
import { recordInteraction, storable, webhookEventKey, type OaEvent, type OaEventJob } from "../../zalo/webhook.js";
import { claimLinkCode, extractLinkCode, type ClaimOutcome } from "./link.js";
import { afterChatCommit, handleChatEvent, type ChatEffects } from "../chatbot/engine.js";

/**
 * One OA event, once: stored in oa_events (the chatbot's input; the key is msg_id or name + time + user), the
 * interaction and follow state updated as of the event's own time, and a link code in her text claimed. All in one
 * transaction, so a retry or a redelivery after a crash changes nothing twice. Any other event goes to the chatbot
 * (modules/chatbot) inside the same transaction; its replies are queued after commit.
 */
export async function processOaEvent(deps: AppDeps, job: OaEventJob): Promise<"duplicate" | "stored" | ClaimOutcome> {
  const event = storable(job.event) as OaEvent;
  // Jobs queued before the events table carried no key or time; their arrival time is the best plausible date.
  const key = job.key ?? webhookEventKey(event);
  const at = new Date(job.occurredAt ?? job.receivedAt);
  let chat: ChatEffects | null = null;
  const result = await deps.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto("oa_events")
      .values({ event_key: key, event_name: job.eventName.slice(0, 100), oa_user_id: job.oaUserId, occurred_at: at, payload: JSON.stringify(event), outcome: null })
      .onConflict((oc) => oc.column("event_key").doNothing())
      .returning("event_key")
      .executeTakeFirst();
    if (!inserted) return "duplicate";
    await recordInteraction(tx, event, at);
    const text = (event.message as { text?: unknown } | undefined)?.text;
    const code = job.eventName === "user_send_text" && job.oaUserId && typeof text === "string" ? extractLinkCode(text) : null;
    if (!code || !job.oaUserId) {
      // The chatbot answers in the same transaction: the event, her conversation and the replies exist together, once.
      chat = await handleChatEvent(deps, tx, job, key);
      return "stored";
    }
    const outcome = await claimLinkCode(tx, job.oaUserId, code, at);
    await tx.updateTable("oa_events").set({ outcome }).where("event_key", "=", key).execute();
    return outcome;
  });
  if (chat) await afterChatCommit(deps, chat);
  return result;
}
