import {
  Queue,
  Worker,
  PostgresConnection,
  PostgresQueueBackend,
  type BackendFactory,
  type IQueueBackend,
  type JobsOptions,
  type PostgresConnectionOptions,
  type Processor,
  type WorkerOptions,
} from "bullmq";
import { Redis } from "ioredis";

export type QueueBackendName = "redis" | "postgres";

export interface QueueConnectionOptions {
  backend: QueueBackendName;
  redisUrl?: string | undefined;
  databaseUrl?: string | undefined;
  /** Redis key prefix (hash-tagged for Cluster) or PostgreSQL schema name. */
  namespace: string;
  /** PostgreSQL backend: the size of the one pool a process's queues and workers share (QUEUE_PG_POOL_MAX). */
  pgPoolMax?: number;
}

/**
 * One factory for both BullMQ backends, so the rest of the code never asks which one it runs on.
 * Producers fail fast (an HTTP request must not hang on a dead Redis); workers retry forever.
 */
export interface QueueFactory {
  readonly backend: QueueBackendName;
  queue<T>(name: string): Queue<T>;
  worker<T>(name: string, processor: Processor<T>, opts?: Partial<WorkerOptions>): Worker<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

function pgSchemaFor(namespace: string): string {
  // A schema name cannot carry Redis hash-tag braces; keep letters, digits and underscores.
  const s = namespace.replace(/[^A-Za-z0-9_]/g, "");
  return `bullmq_${s || "hoiso"}`.toLowerCase();
}

/**
 * On BullMQ's PostgreSQL backend a count limit on kept jobs is paid on every completion: its apply_retention deletes
 * "all but the newest N" by reading and sorting every kept job of the queue (586 ms per completed job with 9,400
 * kept, measured for issue 9), so routing slowed down as the day's jobs piled up and never caught up. The age limit
 * is an index range scan. A table has room where Redis memory does not, so on PostgreSQL a {age, count} limit keeps
 * only its age; a limit given as a count alone is left as asked.
 */
export function postgresRetention(opts: JobsOptions | undefined): JobsOptions | undefined {
  if (!opts) return opts;
  const ageOnly = (k: JobsOptions["removeOnComplete"]) => (typeof k === "object" && "age" in k && k.age !== undefined ? { age: k.age } : k);
  return { ...opts, removeOnComplete: ageOnly(opts.removeOnComplete), removeOnFail: ageOnly(opts.removeOnFail) };
}

/**
 * Below this many jobs, addBulk on the PostgreSQL backend adds them one by one: its add_jobs_bulk builds two
 * temporary tables per call, about 5 ms whatever the size, against about 1 ms for one add_job (measured for issue 9:
 * 6.4 against 1.2 ms for one job, 5.1 against 2.3 ms for two, even at five). Routing single submissions went through
 * it at 10.8 ms each, the largest single cost of intake and routing together. Single adds are not one transaction,
 * which every caller already allows for: each job has its own id, so a retry or a reconciler adds only what is missing.
 */
export const PG_BULK_MIN = 5;

/**
 * Every job added through this queue gets postgresRetention, and a small addBulk becomes single adds (the queue is
 * BullMQ's, only add and addBulk differ).
 */
function forPostgres(q: Queue): Queue {
  const add = q.add.bind(q);
  const addBulk = q.addBulk.bind(q);
  q.add = (name, data, opts) => add(name, data, postgresRetention(opts));
  q.addBulk = (jobs) =>
    jobs.length < PG_BULK_MIN
      ? Promise.all(jobs.map((j) => add(j.name, j.data, postgresRetention(j.opts))))
      : addBulk(jobs.map((j) => ({ ...j, opts: postgresRetention(j.opts) })));
  return q;
}

export function createQueueFactory(opts: QueueConnectionOptions): QueueFactory {
  const queues = new Map<string, Queue>();
  const closers: Array<() => Promise<unknown>> = [];

  if (opts.backend === "redis") {
    if (!opts.redisUrl) throw new Error("redis backend needs a REDIS_URL");
    // A dead Redis must turn into a quick error for the HTTP request (the row is already safe in PostgreSQL):
    // commands wait for at most one reconnect attempt and never longer than commandTimeout.
    const producer = new Redis(opts.redisUrl, {
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: 5000,
    });
    producer.on("error", () => undefined); // state is reported by ping(); reconnects on its own
    closers.push(() => producer.quit().catch(() => producer.disconnect()));
    return {
      backend: "redis",
      queue<T>(name: string): Queue<T> {
        let q = queues.get(name);
        if (!q) {
          q = new Queue(name, { connection: producer, prefix: opts.namespace, skipWaitingForReady: true });
          q.on("error", () => undefined);
          queues.set(name, q);
        }
        return q as Queue<T>;
      },
      worker<T>(name: string, processor: Processor<T>, wopts: Partial<WorkerOptions> = {}): Worker<T> {
        const connection = new Redis(opts.redisUrl as string, { maxRetriesPerRequest: null });
        connection.on("error", () => undefined);
        const w = new Worker<T>(name, processor, { ...wopts, connection, prefix: opts.namespace });
        closers.push(() => connection.quit().catch(() => connection.disconnect()));
        return w;
      },
      async ping() {
        await producer.ping();
      },
      async close() {
        await Promise.allSettled([...queues.values()].map((q) => q.close()));
        await Promise.allSettled(closers.map((c) => c()));
      },
    };
  }

  if (!opts.databaseUrl) throw new Error("postgres queue backend needs a database URL");
  // BullMQ gives every Queue and Worker on this backend a pool and a LISTEN connection of its own: a worker process
  // serving eleven queues held 45 connections, two of them filled a 100-connection server in CI. Here a process
  // opens one PostgresConnection (one pool of QUEUE_PG_POOL_MAX, one LISTEN client) and every queue and worker is a
  // backend on it, as BullMQ's own `forQueue` siblings are. Sharing the LISTEN client is sound: each wait filters the
  // shared channel by its queue name.
  const connectionOpts = { connectionString: opts.databaseUrl, schema: pgSchemaFor(opts.namespace), migrate: true, max: opts.pgPoolMax ?? 10, application_name: "hoiso-queue" };
  let shared: PostgresConnection | null = null;
  const connection = (): PostgresConnection => {
    if (!shared) {
      shared = new PostgresConnection(connectionOpts);
      shared.on("error", () => undefined); // each worker reports it too; a pool error must not crash the process
      shared.setMaxListeners(0); // every worker backend listens for the LISTEN client's rebuild
    }
    return shared;
  };
  const producerBackend: BackendFactory<IQueueBackend, PostgresConnectionOptions> = (name, o) => new PostgresQueueBackend(connection(), name, o, false);
  const workerBackend: BackendFactory<IQueueBackend, PostgresConnectionOptions> = (name, o) => new SharedConnectionWorkerBackend(connection(), name, o);
  return {
    backend: "postgres",
    queue<T>(name: string): Queue<T> {
      let q = queues.get(name);
      if (!q) {
        const pq = new Queue(name, { connection: connectionOpts }, producerBackend);
        pq.on("error", () => undefined);
        // Same runtime API on both backends; only the generic backend parameter differs, so callers see one type.
        q = forPostgres(pq as unknown as Queue);
        queues.set(name, q);
      }
      return q as Queue<T>;
    },
    worker<T>(name: string, processor: Processor<T>, wopts: Partial<WorkerOptions> = {}): Worker<T> {
      const { connection: _ignored, ...rest } = wopts;
      const pw = new Worker(name, processor as Processor, { ...rest, connection: connectionOpts }, workerBackend);
      return pw as unknown as Worker<T>;
    },
    async ping() {
      const q = this.queue("health");
      await q.getJobCounts("waiting");
    },
    async close() {
      await Promise.allSettled([...queues.values()].map((q) => q.close()));
      await shared?.close();
    },
  };
}

/**
 * A worker's backend on the process's shared connection. It owns the connection in BullMQ's sense, so it follows the
 * LISTEN client when that is rebuilt after a drop and reports the connection's errors, but closing the worker only
 * ends its own wait: the factory closes the connection once, after every worker and queue.
 */
class SharedConnectionWorkerBackend extends PostgresQueueBackend {
  constructor(connection: PostgresConnection, name: string, opts: ConstructorParameters<typeof PostgresQueueBackend>[2]) {
    super(connection, name, opts, true);
  }
  override async close(): Promise<void> {
    await this.disconnectBlocking();
  }
  override async disconnect(): Promise<void> {
    await this.disconnectBlocking();
  }
}

/**
 * Closes workers but never waits longer than `ms`: a stuck job must not keep a deploy from finishing.
 * BullMQ's close(true) cannot interrupt a close() already waiting on a job, so past the deadline we stop waiting;
 * the caller exits the process and the job's lock expires, so another worker picks it up as stalled.
 */
export async function closeWithDeadline(workers: Worker[], ms: number): Promise<"closed" | "forced"> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"forced">((resolve) => {
    timer = setTimeout(() => resolve("forced"), ms);
  });
  const graceful = Promise.allSettled(workers.map((w) => w.close())).then(() => "closed" as const);
  const result = await Promise.race([graceful, deadline]);
  clearTimeout(timer);
  return result;
}
