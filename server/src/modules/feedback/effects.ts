import crypto from "node:crypto";
import type { JobsOptions } from "bullmq";
import type { AppDeps } from "../../deps.js";
import { enqueueDeliveries, within } from "../notify/queue.js";

/** Queue names and the jobs they carry. */
export const Q = {
  route: "route",
  escalate: "escalate",
  petition: "petition",
  followUp: "follow-up",
} as const;

export interface RouteJob {
  submissionId: string;
}
/** Several submissions' routing in one job: what intake adds for a burst on the PostgreSQL backend (route-batch.ts). */
export interface RouteBatchJob {
  submissionIds: string[];
}
export interface EscalateJob {
  assignmentId: string;
}
export interface PetitionDeadlineJob {
  submissionId: string;
}
export interface FollowUpJob {
  submissionId: string;
  /** The resolution this question is about: a later resolution gets its own job. */
  resolvedAt: string;
}

const keep: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Job ids are deterministic so that adding twice runs once. BullMQ refuses ":" in custom ids (it is its key
 * separator), hence "esc-…" rather than "esc:…". An escalation's id carries its due time: the same assignment
 * reopened with a new deadline gets a new job, a re-add for the same deadline does not.
 */
export const jobIds = {
  route: (submissionId: string) => submissionId,
  escalate: (assignmentId: string, dueAt: Date) => `esc-${assignmentId}-${dueAt.getTime()}`,
  petitionDeadline: (submissionId: string) => `pdl-${submissionId}`,
  followUp: (submissionId: string, resolvedAt: Date) => `fu-${submissionId}-${resolvedAt.getTime()}`,
};

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

const delayUntil = (at: Date) => Math.max(0, at.getTime() - Date.now());

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
  // BullMQ types a queue's job names from its generic; ours are plain strings, hence the casts.
  const add = <T>(queue: string, name: string, data: T, jobId: string, at: Date) =>
    within(deps.queues.queue<T>(queue).add(name as never, data as never, { ...keep, jobId, delay: delayUntil(at) }));
  await Promise.allSettled([
    ...(escalationsAsJobs(deps) ? fx.escalations : []).map((e) => add<EscalateJob>(Q.escalate, "escalate", { assignmentId: e.assignmentId }, jobIds.escalate(e.assignmentId, e.dueAt), e.dueAt)),
    ...fx.petitionDeadlines.map((p) =>
      add<PetitionDeadlineJob>(Q.petition, "petition-deadline", { submissionId: p.submissionId }, jobIds.petitionDeadline(p.submissionId), p.at),
    ),
    ...fx.followUps.map((f) =>
      add<FollowUpJob>(Q.followUp, "follow-up", { submissionId: f.submissionId, resolvedAt: f.resolvedAt.toISOString() }, jobIds.followUp(f.submissionId, f.resolvedAt), f.at),
    ),
  ]);
}

export const routeJobOptions = (submissionId: string): JobsOptions => ({ ...keep, jobId: jobIds.route(submissionId) });

/** The same batch added twice runs once; a batch that shares some ids with an earlier one is a job of its own. */
export const routeBatchJobOptions = (submissionIds: string[]): JobsOptions => ({
  ...keep,
  jobId: `rb-${crypto.createHash("sha256").update(submissionIds.join(",")).digest("hex").slice(0, 32)}`,
});

export const escalateJobOptions = (assignmentId: string, dueAt: Date): JobsOptions => ({
  ...keep,
  jobId: jobIds.escalate(assignmentId, dueAt),
  delay: delayUntil(dueAt),
});
