/**
 * The queue library alone (issue 9): N no-op jobs added in bulk and then processed by one worker, on Redis and on
 * BullMQ's PostgreSQL backend in the same run, through our queue factory, with the job options our pipeline uses.
 * Nothing of ours runs inside the jobs, so what differs between the backends is the backend.
 *
 *   npx tsx scripts/bench/queue-isolation.ts [--jobs 5000] [--concurrency 64]
 *
 * Prints the cost of an add by jobs per call, then jobs/s for adding and for processing, and SQL statements per job
 * on PostgreSQL. Asserts nothing.
 * BullMQ is used directly, not through our factory, so that the retention options reach the backend as written.
 */
import crypto from "node:crypto";
import pg from "pg";
import { Queue, Worker, createPostgresBackend, type JobsOptions } from "bullmq";
import { Redis } from "ioredis";
import { sqlCounts } from "./count-sql.js";
import { numberArg } from "./load.js";

type Backend = "redis" | "postgres";

const arg = numberArg;
const JOBS = arg("jobs", 5000);
const CONCURRENCY = arg("concurrency", 64);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Retention variants: what the pipeline's jobs ask for, and the cheaper alternatives. */
const RETENTION: Record<string, Pick<JobsOptions, "removeOnComplete">> = {
  "age 24 h + count 50 000 (as before)": { removeOnComplete: { age: 24 * 3600, count: 50_000 } },
  "age 24 h only": { removeOnComplete: { age: 24 * 3600 } },
};

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

async function once(backend: Backend, label: string, opts: JobsOptions, databaseUrl: string) {
  const ns = `iso${crypto.randomBytes(3).toString("hex")}`;
  const pgConnection = { connectionString: databaseUrl, schema: `bullmq_${ns}`, migrate: true, max: 10 };
  const redis = () => new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  // The two backends type their queues apart; the calls below are the same on both.
  const q = (backend === "postgres"
    ? new Queue("iso", { connection: pgConnection }, createPostgresBackend)
    : new Queue("iso", { connection: redis(), prefix: ns })) as unknown as Queue<{ n: number }>;
  await q.waitUntilReady();
  const sql0 = total(sqlCounts());
  const t0 = performance.now();
  for (let i = 0; i < JOBS; i += 100) {
    const n = Math.min(100, JOBS - i);
    await q.addBulk(Array.from({ length: n }, (_, k) => ({ name: "x", data: { n: i + k }, opts: { ...opts, attempts: 8, jobId: `j-${i + k}` } })));
  }
  const addSeconds = (performance.now() - t0) / 1000;
  const sql1 = total(sqlCounts());
  let done = 0;
  let t1 = 0;
  let w!: Worker;
  const finished = new Promise<void>((resolve) => {
    const processor = async () => {
      if (t1 === 0) t1 = performance.now();
      if (++done === JOBS) resolve();
    };
    w = (backend === "postgres"
      ? new Worker("iso", processor, { connection: pgConnection, concurrency: CONCURRENCY }, createPostgresBackend)
      : new Worker("iso", processor, { connection: redis(), prefix: ns, concurrency: CONCURRENCY })) as unknown as Worker;
    w.on("error", () => undefined);
  });
  const tw = performance.now();
  await finished;
  const end = performance.now();
  const sql2 = total(sqlCounts());
  const perJob = (n: number) => (backend === "postgres" ? `${(n / JOBS).toFixed(2)} SQL/job` : "");
  console.log(
    `${backend.padEnd(8)} ${label.padEnd(38)} add ${(JOBS / addSeconds).toFixed(0).padStart(6)} jobs/s ${perJob(sql1 - sql0).padEnd(14)} ` +
      `process ${(JOBS / ((end - tw) / 1000)).toFixed(0).padStart(6)} jobs/s ${perJob(sql2 - sql1)} (first job after ${(t1 - tw).toFixed(0)} ms)`,
  );
  await w.close();
  await q.close();
  if (backend === "redis") {
    const r = redis();
    const keys = await r.keys(`${ns}:*`);
    if (keys.length > 0) await r.unlink(...keys);
    await r.quit();
  }
}

/**
 * What one add costs by how many jobs go together: the library's addBulk against as many single adds in parallel.
 * On PostgreSQL addBulk builds temporary tables on every call (issue 9 found 10.8 ms per single-job addBulk in the
 * intake bench), so small bulks are single adds in our queue factory (PG_BULK_MIN).
 */
async function addCostBySize(backend: Backend, databaseUrl: string) {
  const ns = `iso${crypto.randomBytes(3).toString("hex")}`;
  const connection = backend === "postgres" ? { connectionString: databaseUrl, schema: `bullmq_${ns}`, migrate: true, max: 10 } : null;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const q = (connection ? new Queue("size", { connection }, createPostgresBackend) : new Queue("size", { connection: redis, prefix: ns })) as unknown as Queue<{ n: number }>;
  await q.waitUntilReady();
  let id = 0;
  const line: string[] = [];
  for (const size of [1, 2, 5, 10, 50]) {
    const reps = Math.max(10, Math.floor(400 / size));
    const jobs = () => Array.from({ length: size }, () => ({ name: "x", data: { n: ++id }, opts: { jobId: `s-${id}`, removeOnComplete: { age: 3600 } } }));
    const time = async (f: () => Promise<unknown>) => {
      const t = performance.now();
      for (let r = 0; r < reps; r++) await f();
      return (performance.now() - t) / reps;
    };
    await time(() => q.addBulk(jobs())); // warm
    const bulk = await time(() => q.addBulk(jobs()));
    const single = await time(() => Promise.all(jobs().map((j) => q.add(j.name, j.data, j.opts))));
    line.push(`${size}: addBulk ${bulk.toFixed(2)} ms, single adds ${single.toFixed(2)} ms`);
  }
  console.log(`${backend.padEnd(8)} per call, by jobs per call — ${line.join("; ")}`);
  await q.obliterate({ force: true }).catch(() => undefined);
  await q.close();
  if (backend === "redis") {
    const keys = await redis.keys(`${ns}:*`);
    if (keys.length > 0) await redis.unlink(...keys);
  }
  await redis.quit();
}

async function main() {
  const name = `hoiso_bench_iso_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  console.log(`# queue library alone: ${JOBS} no-op jobs added (addBulk of 100) then processed by one worker, concurrency ${CONCURRENCY}`);
  try {
    for (const backend of ["redis", "postgres"] as const) await addCostBySize(backend, u.toString());
    for (const [label, opts] of Object.entries(RETENTION)) {
      for (const backend of ["redis", "postgres"] as const) await once(backend, label, opts, u.toString());
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

// The Redis connections handed to BullMQ stay open; the run is over.
main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
