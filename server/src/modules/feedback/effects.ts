import type { AppDeps } from "../../deps.js";
import { within } from "../../queue/within.js";
import { enqueueDeliveries } from "../notify/queue.js";
import { delayUntil, escalateQueue, followUpQueue, jobIds, keep, petitionQueue } from "./queues.js";

/** What a transaction leaves for after its commit: jobs to add. */
export interface Effects {
  deliveries: string[];
  escalations: Array<{ assignmentId: string; dueAt: Date }>;
  petitionDeadlines: Array<{ submissionId: string; at: Date }>;
  followUps: Array<{ submissionId: string; resolvedAt: Date; at: Date }>;
}

export const noEffects = (): Effects => ({ deliveries: [], escalations: [], petitionDeadlines: [], followUps: [] });

export function mergeEffects(a: Effects, b: Effects): Effects {
  return {
    deliveries: [...a.deliveries, ...b.deliveries],
    escalations: [...a.escalations, ...b.escalations],
    petitionDeadlines: [...a.petitionDeadlines, ...b.petitionDeadlines],
    followUps: [...a.followUps, ...b.followUps],
  };
}

/**
 * Whether an assignment's escalation is a delayed job. Not on BullMQ's PostgreSQL backend: there a delayed job is a
 * row written with two event rows and a wake-up of the escalate worker, one per routed item, while the assignments
 * table already says when each one is due (assignments_overdue_idx); the escalation timer (jobs.ts) reads it every
 * second instead. On Redis the delayed job stays, with the sweeper as its safety net.
 */
export const escalationsAsJobs = (deps: AppDeps): boolean => deps.queues.backend !== "postgres";

/**
 * Adds the jobs after commit. Never throws: each kind has a database safety net (outbox reconciler for deliveries,
 * the sweeper for overdue escalations, due follow-ups and petition deadlines), so a queue outage only delays things.
 */
export async function dispatch(deps: AppDeps, fx: Effects): Promise<void> {
  await enqueueDeliveries(deps, fx.deliveries);
  const at = (jobId: string, when: Date) => ({ ...keep, jobId, delay: delayUntil(when) });
  const q = deps.queues;
  await Promise.allSettled([
    ...(escalationsAsJobs(deps) ? fx.escalations : []).map((e) =>
      within(escalateQueue.add(q, "escalate", { assignmentId: e.assignmentId }, at(jobIds.escalate(e.assignmentId, e.dueAt), e.dueAt))),
    ),
    ...fx.petitionDeadlines.map((p) =>
      within(petitionQueue.add(q, "petition-deadline", { submissionId: p.submissionId }, at(jobIds.petitionDeadline(p.submissionId), p.at))),
    ),
    ...fx.followUps.map((f) =>
      within(followUpQueue.add(q, "follow-up", { submissionId: f.submissionId, resolvedAt: f.resolvedAt.toISOString() }, at(jobIds.followUp(f.submissionId, f.resolvedAt), f.at))),
    ),
  ]);
}
