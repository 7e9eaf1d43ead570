import { sql } from "kysely";
import { defineJob, type JobModule, type PeriodicTask } from "../../queue/registry.js";
import { LOCKS, withAdvisoryLock } from "../../db/advisory-lock.js";
import { enqueueDeliveries, notifyQueue } from "./queue.js";
import { applySendRate } from "./rate.js";
import { sendDeliveries } from "./send.js";
import { loadNotifySettings } from "./settings.js";

const notifyJob = defineJob({
  queue: notifyQueue,
  // A batch job has up to MAX_CLAIMED_PER_JOB (send.ts) calls in flight at once: half the slots keep a worker's open
  // calls near 50× its concurrency, which the Zalo client's kept-alive connections (zalo/http.ts) carry.
  concurrencyFactor: 0.5,
  processor: (deps) => {
    // An old queue-wide limiter (before the shared OA budget) would pace jobs, not messages: removed before the first send.
    const ready = applySendRate(deps).catch(() => undefined);
    return async (job) => {
      await ready;
      const ids = "deliveryIds" in job.data ? job.data.deliveryIds : [job.data.deliveryId];
      const out = await sendDeliveries(deps, ids, job);
      return ids.length === 1 ? (Object.keys(out)[0] ?? "done") : out;
    };
  },
});

/**
 * Outbound deliveries written but never queued (the queue was down after commit, or the process died there); and any
 * queue-wide limiter left from before the shared OA budget removed.
 */
export const notifyReconciler: PeriodicTask = {
  name: "notify-outbox",
  everyMs: 5000,
  run: (deps) =>
    withAdvisoryLock(deps, LOCKS.notifyReconciler, async () => {
      const { reconcileAfterSeconds } = await loadNotifySettings(deps.db);
      await applySendRate(deps, undefined, true).catch(() => undefined);
      const rows = await deps.db
        .selectFrom("deliveries")
        .select("id")
        .where("status", "=", "pending")
        .where("queued_at", "is", null)
        .where("created_at", "<", sql<Date>`now() - make_interval(secs => ${reconcileAfterSeconds})`)
        .orderBy("created_at")
        .limit(1000)
        .execute();
      return enqueueDeliveries(
        deps,
        rows.map((r) => r.id),
      );
    }),
};

export const notifyJobs: JobModule = { jobs: [notifyJob], periodic: [notifyReconciler] };
