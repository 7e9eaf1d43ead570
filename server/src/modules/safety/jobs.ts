import { LOCKS, withAdvisoryLock } from "../../db/advisory-lock.js";
import { defineJob, type JobModule, type PeriodicTask } from "../../queue/registry.js";
import { escalationsAsJobs } from "../feedback/effects.js";
import { checkAcknowledged, checkOverdueAlerts } from "./escalation.js";
import { ackCheckQueue } from "./queues.js";

const ackCheckJob = defineJob({
  queue: ackCheckQueue,
  processor: (deps) => async (job) => checkAcknowledged(deps, job.data.assignmentId),
});

/** The delayed job normally fires on time; on Redis the reconciler steps in only when it is this late. */
const GRACE_SECONDS = 5;

/**
 * The safety net for acknowledgement checks lost or late (the queue was down after commit, a worker died): reads the
 * partial index of alerts still waiting every two seconds. On BullMQ's PostgreSQL backend, where feedback reads its
 * deadlines from the table too (feedback/effects.ts), it does not wait for a grace period.
 */
export const ackReconciler: PeriodicTask = {
  name: "safety-ack-reconciler",
  everyMs: 2000,
  run: (deps) => withAdvisoryLock(deps, LOCKS.safetyEscalation, () => checkOverdueAlerts(deps, escalationsAsJobs(deps) ? GRACE_SECONDS : 0)),
};

export const safetyJobs: JobModule = { jobs: [ackCheckJob], periodic: [ackReconciler] };
