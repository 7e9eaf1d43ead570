import type { Processor, Worker } from "bullmq";
import type { AppDeps } from "../deps.js";
import { closeWithDeadline } from "./connection.js";

/** A queue and the processor that serves it; each domain's jobs.ts exports a list of these. */
export interface JobDefinition<T = unknown> {
  queue: string;
  concurrency?: number;
  processor(deps: AppDeps): Processor<T>;
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
  jobs?: JobDefinition<never>[];
  periodic?: PeriodicTask[];
}

export interface RunningWorkers {
  workers: Worker[];
  stop(timeoutMs: number): Promise<"closed" | "forced">;
}

export function startWorkers(deps: AppDeps, modules: JobModule[], onError: (err: unknown, where: string) => void): RunningWorkers {
  const workers: Worker[] = [];
  const timers: NodeJS.Timeout[] = [];
  for (const mod of modules) {
    for (const def of mod.jobs ?? []) {
      const w = deps.queues.worker(def.queue, def.processor(deps) as Processor<unknown>, {
        concurrency: def.concurrency ?? deps.config.workerConcurrency,
      });
      w.on("error", (err) => onError(err, `worker ${def.queue}`));
      w.on("failed", (job, err) => onError(err, `job ${def.queue}/${job?.id ?? "?"}`));
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
      const t = setInterval(tick, task.everyMs);
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
