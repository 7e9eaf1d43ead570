/**
 * Intake benchmark (issue 3): a fixed 500 submissions/s for 30 s against the real server (API + workers) on the
 * machine's PostgreSQL and Redis, then submission → assignment latency from the database, then the same load and a
 * closed-loop maximum against a bare Fastify route that does one INSERT and one queue add (the yardstick).
 *
 *   npm run bench:intake [-- --rate 500 --seconds 30]
 *
 * Prints measured figures only; it asserts nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { DEMO_TREE, seedUnitId } from "../seed/demo.js";
import { startServerProcess } from "../lib/process.js";
import { cpuMeter, fixedRate, formatResult, formatTail, maxThroughput, percentile, type RequestSpec, numberArg } from "./load.js";
import { benchServerEnv, createBenchDatabase, createWomen, dropQueueKeys } from "./setup.js";

const arg = numberArg;
const RATE = arg("rate", 500);
const SECONDS = arg("seconds", 30);
const MAX_SECONDS = arg("max-seconds", 10);
const CONCURRENCY = arg("concurrency", 64);
/** How long the bench waits for the backlog left after the burst to be routed. */
const DRAIN_SECONDS = arg("drain-seconds", 300);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const BACKEND = process.env.BENCH_QUEUE_BACKEND ?? "redis";
/**
 * "split" (default): an API process and a worker process, as production runs them (npm run start:api / start:worker);
 * "all": API and workers in one process (npm start); "api": intake alone, nothing routed.
 */
const LAYOUT = process.env.BENCH_LAYOUT ?? "split";

const CATEGORIES = ["viec_lam", "an_sinh", "y_te", "dat_dai", "vay_von", "thu_tuc", "gop_y_hoi", "khac"];

async function unrouted(db: pg.Pool, since: Date): Promise<number> {
  const r = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM submissions s WHERE s.created_at >= $1 AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.submission_id = s.id)",
    [since],
  );
  return r.rows[0]!.n;
}

/** Polls until nothing since `since` is unrouted or the time is up; returns what is still unrouted. */
async function waitUnrouted(db: pg.Pool, since: Date, ms: number): Promise<number> {
  if (LAYOUT === "api") return unrouted(db, since);
  const deadline = Date.now() + ms;
  let pending = await unrouted(db, since);
  while (pending > 0 && Date.now() < deadline) {
    await new Promise((res) => setTimeout(res, 250));
    pending = await unrouted(db, since);
  }
  return pending;
}

/**
 * Figures the machine's noise does not move: SQL statements (both processes, all pools), commits and queue jobs per
 * item of the measured run (the statements include the bench's own polling, a few a second).
 */
async function printPerItem(db: pg.Pool, items: number, before: Map<string, number>, after: Map<string, number>, commits: number, prefix: string, since: Date) {
  const diff = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, v]) => v > 0);
  const total = diff.reduce((n, [, v]) => n + v, 0);
  console.log(`\nper item of the measured run (${items} items): ${(total / items).toFixed(2)} SQL statements, ${(commits / items).toFixed(2)} commits`);
  for (const [k, v] of diff.sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`  ${(v / items).toFixed(3).padStart(7)}  ${k}`);
  if (BACKEND === "postgres") {
    const schema = `bullmq_${prefix.replace(/[^A-Za-z0-9_]/g, "")}`.toLowerCase();
    const r = await db
      .query<{ queue: string; n: number }>(`SELECT queue, count(*)::int AS n FROM ${schema}.job WHERE added_at_ms >= $1 GROUP BY queue ORDER BY queue`, [since.getTime()])
      .catch(() => ({ rows: [] as Array<{ queue: string; n: number }> }));
    console.log(`queue jobs added during the run and still stored: ${r.rows.map((x) => `${x.queue} ${x.n}`).join(", ") || "none kept"}`);
  }
}

async function main() {
  console.log(`# Hội Số intake benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; queue ${BACKEND}`);
  const database = await createBenchDatabase(ADMIN_URL);
  const prefix = `{bench${Date.now().toString(36)}}`;
  // the load comes from a few members by design: the submission limits would measure themselves
  const env = benchServerEnv({ databaseUrl: database.url, backend: BACKEND, redisUrl: REDIS_URL, prefix }, { RATE_LIMIT_SUBMIT_PER_MEMBER: "0", RATE_LIMIT_SUBMIT_PER_IP: "0" });
  // Every server process counts the SQL statements it sends (scripts/bench/count-sql.ts); SIGUSR2 writes them out.
  const countsDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-bench-sql-"));
  const counted = (role: string) =>
    startServerProcess({ ...env, HOISO_ROLE: role, BENCH_SQL_COUNTS: path.join(countsDir, `${role}.json`) }, [], [
      "--import",
      "./scripts/bench/count-sql.ts",
      // BENCH_CPU_PROF=<dir>: each server process writes a V8 CPU profile there when it stops (open it in Chrome's DevTools)
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ]);
  const server = counted(LAYOUT === "all" ? "all" : "api");
  const worker = LAYOUT === "split" ? counted("worker") : null;
  const readCounts = (f: string): { dump: number; counts: Record<string, number> } => {
    try {
      return JSON.parse(fs.readFileSync(f, "utf8")) as { dump: number; counts: Record<string, number> };
    } catch {
      return { dump: 0, counts: {} }; // not written yet, or caught half-written
    }
  };
  const sqlCounts = async (): Promise<Map<string, number>> => {
    const total = new Map<string, number>();
    for (const p of [server, worker]) {
      if (!p) continue;
      const f = path.join(countsDir, `${p === worker ? "worker" : LAYOUT === "all" ? "all" : "api"}.json`);
      const seen = readCounts(f).dump;
      p.child.kill("SIGUSR2");
      // A loaded machine may take a while to run the handler: wait for this dump, not the previous one.
      const until = Date.now() + 15_000;
      let c = readCounts(f);
      while (c.dump <= seen && Date.now() < until) {
        await new Promise((res) => setTimeout(res, 50));
        c = readCounts(f);
      }
      for (const [k, v] of Object.entries(c.counts)) total.set(k, (total.get(k) ?? 0) + v);
    }
    return total;
  };
  const commits = async () =>
    Number((await db.query<{ n: string }>("SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()")).rows[0]!.n);
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    const m = await server.waitFor(/API:\s+http:\/\/localhost:(\d+)\//);
    await worker?.waitFor(/bộ xử lý hàng đợi/);
    const base = `http://127.0.0.1:${m[1]}`;
    const cats = (await (await fetch(`${base}/api/categories`)).json()) as { items: Array<{ code: string; private: boolean }> };
    const codes = cats.items.filter((c) => !c.private).map((c) => c.code);
    const categories = codes.length > 0 ? codes : CATEGORIES;
    const units = Object.values(DEMO_TREE).flat().map((u) => seedUnitId(u.code));
    const women = await createWomen(base, 200, units);
    const body = (i: number): RequestSpec => {
      const w = women[i % women.length]!;
      return {
        path: "/api/submissions",
        headers: { authorization: `Bearer ${w.token}` },
        body: JSON.stringify({
          kind: "feedback",
          category: categories[i % categories.length],
          body: `Đường vào thôn bị sạt lở sau mưa lớn, xe máy không đi được, đề nghị Hội báo chính quyền xã hỗ trợ (#${i}).`,
        }),
      };
    };

    console.log(`\n## Our intake (POST /api/submissions; layout ${LAYOUT}: ${LAYOUT === "split" ? "API process + worker process" : LAYOUT === "all" ? "API and workers in one process" : "API only, no worker"})`);
    const warm = await fixedRate(base, Math.min(200, RATE), 5, body);
    console.log(formatResult("warm-up", warm));
    await db.query("SELECT 1");
    // Let the warm-up's items be routed first, so the counts below belong to the measured run alone.
    await waitUnrouted(db, new Date(0), 60_000);
    const sql0 = await sqlCounts();
    const commits0 = await commits();
    const cpu = await cpuMeter(db, [server.child.pid, worker?.child.pid]);
    const t0 = new Date();
    const ours = await fixedRate(base, RATE, SECONDS, (i) => body(i + 1_000_000));
    console.log(formatResult(`fixed ${RATE}/s × ${SECONDS} s`, ours));
    console.log(formatTail(ours));

    // Wait for the workers to route everything accepted during the run (the backlog the burst left), timing the drain.
    const burstEnd = performance.now();
    const backlog = await unrouted(db, t0);
    const pending = LAYOUT === "api" ? backlog : await waitUnrouted(db, t0, DRAIN_SECONDS * 1000);
    const drainSeconds = (performance.now() - burstEnd) / 1000;
    if (LAYOUT !== "api") {
      console.log(
        pending === 0
          ? `backlog at the end of the burst: ${backlog} unrouted; drained ${drainSeconds.toFixed(1)} s after the burst`
          : `backlog at the end of the burst: ${backlog} unrouted; ${pending} still unrouted ${drainSeconds.toFixed(0)} s after the burst`,
      );
    }
    const used = await cpu();
    const items = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM submissions WHERE created_at >= $1", [t0])).rows[0]!.n;
    if (items > 0) {
      const per = (ms: number) => (ms / items).toFixed(3);
      console.log(
        `\nCPU per item, measured run and drain (less moved by the machine's load than latency): ` +
          `${per(used.procs[0] ?? 0)} ms ${LAYOUT === "all" ? "server" : "API"} process` +
          `${worker ? `, ${per(used.procs[1] ?? 0)} ms worker process` : ""}, ${per(used.pg)} ms PostgreSQL`,
      );
    }
    if (items > 0) await printPerItem(db, items, sql0, await sqlCounts(), (await commits()) - commits0, prefix, t0);
    const accepted = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM submissions WHERE created_at >= $1", [t0])).rows[0]!.n;
    const lat = await db.query<{ ms: number }>(
      `SELECT EXTRACT(EPOCH FROM (min(a.created_at) - s.created_at)) * 1000 AS ms
         FROM submissions s JOIN assignments a ON a.submission_id = s.id
        WHERE s.created_at >= $1 GROUP BY s.id, s.created_at`,
      [t0],
    );
    const routed = lat.rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
    console.log(
      `stored ${accepted} of ${ours.ok} answered 201; not routed after waiting: ${pending}; ` +
        `submission → assignment p50 ${percentile(routed, 50).toFixed(0)} ms, p99 ${percentile(routed, 99).toFixed(0)} ms, max ${(routed.at(-1) ?? NaN).toFixed(0)} ms`,
    );
    const loopStart = new Date();
    const oursMax = await maxThroughput(base, CONCURRENCY, MAX_SECONDS, (i) => body(i + 2_000_000));
    const loopEnd = new Date();
    console.log(formatResult(`closed loop, ${CONCURRENCY} clients × ${MAX_SECONDS} s`, oursMax));
    if (LAYOUT !== "api") {
      // The worker shares the two cores with intake: a worker that routes more during the loop leaves intake less CPU,
      // so the loop's req/s alone would reward a worker that falls behind. Both figures, per second of the loop.
      const during = await db.query<{ routed: number }>(
        `SELECT count(*)::int AS routed FROM submissions s
          WHERE s.created_at >= $1 AND EXISTS (SELECT 1 FROM assignments a WHERE a.submission_id = s.id AND a.created_at <= $2)`,
        [loopStart, loopEnd],
      );
      const secs = (loopEnd.getTime() - loopStart.getTime()) / 1000;
      const routedPerSec = (during.rows[0]?.routed ?? 0) / secs;
      console.log(`  routed during the loop: ${routedPerSec.toFixed(0)}/s of ${oursMax.throughput.toFixed(0)}/s taken in; intake + routing ${(oursMax.throughput + routedPerSec).toFixed(0)} items/s`);
    }
    await server.stop();
    await worker?.stop();

    console.log(`\n## Yardstick: bare Fastify route, one INSERT + one queue add (no worker)`);
    const yard = (await import("node:child_process")).spawn(process.execPath, ["--import", "tsx", "scripts/bench/baseline-server.ts"], {
      env: { ...process.env, ...env, QUEUE_PREFIX: `${prefix}b` },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const yardUrl = await new Promise<string>((resolve, reject) => {
      let out = "";
      yard.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const mm = out.match(/BASELINE_URL (\S+)/);
        if (mm) resolve(mm[1]!);
      });
      yard.once("exit", (code) => reject(new Error(`baseline exited ${code}`)));
    });
    const yb = (i: number): RequestSpec => ({ ...body(i), path: "/intake" });
    await fixedRate(yardUrl, Math.min(200, RATE), 5, yb);
    const ycpu = await cpuMeter(db, [yard.pid]);
    const yFixed = await fixedRate(yardUrl, RATE, SECONDS, (i) => yb(i + 1_000_000));
    const yUsed = await ycpu();
    console.log(formatResult(`fixed ${RATE}/s × ${SECONDS} s`, yFixed));
    console.log(formatTail(yFixed));
    if (yFixed.ok > 0) {
      console.log(`  CPU per item: ${((yUsed.procs[0] ?? 0) / yFixed.ok).toFixed(3)} ms its process, ${(yUsed.pg / yFixed.ok).toFixed(3)} ms PostgreSQL`);
    }
    const yMax = await maxThroughput(yardUrl, CONCURRENCY, MAX_SECONDS, (i) => yb(i + 2_000_000));
    console.log(formatResult(`closed loop, ${CONCURRENCY} clients × ${MAX_SECONDS} s`, yMax));
    yard.kill("SIGTERM");

    console.log(`\n## Summary`);
    const lost = LAYOUT === "api" ? `${ours.ok - accepted} (nothing is routed in this layout)` : String(ours.ok - accepted + pending);
    console.log(`fixed ${RATE}/s: our p99 ${ours.latencyMs.p99.toFixed(1)} ms (target ≤ 25), lost ${lost} (target 0)`);
    if (LAYOUT !== "api") {
      console.log(`submission → assignment p99 ${percentile(routed, 99).toFixed(0)} ms (target ≤ 1000)`);
      console.log(`backlog after the burst: ${backlog}, ${pending === 0 ? `drained in ${drainSeconds.toFixed(1)} s` : `${pending} left after ${drainSeconds.toFixed(0)} s`}`);
    }
    console.log(
      `throughput ratio ours/yardstick (closed loop): ${(oursMax.throughput / yMax.throughput).toFixed(2)} (target ≥ 0.8; ` +
        `${LAYOUT === "api" ? "intake alone against the yardstick" : "ours with its worker routing on the same cores, the yardstick without one"})`,
    );
  } finally {
    await server.stop();
    await worker?.stop();
    await db.end();
    await database.drop();
    if (BACKEND === "redis") await dropQueueKeys(REDIS_URL, prefix);
    fs.rmSync(countsDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
