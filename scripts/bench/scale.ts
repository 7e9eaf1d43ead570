/**
 * Scale-out benchmark (issue 18): API and worker processes side by side on one PostgreSQL and one Redis, against the
 * Zalo simulator in this process. Women send feedback (with an Idempotency-Key), take a contest round (start + hand
 * in), and a cán bộ sends an announcement to all of them on Zalo.
 *
 *   npm run bench:scale [-- --women 200 --feedback 2 --concurrency 16]
 *
 * 1. One API process and one worker process: the load, then the time until every item is routed and every Zalo
 *    message sent.
 * 2. Two of each, the load client taking turns between the APIs (a tiny round-robin instead of a load balancer). When
 *    half the requests are answered, one API process and one worker process are killed (SIGKILL); a request cut off
 *    goes again to the surviving API with the same Idempotency-Key, as the Mini App's retry does.
 * Then, counted from the database and the simulator: every accepted submission stored once and assigned exactly once,
 * every contest attempt scored once (one entry per woman, its score what she answered), every announcement delivery
 * in a final state and no woman messaged twice. Throughput with one and with two of each is printed side by side
 * (requests/s through the API, and end to end until the work is done). Exits non-zero when anything was lost or doubled.
 */
import crypto from "node:crypto";
import os from "node:os";
import pg from "pg";
import { startProcess, type ServerProcess } from "../lib/process.js";
import { startZaloSimulator, type ZaloSimulator } from "../zalo-sim/server.js";
import { numberArg, percentile } from "./load.js";
import { benchServerEnv, createBenchDatabase, createWomen, dropQueueKeys } from "./setup.js";

const WOMEN = numberArg("women", 200);
const FEEDBACK_EACH = numberArg("feedback", 2);
const CONCURRENCY = numberArg("concurrency", 16);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const XA_CODE = "02905"; // the demo seed's Xã Bảo Thắng, where demo-canbo-xa is cán bộ
const QUESTIONS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Cluster {
  apis: Array<{ proc: ServerProcess; base: string; alive: boolean }>;
  workers: ServerProcess[];
}

/** Round-robin over the live APIs; a request cut off by a dead process goes to the next one (same body, same key). */
function client(cluster: Cluster) {
  let turn = 0;
  return async function call(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
    for (let tries = 0; tries < 6; tries++) {
      const live = cluster.apis.filter((a) => a.alive);
      const api = live[turn++ % live.length]!;
      try {
        const res = await fetch(`${api.base}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, json: await res.json().catch(() => null) };
      } catch {
        await sleep(50); // connection refused or reset: that API is gone; the next turn picks another
      }
    }
    throw new Error(`${method} ${path}: no API answered`);
  };
}

async function startCluster(env: Record<string, string>, n: number): Promise<Cluster> {
  const cluster: Cluster = { apis: [], workers: [] };
  for (let i = 0; i < n; i++) {
    const proc = startProcess({ ...env, HOISO_ROLE: "api" }, ["server/src/main.ts"]);
    const port = (await proc.waitFor(/API:\s+http:\/\/localhost:(\d+)\//, 300_000))[1];
    cluster.apis.push({ proc, base: `http://127.0.0.1:${port}/api`, alive: true });
  }
  for (let i = 0; i < n; i++) {
    const w = startProcess({ ...env, HOISO_ROLE: "worker" }, ["server/src/main.ts"]);
    await w.waitFor(/bộ xử lý hàng đợi/, 300_000);
    cluster.workers.push(w);
  }
  return cluster;
}

async function stopCluster(c: Cluster): Promise<void> {
  for (const p of [...c.apis.map((a) => a.proc), ...c.workers]) await p.stop("SIGTERM").catch(() => undefined);
}

interface PhaseResult {
  label: string;
  requests: number;
  requestMs: number;
  doneMs: number;
  latencies: number[];
  problems: string[];
  inDoubt: number;
}

async function phase(label: string, n: number, kill: boolean, ctx: { env: Record<string, string>; db: pg.Pool; sim: ZaloSimulator; women: Array<{ token: string; oaUserId: string }>; staff: string; xaId: string; chiHoi: string; contestId: string; roundId: string; answers: Map<string, number[]> }): Promise<PhaseResult> {
  const { db, sim, women } = ctx;
  const cluster = await startCluster(ctx.env, n);
  const call = client(cluster);
  const problems: string[] = [];
  const tag = crypto.randomBytes(3).toString("hex");
  try {
    const tasks: Array<() => Promise<void>> = [];
    const accepted = new Map<string, string>(); // idempotency key → submission id
    const scored = new Map<number, number>(); // woman → the score she should have
    for (const [i, w] of women.entries()) {
      for (let k = 0; k < FEEDBACK_EACH; k++) {
        const key = `${tag}-${i}-${k}`;
        tasks.push(async () => {
          const r = await call("POST", "/submissions", w.token, { kind: "feedback", category: "viec_lam", body: `Góp ý thử tải ${key}: đường liên thôn cần sửa.` }, { "idempotency-key": key });
          if (r.status !== 201 && r.status !== 200) throw new Error(`feedback ${r.status} ${JSON.stringify(r.json)}`);
          accepted.set(key, (r.json as { id: string }).id);
        });
      }
      tasks.push(async () => {
        let r = await call("POST", `/contests/${ctx.contestId}/attempts`, w.token, { roundId: ctx.roundId });
        // the first answer was lost with a killed API: she resumes the attempt it opened
        const open = r.status === 409 && (r.json as { code?: string }).code === "CONTEST_ATTEMPT_OPEN" ? (r.json as { field: string }).field : null;
        if (open) r = await call("GET", `/attempts/${open}`, w.token);
        if (r.status !== 201 && r.status !== 200) throw new Error(`start ${r.status} ${JSON.stringify(r.json)}`);
        const a = r.json as { id: string; questions: Array<{ id: string }> };
        const right = i % (QUESTIONS + 1);
        const answers = a.questions.map((q, k) => ({ questionId: q.id, choices: k < right ? ctx.answers.get(q.id)! : [3] }));
        const s = await call("PUT", `/attempts/${a.id}`, w.token, { answers, prediction: i });
        if (s.status !== 200 && !(s.status === 409 && (s.json as { code?: string }).code === "CONTEST_ATTEMPT_DONE")) throw new Error(`submit ${s.status} ${JSON.stringify(s.json)}`);
        scored.set(i, right);
      });
    }
    // interleave kinds so the kill lands in the middle of all of them
    tasks.sort(() => Math.random() - 0.5);

    const latencies: number[] = [];
    let next = 0;
    let answered = 0;
    let killed = false;
    const sentBefore = sim.sentCount().cs;
    const messagesBefore = sim.sentMessages().length;
    const phaseStart = new Date();
    const t0 = performance.now();
    const broadcast = await call("POST", "/admin/broadcasts", ctx.staff, { unitId: ctx.xaId, targetUnitIds: [ctx.chiHoi], title: `Thông báo ${tag}`, body: "Họp chi hội tối thứ Sáu.", channels: ["oa"] });
    if (broadcast.status !== 201) throw new Error(`broadcast ${broadcast.status} ${JSON.stringify(broadcast.json)}`);
    const broadcastId = (broadcast.json as { id: string }).id;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < tasks.length) {
          const task = tasks[next++]!;
          const t = performance.now();
          await task();
          latencies.push(performance.now() - t);
          if (++answered >= tasks.length / 2 && kill && !killed) {
            killed = true;
            cluster.apis[1]!.alive = false;
            cluster.apis[1]!.proc.child.kill("SIGKILL");
            cluster.workers[1]!.child.kill("SIGKILL");
            console.log(`  ${answered}/${tasks.length} answered: SIGKILL to API 2 and worker 2`);
          }
        }
      }),
    );
    const requestMs = performance.now() - t0;

    // until the work is done: every submission routed, every delivery of the announcement final
    const ids = [...accepted.values()];
    const deadline = Date.now() + 180_000;
    for (;;) {
      const r = await db.query<{ unrouted: number; pending: number }>(
        `SELECT (SELECT count(*)::int FROM unnest($1::uuid[]) s(id) WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.submission_id = s.id AND a.reason = 'primary')) AS unrouted,
                (SELECT count(*)::int FROM deliveries WHERE source_module = 'broadcasts' AND source_id = $2 AND status = 'pending') AS pending`,
        [ids, broadcastId],
      );
      const expanded = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM deliveries WHERE source_module = 'broadcasts' AND source_id = $1 AND channel = 'oa_cs'", [broadcastId])).rows[0]!.n;
      // every outbound message of the phase (the women's "forwarded" notices, the cán bộ's) final too
      const outbound = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM deliveries WHERE created_at >= $1 AND channel <> 'in_app' AND status = 'pending'", [phaseStart])).rows[0]!.n;
      if (r.rows[0]!.unrouted === 0 && r.rows[0]!.pending === 0 && outbound === 0 && expanded === women.length) break;
      if (Date.now() > deadline) {
        problems.push(`not done after 180 s: ${r.rows[0]!.unrouted} unrouted, ${r.rows[0]!.pending} deliveries pending, ${expanded}/${women.length} expanded`);
        break;
      }
      await sleep(200);
    }
    const doneMs = performance.now() - t0;

    // nothing lost, nothing twice — from the database and the simulator
    if (accepted.size !== women.length * FEEDBACK_EACH) problems.push(`feedback accepted ${accepted.size} of ${women.length * FEEDBACK_EACH}`);
    const stored = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM submissions WHERE body LIKE $1", [`Góp ý thử tải ${tag}-%`]);
    if (stored.rows[0]!.n !== accepted.size) problems.push(`submissions stored ${stored.rows[0]!.n}, accepted ${accepted.size} (a retry stored twice?)`);
    const assigned = await db.query<{ twice: number }>(
      "SELECT count(*)::int AS twice FROM (SELECT submission_id FROM assignments WHERE submission_id = ANY($1::uuid[]) AND reason = 'primary' GROUP BY 1 HAVING count(*) > 1) x",
      [ids],
    );
    if (assigned.rows[0]!.twice > 0) problems.push(`${assigned.rows[0]!.twice} submissions assigned more than once`);
    const entries = await db.query<{ member_id: string; correct: number; n: number }>(
      "SELECT e.member_id, e.correct, (SELECT count(*)::int FROM contest_attempts a WHERE a.round_id = e.round_id AND a.member_id = e.member_id AND a.status = 'submitted') AS n FROM contest_entries e WHERE e.round_id = $1",
      [ctx.roundId],
    );
    if (entries.rows.length !== scored.size) problems.push(`contest entries ${entries.rows.length}, attempts handed in ${scored.size}`);
    if (entries.rows.some((e) => e.n !== 1)) problems.push(`${entries.rows.filter((e) => e.n !== 1).length} women with other than one scored attempt`);
    const deliveries = await db.query<{ status: string; n: number }>(
      "SELECT status, count(*)::int AS n FROM deliveries WHERE source_module = 'broadcasts' AND source_id = $1 AND channel = 'oa_cs' GROUP BY 1",
      [broadcastId],
    );
    const byStatus = Object.fromEntries(deliveries.rows.map((r) => [r.status, r.n]));
    const inDoubt = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM deliveries WHERE source_id = $1 AND last_error LIKE 'in doubt%'", [broadcastId])).rows[0]!.n;
    const title = `Thông báo ${tag}`;
    // no message twice, whatever it was about: the same text to the same woman is a double
    const seen = new Map<string, number>();
    for (const m of sim.sentMessages().slice(messagesBefore)) if (m.kind === "cs") seen.set(`${m.userId}\u0000${m.text}`, (seen.get(`${m.userId}\u0000${m.text}`) ?? 0) + 1);
    const doubled = [...seen.values()].filter((c) => c > 1).length;
    if (doubled > 0) problems.push(`${doubled} OA messages reached the same woman twice`);
    const outcomes = await db.query<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM deliveries WHERE created_at >= $1 AND channel <> 'in_app' GROUP BY 1 ORDER BY 1", [phaseStart]);
    const perWoman = new Map<string, number>();
    for (const m of sim.sentMessages()) if (m.kind === "cs" && m.text?.includes(title)) perWoman.set(m.userId!, (perWoman.get(m.userId!) ?? 0) + 1);
    const twice = [...perWoman.values()].filter((c) => c > 1).length;
    if (twice > 0) problems.push(`${twice} women got the announcement twice`);
    if ((byStatus.sent ?? 0) + inDoubt !== women.length) problems.push(`announcement deliveries ${JSON.stringify(byStatus)}, in doubt ${inDoubt}, want ${women.length} sent or in doubt`);
    if ((byStatus.sent ?? 0) > perWoman.size) problems.push(`${byStatus.sent} recorded sent but the simulator got ${perWoman.size}`);
    console.log(
      `  checked: ${accepted.size} submissions stored and assigned once; ${entries.rows.length} contest entries, each one scored attempt; announcement ${JSON.stringify(byStatus)}` +
        ` (in doubt: ${inDoubt}), ${perWoman.size} women messaged, ${twice} twice; every outbound delivery of the phase ${JSON.stringify(Object.fromEntries(outcomes.rows.map((r) => [r.status, r.n])))},` +
        ` simulator OA messages ${sim.sentCount().cs - sentBefore}, ${doubled} doubled`,
    );
    return { label, requests: tasks.length, requestMs, doneMs, latencies, problems, inDoubt };
  } finally {
    await stopCluster(cluster);
  }
}

async function main(): Promise<void> {
  console.log(`# Hội Số scale-out benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; queue redis`);
  console.log(`${WOMEN} women × (${FEEDBACK_EACH} feedback + 1 contest attempt) + 1 announcement to all of them per phase; client concurrency ${CONCURRENCY}\n`);
  const sim = await startZaloSimulator({ port: 0, host: "127.0.0.1", appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 0 });
  const database = await createBenchDatabase(ADMIN_URL);
  const db = new pg.Pool({ connectionString: database.url, max: 4 });
  const prefix = `{benchscale${Date.now().toString(36)}}`;
  const env = benchServerEnv(
    { databaseUrl: database.url, backend: "redis", redisUrl: REDIS_URL, prefix, zaloUrl: sim.url },
    { RATE_LIMIT_SUBMIT_PER_MEMBER: "0", RATE_LIMIT_SUBMIT_PER_IP: "0", ZALO_HTTP_TIMEOUT_MS: "3000", WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? "4" },
  );
  let failed = false;
  try {
    const xa = (await db.query<{ id: string; path: string }>("SELECT id, path FROM units WHERE code = $1", [XA_CODE])).rows[0]!;
    const chiHoi = crypto.randomUUID();
    await db.query("INSERT INTO units (id, parent_id, level, code, name, path, search_text) VALUES ($1, $2, 'chi_hoi', 'bench-scale', 'Chi hội thử mở rộng', $3, 'bench-scale')", [chiHoi, xa.id, `${xa.path}${chiHoi}/`]);
    await db.query("UPDATE notify_settings SET value = '1000000' WHERE key = 'notify_rate_per_sec'");
    const pair = sim.issueOaTokens();
    await db.query("INSERT INTO zalo_oa_tokens (oa_id, access_token, refresh_token, access_expires_at, updated_at) VALUES ('sim-oa', $1, $2, now() + interval '25 hours', now())", [pair.accessToken, pair.refreshToken]);

    // the women (through a short-lived API, as the Mini App would), confirmed, following the OA inside the window
    const setup = await startCluster(env, 1);
    const base = setup.apis[0]!.base.replace(/\/api$/, "");
    const logins = await createWomen(base, WOMEN, [chiHoi]);
    const staffRes = await fetch(`${base}/api/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ zaloId: "demo-canbo-xa", name: "Lò Thị Mai" }) });
    const staff = ((await staffRes.json()) as { token: string }).token;
    await stopCluster(setup);
    const members = (await db.query<{ id: string }>("SELECT id FROM members WHERE unit_id = $1 ORDER BY name", [chiHoi])).rows;
    const oaIds = members.map(() => sim.createUser({ name: "Hội viên" }).oaUserId);
    for (const id of oaIds) sim.interact(id);
    await db.query("UPDATE members m SET zalo_oa_user_id = x.oa, membership_status = 'confirmed' FROM unnest($1::uuid[], $2::text[]) x(id, oa) WHERE m.id = x.id", [members.map((m) => m.id), oaIds]);
    await db.query("INSERT INTO oa_interactions (oa_user_id, last_interaction_at, following) SELECT id, now(), true FROM unnest($1::text[]) AS id", [oaIds]);
    const women = logins.map((l) => ({ token: l.token, oaUserId: "" }));

    // one contest, a round per phase
    const contestId = crypto.randomUUID();
    await db.query(
      `INSERT INTO contests (id, kind, unit_id, audience, title, ranking, prize_tiers, status) VALUES ($1, 'contest', $2, ARRAY[$2::uuid], 'Cuộc thi thử mở rộng', 'correct_time_prediction', '[{"label":"Giải Nhất","count":1}]', 'published')`,
      [contestId, xa.id],
    );
    const rounds: Array<{ id: string; answers: Map<string, number[]> }> = [];
    for (const position of [1, 2]) {
      const id = crypto.randomUUID();
      await db.query(
        `INSERT INTO contest_rounds (id, contest_id, position, title, opens_at, closes_at, question_count, time_limit_seconds, max_attempts, prediction_kind, prediction_prompt)
         VALUES ($1, $2, $3, $5, now() - interval '1 hour', now() + interval '1 day', $4, 900, 3, 'perfect_count', 'Bao nhiêu người đúng hết?')`,
        [id, contestId, position, QUESTIONS, `Đợt ${position}`],
      );
      await db.query(
        `INSERT INTO contest_questions (round_id, position, prompt, choices, answer, explanation) SELECT $1, p, 'Câu ' || p, ARRAY['Đúng','Sai','Sai nữa','Cũng sai'], ARRAY[0], '' FROM generate_series(1, $2::int) p`,
        [id, QUESTIONS],
      );
      const q = await db.query<{ id: string; answer: number[] }>("SELECT id, answer FROM contest_questions WHERE round_id = $1", [id]);
      rounds.push({ id, answers: new Map(q.rows.map((r) => [r.id, r.answer])) });
    }

    const shared = { env, db, sim, women, staff, xaId: xa.id, chiHoi, contestId };
    const results: PhaseResult[] = [];
    console.log("## one API process, one worker process");
    results.push(await phase("1 API + 1 worker", 1, false, { ...shared, roundId: rounds[0]!.id, answers: rounds[0]!.answers }));
    console.log("## two API processes, two worker processes (one of each killed midway)");
    results.push(await phase("2 API + 2 workers, 1+1 killed", 2, true, { ...shared, roundId: rounds[1]!.id, answers: rounds[1]!.answers }));

    console.log("\n| run | requests | through the API | end to end (all routed, all sent) | request p50 / p99 |");
    console.log("|---|---|---|---|---|");
    for (const r of results) {
      const s = [...r.latencies].sort((a, b) => a - b);
      console.log(
        `| ${r.label} | ${r.requests} | ${((r.requests * 1000) / r.requestMs).toFixed(1)}/s (${(r.requestMs / 1000).toFixed(1)} s) | ${(r.doneMs / 1000).toFixed(1)} s | ${percentile(s, 50).toFixed(0)} / ${percentile(s, 99).toFixed(0)} ms |`,
      );
    }
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
