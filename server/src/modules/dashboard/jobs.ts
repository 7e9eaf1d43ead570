import type { AppDeps } from "../../deps.js";
import { defineQueue } from "../../queue/define.js";
import { defineJob, type PeriodicTask } from "../../queue/registry.js";
import { within } from "../../queue/within.js";
import { refreshDashboard } from "./refresh.js";

/** How often the summaries are brought up to date: the "Số liệu cập nhật lúc …" a cán bộ sees is at most this old. */
export const REFRESH_EVERY_MS = 5 * 60_000;

export const refreshQueue = defineQueue<{ refresh: { full?: boolean } }>("dashboard.refresh");

/**
 * One job per five-minute slot, whichever worker's timer adds it first (the id makes the others' adds no-ops). Kept a
 * day so the slot's id stays taken; one attempt more after a failure, then the next slot tries again anyway.
 */
export async function enqueueRefresh(deps: AppDeps, now = Date.now(), full = false): Promise<void> {
  const slot = Math.floor(now / REFRESH_EVERY_MS);
  await within(
    refreshQueue.add(deps.queues, "refresh", { full }, {
      jobId: `refresh-${full ? "full-" : ""}${slot}`,
      attempts: 2,
      backoff: { type: "exponential", delay: 10_000 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    }),
  );
}

/** The refresh runs as a queue job (on Redis or on the PostgreSQL backend alike), one at a time per worker. */
export const refreshJob = defineJob({
  queue: refreshQueue,
  concurrencyFactor: 0.01,
  processor: (deps) => async (job) => refreshDashboard(deps.db, { full: job.data.full === true }),
});

/** Each worker's timer queues the slot's refresh; the advisory lock inside the refresh keeps two from running at once. */
export const refreshTimer: PeriodicTask = {
  name: "dashboard.refresh",
  everyMs: 30_000,
  run: (deps) => enqueueRefresh(deps),
};
