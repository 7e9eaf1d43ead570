import { sql } from "kysely";
import { defineJob, type JobModule, type PeriodicTask } from "../../queue/registry.js";
import { LOCKS, withAdvisoryLock } from "../../db/advisory-lock.js";
import { loadSettings } from "../feedback/settings.js";
import { enqueueDeliveries, notifyQueue } from "./queue.js";
import { sendDelivery } from "./send.js";

const notifyJob = defineJob({
  queue: notifyQueue,
  processor: (deps) => async (job) => sendDelivery(deps, job.data.deliveryId, job),
});

/** Outbound deliveries written but never queued (the queue was down after commit, or the process died there). */
export const notifyReconciler: PeriodicTask = {
  name: "notify-outbox",
  everyMs: 5000,
  run: (deps) =>
    withAdvisoryLock(deps, LOCKS.notifyReconciler, async () => {
      const { reconcileAfterSeconds } = await loadSettings(deps.db);
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
