import { sql } from "kysely";
import { defineJob, type JobModule, type PeriodicTask } from "../../queue/registry.js";
import { LOCKS, withAdvisoryLock } from "../../db/advisory-lock.js";
import { enqueueDeliveries, notifyQueue } from "./queue.js";
import { applySendRate } from "./rate.js";
import { sendDelivery } from "./send.js";
import { loadNotifySettings } from "./settings.js";

const notifyJob = defineJob({
  queue: notifyQueue,
  processor: (deps) => {
    // The shared rate is in place before this process's first send (a failure here is retried by every send).
    const ready = loadNotifySettings(deps.db)
      .then((s) => applySendRate(deps, s.notifyRatePerSec))
      .catch(() => undefined);
    return async (job) => {
      await ready;
      return sendDelivery(deps, job.data.deliveryId, job);
    };
  },
});

/**
 * Outbound deliveries written but never queued (the queue was down after commit, or the process died there); and the
 * sending rate re-applied to the queue, should its limiter have been lost (a flushed Redis) or the setting edited.
 */
export const notifyReconciler: PeriodicTask = {
  name: "notify-outbox",
  everyMs: 5000,
  run: (deps) =>
    withAdvisoryLock(deps, LOCKS.notifyReconciler, async () => {
      const { reconcileAfterSeconds, notifyRatePerSec } = await loadNotifySettings(deps.db);
      await applySendRate(deps, notifyRatePerSec, true).catch(() => undefined);
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
