import type { JobsOptions } from "bullmq";
import type { AppDeps } from "../../deps.js";

export const NOTIFY_QUEUE = "notify";

export interface NotifyJob {
  deliveryId: string;
}

/** Retries with backoff for rate limits and network trouble; finished jobs are kept a while so a re-add is a no-op. */
export const notifyJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * A queue that hangs (Redis unreachable, PostgreSQL queue schema locked) must not hold a request or a job: give up
 * after a moment. A late add that still lands is harmless, every job id is deterministic.
 */
export async function within<T>(p: Promise<T>, ms = 1500): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Adds one `notify` job per outbound delivery (jobId = delivery id, so adding twice sends once) and marks the rows
 * queued. Never throws: if the queue is down the rows stay unqueued and the outbox reconciler adds them later.
 */
export async function enqueueDeliveries(deps: AppDeps, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  try {
    await within(
      deps.queues
        .queue<NotifyJob>(NOTIFY_QUEUE)
        .addBulk(ids.map((deliveryId) => ({ name: "notify", data: { deliveryId }, opts: { ...notifyJobOptions, jobId: deliveryId } }))),
    );
  } catch {
    return 0;
  }
  await deps.db.updateTable("deliveries").set({ queued_at: new Date() }).where("id", "in", ids).where("queued_at", "is", null).execute();
  return ids.length;
}
