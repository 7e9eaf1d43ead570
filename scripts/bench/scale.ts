/**
 * Scale-out benchmark (issue 18): API and worker processes side by side on one PostgreSQL and one Redis, against the
 * Zalo simulator in this process (each OA message answered after `--zalo-ms`, as a real call takes). Women send
 * feedback (with an Idempotency-Key), take a contest round (start + hand in), and halfway through a cán bộ sends an
 * announcement to all of them on Zalo (scale-run.ts has the run itself).
 *
 *   [DB_POOL_MAX=10] [WORKER_CONCURRENCY=4] npm run bench:scale [-- --women 200 --feedback 2 --concurrency 16 --zalo-ms 100]
 *
 * 1. One API process and one worker process.
 * 2. Two of each, the load client taking turns between the APIs (a tiny round-robin instead of a load balancer):
 *    the throughput with two of each.
 * 3. Two of each again; as soon as the announcement's messages are in Zalo calls (half the requests answered), one
 *    API process and one worker process are killed (SIGKILL); a request cut off goes again to the surviving API with
 *    the same Idempotency-Key, as the Mini App's retry does.
 * After each: every accepted submission stored once and assigned exactly once, every contest attempt scored once (one
 * entry per woman, its score what she answered), every announcement delivery final, in every woman's in-app list, and no
 * woman messaged twice — counted from the database and the simulator. Throughput (requests/s through the API, and end
 * to end until the work is done) is printed side by side. Exits non-zero when anything was lost or doubled.
 */
import os from "node:os";
import pg from "pg";
import { startZaloSimulator } from "../zalo-sim/server.js";
import { numberArg, percentile } from "./load.js";
import { prepareScale, runScalePhase, startCluster, stopCluster, type PhaseResult } from "./scale-run.js";
import { benchServerEnv, createBenchDatabase, dropQueueKeys } from "./setup.js";

const WOMEN = numberArg("women", 200);
const FEEDBACK_EACH = numberArg("feedback", 2);
const CONCURRENCY = numberArg("concurrency", 16);
const ZALO_MS = numberArg("zalo-ms", 100);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

async function main(): Promise<void> {
  console.log(`# Hội Số scale-out benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}; node ${process.version}; queue redis`);
  console.log(`${WOMEN} women × (${FEEDBACK_EACH} feedback + 1 contest attempt) + 1 announcement to all of them per phase; client concurrency ${CONCURRENCY}; Zalo answers in ${ZALO_MS} ms\n`);
  const sim = await startZaloSimulator({ port: 0, host: "127.0.0.1", appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 0 });
  const database = await createBenchDatabase(ADMIN_URL);
  const db = new pg.Pool({ connectionString: database.url, max: 4 });
  const prefix = `{benchscale${Date.now().toString(36)}}`;
  const env = benchServerEnv(
    { databaseUrl: database.url, backend: "redis", redisUrl: REDIS_URL, prefix, zaloUrl: sim.url },
    {
      RATE_LIMIT_SUBMIT_PER_MEMBER: "0",
      RATE_LIMIT_SUBMIT_PER_IP: "0",
      ZALO_HTTP_TIMEOUT_MS: "3000",
      WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? "4",
      // four processes at up to DB_POOL_MAX + 1 connections each: on a PostgreSQL shared with other work, set it lower
      ...(process.env.DB_POOL_MAX ? { DB_POOL_MAX: process.env.DB_POOL_MAX } : {}),
    },
  );
  let failed = false;
  try {
    // the women are made through a short-lived API, as the Mini App would
    const setup = await startCluster(env, 1);
    const world = await prepareScale({ env, db, sim, base: setup.apis[0]!.base.replace(/\/api$/, ""), women: WOMEN, rounds: 3 }).finally(() => stopCluster(setup));
    const common = { feedbackEach: FEEDBACK_EACH, concurrency: CONCURRENCY, zaloMs: ZALO_MS, doneTimeoutMs: 180_000, log: (l: string) => console.log(l) };
    const results: PhaseResult[] = [];
    console.log("## one API process, one worker process");
    results.push(await runScalePhase(world, { ...common, label: "1 API + 1 worker", processes: 1, kill: false, round: 0 }));
    console.log("## two API processes, two worker processes");
    results.push(await runScalePhase(world, { ...common, label: "2 API + 2 workers", processes: 2, kill: false, round: 1 }));
    console.log("## two API processes, two worker processes, one of each killed midway");
    results.push(await runScalePhase(world, { ...common, label: "2 API + 2 workers, 1+1 killed", processes: 2, kill: true, round: 2 }));

    console.log("\n| run | requests | through the API | end to end (all routed, all sent) | request p50 / p99 |");
    console.log("|---|---|---|---|---|");
    for (const r of results) {
      const s = [...r.latencies].sort((a, b) => a - b);
      console.log(
        `| ${r.label} | ${r.requests} | ${((r.requests * 1000) / r.requestMs).toFixed(1)}/s (${(r.requestMs / 1000).toFixed(1)} s) | ${(r.doneMs / 1000).toFixed(1)} s | ${percentile(s, 50).toFixed(0)} / ${percentile(s, 99).toFixed(0)} ms |`,
      );
    }
    const k = results[2]!.atKill;
    if (k) console.log(`\nat the kill: ${k.answered}/${k.of} requests answered, ${k.unrouted} items not yet routed, ${k.pending} announcement messages not yet final (${k.inCall} in a Zalo call); ${results[2]!.cutAndRetried} calls cut and sent again; ${results[2]!.inDoubt} announcement messages in doubt (${results[2]!.inDoubt > 0 ? "the killed worker was sending it" : "the surviving worker was sending it"})`);
    for (const r of results) for (const p of r.problems) console.error(`PROBLEM (${r.label}): ${p}`);
    failed = results.some((r) => r.problems.length > 0);
    console.log(failed ? "\nsomething was lost or done twice (see PROBLEM lines)" : "\nnothing lost, nothing done twice");
  } finally {
    await db.end();
    await dropQueueKeys(REDIS_URL, prefix).catch(() => undefined);
    await sim.close();
    await database.drop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
