import crypto from "node:crypto";
import type { JobsOptions } from "bullmq";
import type { AppDeps } from "../../deps.js";
import { defineQueue, type AddOptions } from "../../queue/define.js";
import { within } from "../../queue/within.js";

export interface NotifyJob {
  deliveryId: string;
}
/** Many outbound deliveries in one job (announcements): claimed, sent and marked a group at a time. */
export interface NotifyBatchJob {
  deliveryIds: string[];
}

/** `notify`: one outbound delivery; `batch`: up to NOTIFY_BATCH of them — whichever module's notification they carry. */
export const notifyQueue = defineQueue<{ notify: NotifyJob; batch: NotifyBatchJob }>("notify.send");

/** Deliveries per batch job: a few groups of the sender's (send.ts SEND_GROUP), small enough to retry as a whole. */
export const NOTIFY_BATCH = 250;

/** Retries with backoff for rate limits and network trouble; finished jobs are kept a while so a re-add is a no-op. */
export const notifyJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The same ids added twice run once; the job id says what it is about (a hash of its delivery ids). */
export const batchJobId = (ids: string[]) => `nb-${crypto.createHash("sha256").update(ids.join(",")).digest("hex").slice(0, 32)}`;

/**
 * The queue entries for these deliveries: one `notify` job for a lone one (jobId = delivery id), `batch` jobs of up to
 * NOTIFY_BATCH otherwise. Adding twice sends once: the jobs' ids, and the sender's claim on each row.
 */
export function deliveryJobs(ids: string[], opts: JobsOptions = notifyJobOptions): Array<{ name: "notify" | "batch"; data: NotifyJob | NotifyBatchJob; opts: AddOptions }> {
  const lone = ids[0];
  if (ids.length === 1 && lone) return [{ name: "notify", data: { deliveryId: lone }, opts: { ...opts, jobId: lone } }];
  const out: Array<{ name: "batch"; data: NotifyBatchJob; opts: AddOptions }> = [];
  for (let i = 0; i < ids.length; i += NOTIFY_BATCH) {
    const part = ids.slice(i, i + NOTIFY_BATCH);
    out.push({ name: "batch", data: { deliveryIds: part }, opts: { ...opts, jobId: batchJobId(part) } });
  }
  return out;
}

/**
 * Queues the outbound deliveries (deliveryJobs) and marks the rows queued. Never throws: if the queue is down the rows
 * stay unqueued and the outbox reconciler adds them later.
 */
export async function enqueueDeliveries(deps: AppDeps, ids: string[], opts: JobsOptions = notifyJobOptions): Promise<number> {
  if (ids.length === 0) return 0;
  try {
    await within(notifyQueue.addBulk(deps.queues, deliveryJobs(ids, opts)), 10_000);
  } catch {
    return 0;
  }
  await deps.db.updateTable("deliveries").set({ queued_at: new Date() }).where("id", "in", ids).where("queued_at", "is", null).execute();
  return ids.length;
}
