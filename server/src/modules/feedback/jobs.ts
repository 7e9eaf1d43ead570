import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import { defineJob, type JobModule, type PeriodicTask } from "../../queue/registry.js";
import { within } from "../../queue/within.js";
import { escalationsAsJobs } from "./effects.js";
import { escalateQueue, followUpQueue, petitionQueue, routeQueue } from "./queues.js";
import { askFollowUp } from "./followup.js";
import { queueRoute } from "./intake.js";
import { LOCKS, withAdvisoryLock } from "../../db/advisory-lock.js";
import { closePetition } from "./petitions.js";
import { escalateAssignment } from "./pipeline.js";
import { addRouteJobs, routeAllInBatch, routeInBatch } from "./route-batch.js";
import { loadSettings } from "./settings.js";

const routeJob = defineJob({
  queue: routeQueue,
  // Many jobs in flight at once so that routeInBatch can route them together; each one is mostly waiting on I/O
  // (64 with the default WORKER_CONCURRENCY of 8).
  concurrencyFactor: 8,
  processor: (deps) => async (job) => ("submissionIds" in job.data ? routeAllInBatch(deps, job.data.submissionIds) : routeInBatch(deps, job.data.submissionId)),
});

const escalateJob = defineJob({
  queue: escalateQueue,
  processor: (deps) => async (job) => escalateAssignment(deps, job.data.assignmentId),
});

const petitionJob = defineJob({
  queue: petitionQueue,
  processor: (deps) => async (job) => closePetition(deps, job.data.submissionId),
});

const followUpJob = defineJob({
  queue: followUpQueue,
  processor: (deps) => async (job) => askFollowUp(deps, job.data.submissionId, new Date(job.data.resolvedAt)),
});

/** A route job stuck this long after being queued (lost, or failed for good) is looked at again. */
const STUCK_AFTER_SECONDS = 60;
/** The delayed escalate job normally fires at due_at; the sweeper steps in only when it is this late. */
const ESCALATION_GRACE_SECONDS = 10;

/**
 * Submissions whose route job never made it into the queue (queue down at intake, process died between commit and
 * add) get it now; the job id is the submission id, so a job that did make it is not added twice.
 * Also looks after route jobs that were queued but never ran to the end: re-added if gone, retried if failed.
 */
export async function reconcileRoutes(deps: AppDeps): Promise<number> {
  const { reconcileAfterSeconds } = await loadSettings(deps.db);
  const unqueued = await deps.db
    .selectFrom("submissions")
    .select("id")
    .where("queued_at", "is", null)
    .where("created_at", "<", sql<Date>`now() - make_interval(secs => ${reconcileAfterSeconds})`)
    .orderBy("created_at")
    .limit(1000)
    .execute();
  // Together, so that they share route jobs as a burst at intake does; a queue still down fails them all, for the next round.
  let n = (await Promise.all(unqueued.map((s) => queueRoute(deps, s.id)))).filter(Boolean).length;
  const stuck = await deps.db
    .selectFrom("submissions")
    .select("id")
    .where("routed_at", "is", null)
    .where("queued_at", "<", sql<Date>`now() - make_interval(secs => ${STUCK_AFTER_SECONDS})`)
    .orderBy("queued_at")
    .limit(200)
    .execute();
  const queue = routeQueue.on(deps.queues);
  // Items routed in a route-batch job (PostgreSQL) have no job of their own: they are re-added together, as one
  // batch, so that a long backlog does not turn into a job per stuck item.
  const missing: string[] = [];
  for (const s of stuck) {
    try {
      const job = await within(queue.getJob(s.id));
      if (!job) missing.push(s.id);
      else if ((await within(job.getState())) === "failed") await within(job.retry("failed"));
      n++;
    } catch {
      break;
    }
  }
  if (missing.length > 0) await within(addRouteJobs(deps, missing)).catch(() => undefined);
  return n;
}

/** Escalates assignments due more than `graceSeconds` ago (assignments_overdue_idx); returns how many moved. */
export async function escalateOverdue(deps: AppDeps, graceSeconds: number): Promise<number> {
  const overdue = await deps.db
    .selectFrom("assignments")
    .select("id")
    .where("closed", "=", false)
    .where("resolved_at", "is", null)
    .where("acknowledged_at", "is", null)
    .where("escalated_at", "is", null)
    .where("due_at", "<", sql<Date>`now() - make_interval(secs => ${graceSeconds})`)
    .orderBy("due_at")
    .limit(500)
    .execute();
  let escalated = 0;
  for (const a of overdue) if ((await escalateAssignment(deps, a.id)) !== "no-op") escalated++;
  return escalated;
}

/**
 * The database's safety net for delayed jobs that were lost or are late: overdue escalations, due follow-up
 * questions, petitions past their deadline. Each step is the same idempotent function the job runs.
 */
export async function sweep(deps: AppDeps): Promise<{ escalated: number; followUps: number; petitions: number }> {
  const settings = await loadSettings(deps.db);
  const escalated = await escalateOverdue(deps, ESCALATION_GRACE_SECONDS);

  const due = await deps.db
    .selectFrom("submissions")
    .select(["id", "resolved_at"])
    .where("status", "=", "resolved")
    .where("follow_up_asked_at", "is", null)
    .where("resolved_at", "<", sql<Date>`now() - make_interval(secs => ${settings.followUpDays * 86_400 + ESCALATION_GRACE_SECONDS})`)
    .limit(500)
    .execute();
  let followUps = 0;
  for (const s of due) if ((await askFollowUp(deps, s.id, s.resolved_at)) === "asked") followUps++;

  const ended = await deps.db
    .selectFrom("submissions")
    .select("id")
    .where("petition_state", "=", "open")
    .where("petition_deadline", "<", sql<Date>`now() - make_interval(secs => ${ESCALATION_GRACE_SECONDS})`)
    .limit(500)
    .execute();
  let petitions = 0;
  for (const s of ended) if ((await closePetition(deps, s.id)) === "closed") petitions++;
  return { escalated, followUps, petitions };
}

export const routeReconciler: PeriodicTask = {
  name: "route-reconciler",
  everyMs: 2000,
  run: (deps) => withAdvisoryLock(deps, LOCKS.routeReconciler, () => reconcileRoutes(deps)),
};

export const feedbackSweeper: PeriodicTask = {
  name: "feedback-sweeper",
  everyMs: 15_000,
  run: (deps) => withAdvisoryLock(deps, LOCKS.sweeper, () => sweep(deps)),
};

/**
 * On the PostgreSQL queue backend escalations are not delayed jobs (escalationsAsJobs): this reads the due ones every
 * second, one index range scan that finds nothing most of the time. Should it meet the sweeper on the same row,
 * escalateAssignment's row lock and escalated_at let only one of them act.
 */
export const escalationTimer: PeriodicTask = {
  name: "escalation-timer",
  everyMs: 1000,
  run: async (deps) => (escalationsAsJobs(deps) ? 0 : withAdvisoryLock(deps, LOCKS.escalationTimer, () => escalateOverdue(deps, 0))),
};

/** Everything the feedback pipeline runs in worker processes. */
export const feedbackJobs: JobModule = {
  jobs: [routeJob, escalateJob, petitionJob, followUpJob],
  periodic: [routeReconciler, feedbackSweeper, escalationTimer],
};

