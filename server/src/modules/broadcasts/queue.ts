import type { JobsOptions } from "bullmq";
import type { AppDeps } from "../../deps.js";
import { defineQueue } from "../../queue/define.js";
import { within } from "../../queue/within.js";

export interface ExpandJob {
  broadcastId: string;
}
export interface ChunkJob {
  broadcastId: string;
  idx: number;
}

/**
 * The fan-out: one `expand` per announcement cuts its audience into chunks (pages of member ids, from the database),
 * one `chunk` per page writes that page's deliveries and queues its outbound ones on notify's queue. The database
 * holds what was done (broadcasts.status, broadcast_chunks.done_at), so finished jobs need not be kept: a re-add
 * after completion finds the work done.
 */
export const fanoutQueue = defineQueue<{ expand: ExpandJob; chunk: ChunkJob }>("broadcasts.fanout");

export const fanoutJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const expandJobId = (broadcastId: string) => `${broadcastId}-expand`;
export const chunkJobId = (broadcastId: string, idx: number) => `${broadcastId}-chunk-${idx}`;

/** The expansion, now or delayed until `at`; never throws (the reconciler adds it if this fails). */
export async function enqueueExpand(deps: AppDeps, broadcastId: string, at?: Date): Promise<boolean> {
  const delay = at ? Math.max(0, at.getTime() - Date.now()) : 0;
  try {
    await within(fanoutQueue.add(deps.queues, "expand", { broadcastId }, { ...fanoutJobOptions, jobId: expandJobId(broadcastId), delay }));
    return true;
  } catch {
    return false;
  }
}
