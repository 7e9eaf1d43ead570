import type { Job, JobsOptions, Queue } from "bullmq";
import type { QueueFactory } from "./connection.js";

/** Every kind of job a queue carries: job name → its payload. */
export type JobMap = Record<string, object>;
export type JobData<M extends JobMap> = M[keyof M & string];

/** Every add names its job id, derived from what the job is about: adding the same job twice runs it once. */
export type AddOptions = JobsOptions & { jobId: string };

/**
 * "<module>.<queue>": the owning module first, so that two modules never share a queue by accident. Lower-case
 * letters, digits and hyphens; the dot is safe on both backends (Redis keys are "<prefix>:<queue>:…", the PostgreSQL
 * backend keeps the name in a text column and as a NOTIFY payload), while ":" is refused by BullMQ on both.
 */
const QUEUE_NAME = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

/**
 * A queue and the payload of each job on it, as one typed handle that producers (add, addBulk) and the job
 * definition that serves it (server/src/queue/registry.ts) share.
 */
export interface TypedQueue<M extends JobMap> {
  readonly name: string;
  /** The module the queue belongs to (the part before the dot). */
  readonly module: string;
  /** The BullMQ queue on this deployment, for reading (getJob, counts) and queue-wide settings. */
  on(queues: QueueFactory): Queue<JobData<M>>;
  add<N extends keyof M & string>(queues: QueueFactory, jobName: N, data: M[N], opts: AddOptions): Promise<Job<JobData<M>>>;
  addBulk<N extends keyof M & string>(queues: QueueFactory, jobs: ReadonlyArray<{ name: N; data: M[N]; opts: AddOptions }>): Promise<Array<Job<JobData<M>>>>;
}

export function defineQueue<M extends JobMap>(name: `${string}.${string}`): TypedQueue<M> {
  if (!QUEUE_NAME.test(name)) throw new Error(`queue name "${name}" is not "<module>.<queue>" in lower case`);
  // BullMQ resolves a queue's job names and data from its generic through conditional types, which stay unresolved
  // for our generic M; producers go through the untyped queue, and the handle's signatures are what callers are
  // checked against.
  const untyped = (queues: QueueFactory): Queue => queues.queue(name);
  return {
    name,
    module: name.slice(0, name.indexOf(".")),
    on: (queues) => queues.queue<JobData<M>>(name),
    add: (queues, jobName, data, opts) => untyped(queues).add(jobName, data, opts),
    addBulk: (queues, jobs) => untyped(queues).addBulk(jobs.map((j) => ({ name: j.name, data: j.data, opts: j.opts }))),
  };
}
