import crypto from "node:crypto";
import type { JobsOptions } from "bullmq";
import { defineQueue, type AddOptions } from "../../queue/define.js";

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

/** Feedback's queues and the jobs each carries. */
export const routeQueue = defineQueue<{ route: RouteJob; "route-batch": RouteBatchJob }>("feedback.route");
export const escalateQueue = defineQueue<{ escalate: EscalateJob }>("feedback.escalate");
export const petitionQueue = defineQueue<{ "petition-deadline": PetitionDeadlineJob }>("feedback.petition");
export const followUpQueue = defineQueue<{ "follow-up": FollowUpJob }>("feedback.follow-up");

export const keep: JobsOptions = {
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

export const delayUntil = (at: Date) => Math.max(0, at.getTime() - Date.now());

export const routeJobOptions = (submissionId: string): AddOptions => ({ ...keep, jobId: jobIds.route(submissionId) });

/** The same batch added twice runs once; a batch that shares some ids with an earlier one is a job of its own. */
export const routeBatchJobOptions = (submissionIds: string[]): AddOptions => ({
  ...keep,
  jobId: `rb-${crypto.createHash("sha256").update(submissionIds.join(",")).digest("hex").slice(0, 32)}`,
});

export const escalateJobOptions = (assignmentId: string, dueAt: Date): AddOptions => ({
  ...keep,
  jobId: jobIds.escalate(assignmentId, dueAt),
  delay: delayUntil(dueAt),
});
