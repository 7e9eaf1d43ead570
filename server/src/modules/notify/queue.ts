import type { JobsOptions } from "bullmq";
import type { AppDeps } from "../../deps.js";
import { defineQueue } from "../../queue/define.js";
import { within } from "../../queue/within.js";

export interface NotifyJob {
  deliveryId: string;
}

/** One job per outbound delivery, whichever module's notification it carries. */
export const notifyQueue = defineQueue<{ notify: NotifyJob }>("notify.send");

/** Retries with backoff for rate limits and network trouble; finished jobs are kept a while so a re-add is a no-op. */
export const notifyJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Adds one `notify` job per outbound delivery (jobId = delivery id, so adding twice sends once) and marks the rows
 * queued. Never throws: if the queue is down the rows stay unqueued and the outbox reconciler adds them later.
 */
export async function enqueueDeliveries(deps: AppDeps, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  try {
    await within(
      notifyQueue.addBulk(
        deps.queues,
        ids.map((deliveryId) => ({ name: "notify", data: { deliveryId }, opts: { ...notifyJobOptions, jobId: deliveryId } })),
      ),
    );
  } catch {
    return 0;
  }
  await deps.db.updateTable("deliveries").set({ queued_at: new Date() }).where("id", "in", ids).where("queued_at", "is", null).execute();
  return ids.length;
}
