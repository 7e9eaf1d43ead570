import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWithDeadline, createQueueFactory, type QueueFactory } from "../../../server/src/queue/connection.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { dropRedisNamespace, queueBackends, TEST_REDIS_URL } from "../../helpers/services.js";
import { waitUntil } from "../feedback/world.js";

const backends = await queueBackends();

describe.each(backends)("queue factory on %s", (backend) => {
  let database: TestDatabase;
  let queues: QueueFactory;
  const namespace = `{q${crypto.randomBytes(4).toString("hex")}}`;
  beforeAll(async () => {
    database = await createTestDatabase();
    queues = createQueueFactory({ backend, redisUrl: TEST_REDIS_URL, databaseUrl: database.url, namespace });
  });
  afterAll(async () => {
    await queues?.close();
    await database?.drop();
    if (backend === "redis") await dropRedisNamespace(namespace);
  });

  it("processes a job once even when it is added twice with the same jobId", async () => {
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      const w = queues.worker<{ n: number }>("dedupe", async (job) => {
        seen.push(`${job.id}:${job.data.n}`);
      });
      w.on("completed", () => resolve());
      w.on("error", () => undefined);
      afterAll(() => w.close());
    });
    await queues.queue<{ n: number }>("dedupe").add("x", { n: 1 }, { jobId: "same" });
    await queues.queue<{ n: number }>("dedupe").add("x", { n: 2 }, { jobId: "same" });
    await done;
    // The second add was a no-op, not a job waiting its turn: nothing is left to run.
    const counts = await queues.queue("dedupe").getJobCounts("waiting", "active", "delayed", "prioritized");
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
    expect(seen).toEqual(["same:1"]);
  });

  it("keeps finished jobs by age alone on PostgreSQL (its count limit rescans every kept job per completion), by age and count on Redis", async () => {
    const keep = { removeOnComplete: { age: 3600, count: 50 }, removeOnFail: { age: 7200, count: 5 } };
    const q = queues.queue<{ n: number }>("retention");
    await q.add("x", { n: 1 }, { ...keep, jobId: "one" });
    await q.addBulk([{ name: "x", data: { n: 2 }, opts: { ...keep, jobId: "two" } }]);
    for (const id of ["one", "two"]) {
      const job = await q.getJob(id);
      const expected = backend === "postgres" ? { removeOnComplete: { age: 3600 }, removeOnFail: { age: 7200 } } : keep;
      expect({ removeOnComplete: job?.opts.removeOnComplete, removeOnFail: job?.opts.removeOnFail }).toEqual(expected);
    }
  });

  it("stops workers within the deadline even when a job never finishes", async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const w = queues.worker("stuck", async () => {
      started();
      await new Promise(() => undefined);
    });
    w.on("error", () => undefined);
    await queues.queue("stuck").add("x", {});
    await running;
    const t0 = Date.now();
    const how = await closeWithDeadline([w], 500);
    expect(how).toBe("forced");
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

describe("Redis producer without Redis", () => {
  it("fails fast instead of hanging the HTTP request", async () => {
    const queues = createQueueFactory({ backend: "redis", redisUrl: "redis://127.0.0.1:1", namespace: "{down}" });
    const t0 = Date.now();
    await expect(queues.queue("x").add("x", {})).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(3000);
    await queues.close();
  });
});

/**
 * BullMQ's PostgreSQL backend gives each Queue and Worker a pool and a LISTEN connection of its own; a worker process
 * with every queue held 45 and two filled the CI machine's hundred. The factory puts a process's queues and workers
 * on one pool and one LISTEN client.
 */
describe("queue factory on postgres: one pool and one LISTEN connection per process", () => {
  let database: TestDatabase;
  let queues: QueueFactory;
  const POOL = 2;
  const NAMES = ["a", "b", "c", "d", "e", "f"];
  const dbName = () => new URL(database.url).pathname.slice(1);
  beforeAll(async () => {
    database = await createTestDatabase();
    queues = createQueueFactory({ backend: "postgres", databaseUrl: database.url, namespace: `{q${crypto.randomBytes(4).toString("hex")}}`, pgPoolMax: POOL });
  });
  afterAll(async () => {
    await queues?.close();
    await database?.drop();
  });

  async function queueConnections(): Promise<number> {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'hoiso-queue'", [dbName()]);
      return rows[0]!.n;
    } finally {
      await admin.end();
    }
  }

  /** Adds `perQueue` jobs to every queue and resolves when each worker has run them all. */
  async function runJobs(workers: Map<string, string[]>, tag: string, perQueue: number) {
    await Promise.all(NAMES.map((n) => queues.queue<{ tag: string }>(n).addBulk(Array.from({ length: perQueue }, (_, i) => ({ name: "x", data: { tag: `${tag}${i}` } })))));
    await waitUntil(`every worker to run its ${tag} jobs`, async () => NAMES.every((n) => workers.get(n)!.filter((t) => t.startsWith(tag)).length === perQueue), 30_000, 50);
  }

  it("six workers and their queues, all busy, hold the pool and one LISTEN client; a dropped LISTEN client is rebuilt", async () => {
    const seen = new Map(NAMES.map((n) => [n, [] as string[]]));
    let peak = 0;
    for (const n of NAMES) {
      const w = queues.worker<{ tag: string }>(n, async (job) => {
        seen.get(n)!.push(job.data.tag);
        peak = Math.max(peak, await queueConnections());
      }, { concurrency: 3 });
      w.on("error", () => undefined);
      afterAll(() => w.close());
    }
    await runJobs(seen, "first", 5);
    // One worker each held POOL + 1 before (every worker its pool and its LISTEN client): 18 here.
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(POOL + 1);

    // PostgreSQL drops the LISTEN connection (a restart, a failover): the workers go on taking jobs on a new one. The
    // client is opened by the first worker to wait for a job, which may come a moment after the last job finished.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const killed = await waitUntil("the workers' one LISTEN connection, ended by PostgreSQL", async () => {
        const { rows } = await admin.query<{ n: number }>(
          "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'hoiso-queue' AND query LIKE '%LISTEN bullmq_jobs%'",
          [dbName()],
        );
        return rows[0]!.n > 0 ? rows[0]!.n : null;
      }, 10_000, 50);
      expect(killed).toBe(1);
    } finally {
      await admin.end();
    }
    await runJobs(seen, "second", 2);
    expect(await queueConnections()).toBeLessThanOrEqual(POOL + 1);
  });
});
