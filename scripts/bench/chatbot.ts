/**
 * OA chatbot benchmark (issue 15): 1,000 OA followers each send one message within a minute, through webhooks signed
 * as Zalo signs them, to the real server (an API process and a worker process, as production runs them) on the
 * machine's PostgreSQL and Redis. The Zalo simulator runs in this process, so every reply is observed where Zalo would
 * take it. Reported: the webhook's answer time (p50/p99, from the scheduled send) and message → reply at the simulator
 * (p50/p99); then, in the same run, the intake yardstick (scripts/bench/baseline-server.ts: one INSERT + one queue add)
 * at the same rate and at its closed-loop maximum, so the machine's state shows beside our figures.
 *
 *   npm run bench:chatbot [-- --followers 1000 --seconds 60 --send-rate 1000]
 *
 * Without --send-rate the deployment's configured OA sending rate is used as migrations set it
 * (notify_settings.notify_rate_per_sec, the OA budget shared with notifications); --send-rate raises (or lowers) it
 * for the run. Replies can leave no faster than that rate, so when messages arrive faster message → reply includes
 * the budget's queue: the bound is printed beside the measured figure. The machine's load averages are printed
 * before, after the chat phase and at the end. Prints measured figures only; it asserts nothing.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import pg from "pg";
import { startServerProcess } from "../lib/process.js";
import { startZaloSimulator } from "../zalo-sim/server.js";
import { fixedRate, formatResult, maxThroughput, numberArg, percentile, type RequestSpec } from "./load.js";
import { benchServerEnv, createBenchDatabase, dropQueueKeys } from "./setup.js";

const FOLLOWERS = numberArg("followers", 1000);
const SECONDS = numberArg("seconds", 60);
/** NaN: keep the configured rate. */
const SEND_RATE_ARG = numberArg("send-rate", NaN);
const DRAIN_SECONDS = numberArg("drain-seconds", 300);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const BACKEND = process.env.BENCH_QUEUE_BACKEND ?? "redis";

/** What followers type: questions without diacritics, menu words, a code, a greeting. */
const TEXTS = [
  "lam the nao de dang ky khai sinh cho con",
  "menu",
  "the bao hiem y te het han roi gia han the nao",
  "4",
  "kich hoat vneid muc 2 lam sao",
  "e muon vay von ngan hang chinh sach",
  "xin chao",
  "1",
];

const load = () => `${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (1/5/15 min, ${os.cpus().length} cores)`;

async function main() {
  console.log(`# Hội Số OA chatbot benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; queue ${BACKEND}`);
  console.log(`load at start: ${load()}`);
  const sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 100_000 });
  const tokens = sim.issueOaTokens();
  const database = await createBenchDatabase(ADMIN_URL);
  const prefix = `{benchchat${Date.now().toString(36)}}`;
  const env = benchServerEnv(
    { databaseUrl: database.url, backend: BACKEND, redisUrl: REDIS_URL, prefix, zaloUrl: sim.url },
    // Zalo's webhook is one sender address by design: the per-IP abuse limit would measure itself.
    { ZALO_OA_ACCESS_TOKEN: tokens.accessToken, ZALO_OA_REFRESH_TOKEN: tokens.refreshToken, RATE_LIMIT_WEBHOOK_PER_IP: "0" },
  );
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  if (Number.isFinite(SEND_RATE_ARG)) await db.query("UPDATE notify_settings SET value = $1::jsonb WHERE key = 'notify_rate_per_sec'", [JSON.stringify(SEND_RATE_ARG)]);
  const configured = await db.query<{ value: unknown }>("SELECT value FROM notify_settings WHERE key = 'notify_rate_per_sec'");
  const SEND_RATE = Number(configured.rows[0]?.value);
  const arrivals = FOLLOWERS / SECONDS;
  const server = startServerProcess({ ...env, HOISO_ROLE: "api" });
  const worker = startServerProcess({ ...env, HOISO_ROLE: "worker" });
  try {
    // A loaded machine (several engineers, 2 cores) can take minutes to compile and start both processes.
    const m = await server.waitFor(/API:\s+http:\/\/localhost:(\d+)\//, 300_000);
    await worker.waitFor(/bộ xử lý hàng đợi/, 300_000);
    const base = `http://127.0.0.1:${m[1]}`;

    const users = Array.from({ length: FOLLOWERS }, (_, i) => sim.createUser({ name: `Người quan tâm ${i}` }).oaUserId);
    for (const u of users) sim.interact(u);
    const sentAt = new Map<string, number>();
    const t0 = performance.now();
    const epoch = Date.now() - t0;
    const spec = (i: number): RequestSpec => {
      const u = users[i % users.length]!;
      const signed = sim.signedWebhook(sim.textEvent(u, TEXTS[i % TEXTS.length]!));
      sentAt.set(u, epoch + t0 + (i / (FOLLOWERS / SECONDS)) * 1000);
      return { path: "/api/zalo/webhook", headers: signed.headers, body: signed.body };
    };
    console.log(`\n## ${FOLLOWERS} followers, one signed message each within ${SECONDS} s (replies sent at ≤ ${SEND_RATE}/s, ${Number.isFinite(SEND_RATE_ARG) ? "set for this run" : "the configured rate"})`);
    const before = sim.sentMessages().length;
    const hooks = await fixedRate(base, FOLLOWERS / SECONDS, SECONDS, spec, 200);
    console.log(formatResult("webhook", hooks));

    const firstReply = new Map<string, number>();
    const deadline = Date.now() + DRAIN_SECONDS * 1000;
    while (firstReply.size < FOLLOWERS && Date.now() < deadline) {
      for (const msg of sim.sentMessages().slice(before)) {
        if (msg.kind === "cs" && msg.userId && sentAt.has(msg.userId) && !firstReply.has(msg.userId)) firstReply.set(msg.userId, msg.at.getTime());
      }
      if (firstReply.size < FOLLOWERS) await new Promise((r) => setTimeout(r, 250));
    }
    const lat = [...firstReply].map(([u, at]) => at - (sentAt.get(u) ?? at)).sort((a, b) => a - b);
    console.log(
      `message → reply at the simulator: ${firstReply.size}/${FOLLOWERS} answered; p50 ${percentile(lat, 50).toFixed(0)} ms, p99 ${percentile(lat, 99).toFixed(0)} ms, max ${(lat.at(-1) ?? NaN).toFixed(0)} ms`,
    );
    // Where the time went, from the database: the oa-events queue (webhook → the worker's turn) and the send (reply row → Zalo).
    const split = await db.query<{ queue_p50: number; queue_p99: number; send_p50: number; send_p99: number }>(`
      SELECT (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY 1000 * extract(epoch FROM received_at - occurred_at)) FROM oa_events) AS queue_p50,
             (SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY 1000 * extract(epoch FROM received_at - occurred_at)) FROM oa_events) AS queue_p99,
             (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY 1000 * extract(epoch FROM sent_at - created_at)) FROM chatbot_messages WHERE direction = 'out' AND sent_at IS NOT NULL) AS send_p50,
             (SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY 1000 * extract(epoch FROM sent_at - created_at)) FROM chatbot_messages WHERE direction = 'out' AND sent_at IS NOT NULL) AS send_p99`);
    const sp = split.rows[0];
    if (sp) {
      console.log(
        `split: webhook → the worker's turn p50 ${Number(sp.queue_p50).toFixed(0)} ms, p99 ${Number(sp.queue_p99).toFixed(0)} ms; reply written → sent p50 ${Number(sp.send_p50).toFixed(0)} ms, p99 ${Number(sp.send_p99).toFixed(0)} ms`,
      );
    }
    // The OA budget's floor: one reply per message, the i-th leaving no earlier than i / rate after the first.
    const bound = SEND_RATE < arrivals ? 0.99 * FOLLOWERS * (1 / SEND_RATE - 1 / arrivals) * 1000 : 0;
    console.log(
      `OA budget floor on message → reply p99: ${FOLLOWERS} replies at ${SEND_RATE}/s take ${(FOLLOWERS / SEND_RATE).toFixed(0)} s against ${SECONDS} s of arrivals (${arrivals.toFixed(1)}/s)` +
        (bound > 0 ? ` → the 99th percentile message waits ≥ 0.99 × ${FOLLOWERS} × (1/${SEND_RATE} − 1/${arrivals.toFixed(2)}) s = ${(bound / 1000).toFixed(1)} s` : " → no floor (the budget outpaces arrivals)"),
    );
    console.log(`load after the chat phase: ${load()}`);
    await server.stop();
    await worker.stop();

    console.log(`\n## Yardstick: bare Fastify route, one INSERT + one queue add (scripts/bench/baseline-server.ts)`);
    const yard = spawn(process.execPath, ["--import", "tsx", "scripts/bench/baseline-server.ts"], { env: { ...process.env, ...env, QUEUE_PREFIX: `${prefix}b` }, stdio: ["ignore", "pipe", "inherit"] });
    const yardUrl = await new Promise<string>((resolve, reject) => {
      let out = "";
      yard.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const mm = /BASELINE_URL (\S+)/.exec(out);
        if (mm) resolve(mm[1]!);
      });
      yard.once("exit", (code) => reject(new Error(`baseline exited ${code}`)));
    });
    const yb = (i: number): RequestSpec => ({ path: "/intake", headers: {}, body: JSON.stringify({ text: TEXTS[i % TEXTS.length], i }) });
    const yFixed = await fixedRate(yardUrl, FOLLOWERS / SECONDS, Math.min(SECONDS, 20), yb);
    console.log(formatResult(`fixed ${(FOLLOWERS / SECONDS).toFixed(1)}/s`, yFixed));
    const yMax = await maxThroughput(yardUrl, 64, 10, (i) => yb(i + 1_000_000));
    console.log(formatResult("closed loop, 64 clients × 10 s", yMax));
    yard.kill("SIGTERM");

    console.log(`\n## Summary`);
    console.log(`webhook answer p99 ${hooks.latencyMs.p99.toFixed(1)} ms (yardstick p99 at the same rate ${yFixed.latencyMs.p99.toFixed(1)} ms; Zalo wants ≤ 2,000 ms)`);
    console.log(`message → reply p99 ${percentile(lat, 99).toFixed(0)} ms with replies limited to ${SEND_RATE}/s (budget floor ${(bound / 1000).toFixed(1)} s); ${FOLLOWERS - firstReply.size} unanswered`);
    console.log(`load at the end: ${load()}`);
  } finally {
    await server.stop();
    await worker.stop();
    await db.end();
    await database.drop();
    if (BACKEND === "redis") await dropQueueKeys(REDIS_URL, prefix);
    await sim.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
