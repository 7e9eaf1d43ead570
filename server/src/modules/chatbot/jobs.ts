import { LOCKS, withAdvisoryLock } from "../../db/advisory-lock.js";
import { defineJob, type JobModule, type PeriodicTask } from "../../queue/registry.js";
import { escalateConversation, escalateOverdue } from "./handover.js";
import { applyChatRate, chatEscalateQueue, chatSendQueue, reconcileChatOutbox, sendChatMessage } from "./send.js";

const sendJob = defineJob({
  queue: chatSendQueue,
  processor: (deps) => {
    const ready = applyChatRate(deps).catch(() => undefined);
    return async (job) => {
      await ready;
      return sendChatMessage(deps, job.data.messageId, job);
    };
  },
});

const escalateJob = defineJob({
  queue: chatEscalateQueue,
  processor: (deps) => async (job) => escalateConversation(deps, job.data.conversationId),
});

/** Replies never queued, handovers whose delayed escalation was lost, and the send rate re-applied. */
export const chatReconciler: PeriodicTask = {
  name: "chatbot-reconciler",
  everyMs: 5000,
  run: (deps) =>
    withAdvisoryLock(deps, LOCKS.chatbotReconciler, async () => {
      await applyChatRate(deps, true).catch(() => undefined);
      return { queued: await reconcileChatOutbox(deps), escalated: await escalateOverdue(deps) };
    }),
};

export const chatbotJobs: JobModule = { jobs: [sendJob, escalateJob], periodic: [chatReconciler] };
