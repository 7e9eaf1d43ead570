import type { Processor, Worker } from "bullmq";
import type { AppDeps } from "../deps.js";
import { closeWithDeadline } from "./connection.js";
import type { JobData, JobMap, TypedQueue } from "./define.js";

/** A queue and the processor that serves it; each domain's jobs.ts exports a list of these. */
export interface JobDefinition<M extends JobMap> {
  queue: TypedQueue<M>;
  /**
   * Jobs in flight per worker process, as a multiple of WORKER_CONCURRENCY (1 when absent): a job that mostly
   * waits, or that gains from running beside others, may ask for more; the deployment's setting still scales it.
   */
  concurrencyFactor?: number;
  processor(deps: AppDeps): Processor<JobData<M>>;
}

// A module's jobs carry different payloads; each definition was checked against its own queue where it was written.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any>;

/** Checks a definition against its queue's payloads (the processor's job is typed from the queue). */
export function defineJob<M extends JobMap>(def: JobDefinition<M>): JobDefinition<M> {
  return def;
}

/** How many jobs of this definition one worker process runs at once. */
export function concurrencyOf(def: Pick<AnyJobDefinition, "concurrencyFactor">, workerConcurrency: number): number {
  return Math.max(1, Math.round(workerConcurrency * (def.concurrencyFactor ?? 1)));
}

/**
 * Work that must happen on a timer whatever the queue holds (reconciler, sweepers).
 * It runs in worker processes only, guarded by a PostgreSQL advisory lock so that
 * several workers do not sweep at once.
 */
export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(deps: AppDeps): Promise<unknown>;
}

export interface JobModule {
  jobs?: readonly AnyJobDefinition[];
  periodic?: readonly PeriodicTask[];
}

export interface RunningWorkers {
  workers: Worker[];
  stop(timeoutMs: number): Promise<"closed" | "forced">;
}

export function startWorkers(deps: AppDeps, modules: readonly JobModule[], onError: (err: unknown, where: string) => void): RunningWorkers {
  const workers: Worker[] = [];
  const timers: NodeJS.Timeout[] = [];
  for (const mod of modules) {
    for (const def of mod.jobs ?? []) {
      const name = def.queue.name;
      const w = deps.queues.worker(name, def.processor(deps) as Processor<unknown>, {
        concurrency: concurrencyOf(def, deps.config.workerConcurrency),
      });
      w.on("error", (err) => onError(err, `worker ${name}`));
      w.on("failed", (job, err) => onError(err, `job ${name}/${job?.id ?? "?"}`));
      workers.push(w as Worker);
    }
    for (const task of mod.periodic ?? []) {
      let running = false;
      const tick = async () => {
        if (running) return;
        running = true;
        try {
          await task.run(deps);
        } catch (err) {
          onError(err, `periodic ${task.name}`);
        } finally {
          running = false;
        }
      };
      // Fire and forget: tick reports its own failures through onError, and `running` keeps rounds from overlapping.
      const t = setInterval(() => void tick(), task.everyMs);
      t.unref();
      timers.push(t);
    }
  }
  return {
    workers,
    async stop(timeoutMs: number) {
      for (const t of timers) clearInterval(t);
      return closeWithDeadline(workers, timeoutMs);
    },
  };
}
