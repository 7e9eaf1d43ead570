/**
 * Thông báo benchmark (issue 14): one announcement to N recipients (100,000 by default) through the real API and
 * worker processes, on the machine's PostgreSQL and Redis, against the Zalo simulator on loopback (in this process).
 *
 * 1. BullMQ alone, in the same run: N no-op jobs added in bulk and processed by one worker (the yardstick).
 * 2. Rate limit off (notify_rate_per_sec 1,000,000; the simulator accepts everything): one worker process; the time
 *    to expand the audience (created → expanded_at), OA messages per second end to end (POST → the simulator has
 *    them all), in-app rows, and Redis used_memory at its peak over the run (sampled every 100 ms).
 * 3. Rate limit on (--rate, default 200/s) with two worker processes: the achieved rate over the middle 80 % of the
 *    messages, as the simulator timed their arrival.
 *
 *   npm run bench:broadcast [-- --recipients 100000 --concurrency 32 --rate 200 --rate-recipients 4000]
 *
 * Prints measured figures only; it asserts nothing. Redis is shared with whatever else runs on the machine: its
 * memory figure is the peak minus the baseline before the run.
 */
import crypto from "node:crypto";
import os from "node:os";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { startProcess, type ServerProcess } from "../lib/process.js";
import { zaloFetch } from "../../server/src/zalo/http.js";
import { startZaloSimulator, type ZaloSimulator } from "../zalo-sim/server.js";
import { numberArg } from "./load.js";
import { benchServerEnv, createBenchDatabase } from "./setup.js";

const N = numberArg("recipients", 100_000);
const CONCURRENCY = numberArg("concurrency", 32);
const RATE = numberArg("rate", 200);
const RATE_N = numberArg("rate-recipients", 4000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const XA_CODE = "02905"; // the demo seed's Xã Bảo Thắng, where demo-canbo-xa is cán bộ

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const rate = (n: number, ms: number) => `${Math.round((n * 1000) / ms).toLocaleString("en")}/s`;

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info("memory");
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/** Samples Redis memory until stopped; answers the peak. */
function sampleMemory(redis: Redis): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await usedMemory(redis));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}

async function dropKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== "0");
}

/** The yardstick: N no-op jobs through BullMQ on the same Redis, added in bulk of 1,000, one worker at CONCURRENCY. */
async function noopThroughput(): Promise<{ add: number; process: number }> {
  const prefix = `{benchnoop${crypto.randomBytes(3).toString("hex")}}`;
  const conn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const q = new Queue("noop", { connection: conn, prefix });
  const t0 = Date.now();
  for (let i = 0; i < N; i += 1000) {
    await q.addBulk(Array.from({ length: Math.min(1000, N - i) }, (_, k) => ({ name: "noop", data: { i: i + k }, opts: { jobId: `n${i + k}`, removeOnComplete: true } })));
  }
  const added = Date.now() - t0;
  let done = 0;
  const t1 = Date.now();
  // BullMQ leaves a connection it was given open on close: quit below, or it keeps the bench from exiting
  const workerConn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const finished = new Promise<void>((resolve) => {
    const w = new Worker("noop", async () => undefined, { connection: workerConn, prefix, concurrency: CONCURRENCY });
    w.on("completed", () => {
      if (++done === N) void w.close().then(() => resolve());
    });
  });
  await finished;
  const processed = Date.now() - t1;
  await q.close();
  await dropKeys(conn, prefix);
  await conn.quit();
  await workerConn.quit();
  return { add: (N * 1000) / added, process: (N * 1000) / processed };
}

/**
 * The ceiling the machine allows the sends themselves: OA messages from this process through the server's own Zalo
 * HTTP client (zalo/http.ts) to the simulator, 64 in flight, no database and no queue. Client and simulator share
 * this one process here; in the run they are two, so the end-to-end figure may pass this one on two free cores.
 */
async function simulatorCeiling(sim: ZaloSimulator, n: number): Promise<{ perSec: number; cpuUsPerCall: number }> {
  const u = sim.createUser({ name: "Hội viên" });
  sim.interact(u.oaUserId);
  const token = sim.issueOaTokens().accessToken;
  const body = JSON.stringify({ recipient: { user_id: u.oaUserId }, message: { text: "Chị có thông báo mới từ Hội: thử tải." } });
  const before = sim.sentCount().cs;
  let i = 0;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (i++ < n) {
        await zaloFetch(`${sim.url}/v3.0/oa/message/cs`, { method: "POST", headers: { "content-type": "application/json", access_token: token }, body }, 120_000, "oa/message/cs");
      }
    }),
  );
  const ms = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  if (sim.sentCount().cs - before !== n) throw new Error("the simulator did not accept every ceiling message");
  return { perSec: (n * 1000) / ms, cpuUsPerCall: (used.user + used.system) / n };
}

const load = () => `load average ${os.loadavg().map((x) => x.toFixed(2)).join(", ")}`;

async function main() {
  console.log(`# Hội Số announcement benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; queue redis`);
  console.log(`recipients ${N.toLocaleString("en")}; WORKER_CONCURRENCY ${CONCURRENCY}; rate-limited run ${RATE}/s to ${RATE_N.toLocaleString("en")} recipients`);
  console.log(`at the start: ${load()}\n`);

  const noop = await noopThroughput();
  console.log(`BullMQ alone (no-op jobs, one worker, concurrency ${CONCURRENCY}): add ${Math.round(noop.add).toLocaleString("en")}/s, process ${Math.round(noop.process).toLocaleString("en")}/s`);

  const sim = await startZaloSimulator({ port: 0, host: "127.0.0.1", appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 0 });
  const ceiling = await simulatorCeiling(sim, Math.min(N, 20_000)).catch(async (err: unknown) => {
    await sim.close();
    throw err;
  });
  console.log(
    `Zalo simulator alone (the server's Zalo client → simulator, one process, 64 in flight): ${Math.round(ceiling.perSec).toLocaleString("en")}/s, ${Math.round(ceiling.cpuUsPerCall)} µs CPU per message (client + simulator)`,
  );
  const database = await createBenchDatabase(ADMIN_URL);
  const db = new pg.Pool({ connectionString: database.url, max: 4 });
  const redis = new Redis(REDIS_URL);
  const prefix = `{benchbc${Date.now().toString(36)}}`;
  const children: ServerProcess[] = [];
  try {
    // two chi hội under the seeded xã: N members, and RATE_N for the rate-limited run; all following the OA in the window
    const xa = (await db.query<{ id: string; path: string }>("SELECT id, path FROM units WHERE code = $1", [XA_CODE])).rows[0]!;
    const units: string[] = [];
    for (const [code, name] of [["bench-big", "Chi hội thử tải"], ["bench-rate", "Chi hội thử tốc độ"]] as const) {
      const id = crypto.randomUUID();
      await db.query("INSERT INTO units (id, parent_id, level, code, name, path, search_text) VALUES ($1, $2, 'chi_hoi', $3, $4, $5, $3)", [id, xa.id, code, name, `${xa.path}${id}/`]);
      units.push(id);
    }
    const tSetup = Date.now();
    for (const [unitId, count] of [[units[0]!, N], [units[1]!, RATE_N]] as const) {
      for (let i = 0; i < count; i += 10_000) {
        const ids = Array.from({ length: Math.min(10_000, count - i) }, () => sim.createUser({ name: "Hội viên" }).oaUserId);
        for (const id of ids) sim.interact(id);
        await db.query(
          `INSERT INTO members (name, unit_id, zalo_oa_user_id, membership_status) SELECT 'Hội viên ' || o.ord, $1, o.id, 'confirmed' FROM unnest($2::text[]) WITH ORDINALITY AS o(id, ord)`,
          [unitId, ids],
        );
        await db.query("INSERT INTO oa_interactions (oa_user_id, last_interaction_at, following) SELECT id, now(), true FROM unnest($1::text[]) AS id", [ids]);
      }
    }
    await db.query("VACUUM ANALYZE members");
    const pair = sim.issueOaTokens();
    await db.query("INSERT INTO zalo_oa_tokens (oa_id, access_token, refresh_token, access_expires_at, updated_at) VALUES ('sim-oa', $1, $2, now() + interval '25 hours', now())", [
      pair.accessToken,
      pair.refreshToken,
    ]);
    await db.query("UPDATE notify_settings SET value = '1000000' WHERE key = 'notify_rate_per_sec'");
    console.log(`setup: ${(N + RATE_N).toLocaleString("en")} members and simulated Zalo users in ${((Date.now() - tSetup) / 1000).toFixed(1)} s`);

    const env = benchServerEnv({ databaseUrl: database.url, backend: "redis", redisUrl: REDIS_URL, prefix, zaloUrl: sim.url }, { WORKER_CONCURRENCY: String(CONCURRENCY) });
    const api = startProcess({ ...env, HOISO_ROLE: "api" }, ["server/src/main.ts"]);
    children.push(api);
    const port = (await api.waitFor(/API:\s+http:\/\/localhost:(\d+)\//, 300_000))[1];
    const worker = () => {
      // BENCH_WORKER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the worker processes
      const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
      const p = startProcess({ ...env, HOISO_ROLE: "worker" }, [...nodeArgs, "server/src/main.ts"]);
      children.push(p);
      return p.waitFor(/bộ xử lý hàng đợi/, 300_000);
    };
    await worker();
    const base = `http://127.0.0.1:${port}/api`;
    const login = await fetch(`${base}/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ zaloId: "demo-canbo-xa", name: "Lò Thị Mai" }) });
    const { token } = (await login.json()) as { token: string };
    const send = async (unitId: string, title: string) => {
      const res = await fetch(`${base}/admin/broadcasts`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ unitId: xa.id, targetUnitIds: [unitId], title, body: "Thông báo thử tải.", channels: ["oa"] }),
      });
      if (res.status !== 201) throw new Error(`send failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    };

    // 2. rate limit off, one worker process
    const baseline = await usedMemory(redis);
    const sampler = sampleMemory(redis);
    const before = sim.sentCount().cs;
    const t0 = Date.now();
    const id = await send(units[0]!, "Thử tải không giới hạn");
    while (sim.sentCount().cs - before < N) await new Promise((r) => setTimeout(r, 100));
    const elapsed = Date.now() - t0;
    const peak = await sampler.stop();
    const b = (await db.query<{ created_at: Date; expanded_at: Date; chunk_count: number }>("SELECT created_at, expanded_at, chunk_count FROM broadcasts WHERE id = $1", [id])).rows[0]!;
    const inApp = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM deliveries WHERE source_id = $1 AND channel = 'in_app'", [id])).rows[0]!.n;
    console.log(`\nrate limit off, one worker process:`);
    console.log(`  audience expansion: ${b.expanded_at.getTime() - b.created_at.getTime()} ms for ${b.chunk_count} chunks`);
    console.log(`  OA messages: ${N.toLocaleString("en")} in ${(elapsed / 1000).toFixed(1)} s = ${rate(N, elapsed)} end to end (in-app rows: ${inApp.toLocaleString("en")})`);
    console.log(`  beside BullMQ's own no-op processing: ${Math.round(noop.process).toLocaleString("en")}/s`);
    console.log(`  Redis used_memory: peak ${mb(peak)}, baseline ${mb(baseline)}, peak − baseline ${mb(peak - baseline)}`);
    console.log(`  ${load()}`);

    // 3. rate limit on, two worker processes
    await db.query("UPDATE notify_settings SET value = $1 WHERE key = 'notify_rate_per_sec'", [JSON.stringify(RATE)]);
    await worker();
    // each worker and the reconciler put the new rate on the queue; give the reconciler's tick its turn
    await new Promise((r) => setTimeout(r, 6000));
    const startAt = new Date();
    const before2 = sim.sentCount().cs;
    const id2 = await send(units[1]!, "Thử tốc độ có giới hạn");
    while (sim.sentCount().cs - before2 < RATE_N) await new Promise((r) => setTimeout(r, 100));
    const times = sim
      .sentMessages()
      .filter((m) => m.at >= startAt && m.text?.includes(id2))
      .map((m) => m.at.getTime())
      .sort((x, y) => x - y);
    const lo = times[Math.floor(times.length * 0.1)]!;
    const hi = times[Math.floor(times.length * 0.9)]!;
    const achieved = ((Math.floor(times.length * 0.9) - Math.floor(times.length * 0.1)) * 1000) / (hi - lo);
    console.log(`\nrate limit ${RATE}/s, two worker processes:`);
    console.log(`  achieved ${achieved.toFixed(1)}/s over the middle 80 % of ${times.length.toLocaleString("en")} messages (${(((achieved - RATE) / RATE) * 100).toFixed(1)} % from the setting)`);
    console.log(`  ${load()}`);
  } finally {
    for (const c of children) await c.stop("SIGTERM").catch(() => undefined);
    await db.end();
    await dropKeys(redis, prefix);
    await redis.quit();
    await sim.close();
    await database.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
