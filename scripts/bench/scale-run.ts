/**
 * The scale-out run (issue 18), shared by `npm run bench:scale` (full size, throughput printed) and
 * tests/server/ops/scale.test.ts (a small run that must find nothing lost or done twice): API and worker processes
 * side by side on one PostgreSQL and one queue, against a Zalo simulator of the caller's. Women send feedback (with an
 * Idempotency-Key) and take a contest round (start + hand in); when half the requests are answered a cán bộ sends an
 * announcement to all of them on Zalo, and in a run with a kill, as soon as some of its messages are in a Zalo call,
 * one API process and one worker process are killed (SIGKILL) while the load goes on (held at three quarters until the
 * kill). A request cut off goes again to a surviving API with the same Idempotency-Key, as the Mini App's retry does.
 * Then everything is counted from the database and the simulator. The announcement is one notify job up to 250 women:
 * the kill finds it on the killed worker (its messages then end "in doubt", recorded failed, never sent twice) or on
 * the other one (all sent once); `inDoubt` says which.
 */
import crypto from "node:crypto";
import type pg from "pg";
import { startProcess, type ServerProcess } from "../lib/process.js";
import type { ZaloSimulator } from "../zalo-sim/server.js";
import { createWomen } from "./setup.js";

const XA_CODE = "02905"; // the demo seed's Xã Bảo Thắng, where demo-canbo-xa is cán bộ
const QUESTIONS = 5;
const OA_CS = "/v3.0/oa/message/cs";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Cluster {
  apis: Array<{ proc: ServerProcess; base: string; alive: boolean }>;
  workers: ServerProcess[];
}

/**
 * Round-robin over the live APIs; a request cut off by a dead process goes to the next one (same body, same key).
 * `pinned` sends the next calls to the second API (the one a kill takes), so that some are in flight when it dies.
 */
function client(cluster: Cluster, cut: { n: number; pinned: number }) {
  let turn = 0;
  return async function call(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
    for (let tries = 0; tries < 6; tries++) {
      const live = cluster.apis.filter((a) => a.alive);
      let api = live[turn++ % live.length]!;
      if (cut.pinned > 0 && cluster.apis[1]?.alive) {
        cut.pinned--;
        api = cluster.apis[1];
      }
      try {
        const res = await fetch(`${api.base}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, json: await res.json().catch(() => null) };
      } catch {
        cut.n++;
        await sleep(50); // connection refused or reset: that API is gone; the next turn picks another
      }
    }
    throw new Error(`${method} ${path}: no API answered`);
  };
}

/** `n` API processes, then `n` worker processes, each started as `npm run start:api` / `start:worker` would. */
export async function startCluster(env: Record<string, string>, n: number): Promise<Cluster> {
  const cluster: Cluster = { apis: [], workers: [] };
  try {
    for (let i = 0; i < n; i++) {
      const proc = startProcess({ ...env, HOISO_ROLE: "api" }, ["server/src/main.ts"]);
      cluster.apis.push({ proc, base: "", alive: true });
      const port = (await proc.waitFor(/API:\s+http:\/\/localhost:(\d+)\//, 300_000))[1];
      cluster.apis[i]!.base = `http://127.0.0.1:${port}/api`;
    }
    for (let i = 0; i < n; i++) {
      const w = startProcess({ ...env, HOISO_ROLE: "worker" }, ["server/src/main.ts"]);
      cluster.workers.push(w);
      await w.waitFor(/bộ xử lý hàng đợi/, 300_000);
    }
  } catch (err) {
    await stopCluster(cluster);
    throw err;
  }
  return cluster;
}

export async function stopCluster(c: Cluster): Promise<void> {
  for (const p of [...c.apis.map((a) => a.proc), ...c.workers]) await p.stop("SIGTERM").catch(() => undefined);
}

/** What a run works on, made once: the women, the cán bộ, a chi hội of their own, a contest with a round per phase. */
export interface ScaleWorld {
  env: Record<string, string>;
  db: pg.Pool;
  sim: ZaloSimulator;
  women: Array<{ token: string }>;
  staff: string;
  xaId: string;
  chiHoi: string;
  contestId: string;
  rounds: Array<{ id: string; answers: Map<string, number[]> }>;
}

/**
 * Sets up a run on a migrated database seeded with the demo tree (`db`), through the API at `base` (the dev login):
 * `women` confirmed members of a new chi hội, each following the OA inside the 7-day window, and `rounds` contest rounds.
 */
export async function prepareScale(o: { env: Record<string, string>; db: pg.Pool; sim: ZaloSimulator; base: string; women: number; rounds: number }): Promise<ScaleWorld> {
  const { db, sim } = o;
  const xa = (await db.query<{ id: string; path: string }>("SELECT id, path FROM units WHERE code = $1", [XA_CODE])).rows[0]!;
  const chiHoi = crypto.randomUUID();
  await db.query("INSERT INTO units (id, parent_id, level, code, name, path, search_text) VALUES ($1, $2, 'chi_hoi', 'bench-scale', 'Chi hội thử mở rộng', $3, 'bench-scale')", [chiHoi, xa.id, `${xa.path}${chiHoi}/`]);
  await db.query("UPDATE notify_settings SET value = '1000000' WHERE key = 'notify_rate_per_sec'");
  const pair = sim.issueOaTokens();
  await db.query("INSERT INTO zalo_oa_tokens (oa_id, access_token, refresh_token, access_expires_at, updated_at) VALUES ('sim-oa', $1, $2, now() + interval '25 hours', now())", [pair.accessToken, pair.refreshToken]);

  const logins = await createWomen(o.base, o.women, [chiHoi]);
  const staffRes = await fetch(`${o.base}/api/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ zaloId: "demo-canbo-xa", name: "Lò Thị Mai" }) });
  const staff = ((await staffRes.json()) as { token: string }).token;
  const members = (await db.query<{ id: string }>("SELECT id FROM members WHERE unit_id = $1 ORDER BY name", [chiHoi])).rows;
  const oaIds = members.map(() => sim.createUser({ name: "Hội viên" }).oaUserId);
  for (const id of oaIds) sim.interact(id);
  await db.query("UPDATE members m SET zalo_oa_user_id = x.oa, membership_status = 'confirmed' FROM unnest($1::uuid[], $2::text[]) x(id, oa) WHERE m.id = x.id", [members.map((m) => m.id), oaIds]);
  await db.query("INSERT INTO oa_interactions (oa_user_id, last_interaction_at, following) SELECT id, now(), true FROM unnest($1::text[]) AS id", [oaIds]);

  const contestId = crypto.randomUUID();
  await db.query(
    `INSERT INTO contests (id, kind, unit_id, audience, title, ranking, prize_tiers, status) VALUES ($1, 'contest', $2, ARRAY[$2::uuid], 'Cuộc thi thử mở rộng', 'correct_time_prediction', '[{"label":"Giải Nhất","count":1}]', 'published')`,
    [contestId, xa.id],
  );
  const rounds: ScaleWorld["rounds"] = [];
  for (let position = 1; position <= o.rounds; position++) {
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
  return { env: o.env, db, sim, women: logins.map((l) => ({ token: l.token })), staff, xaId: xa.id, chiHoi, contestId, rounds };
}

export interface PhaseOptions {
  label: string;
  /** API processes, and as many worker processes. */
  processes: number;
  /** Kill one API and one worker (SIGKILL) midway: needs two of each. */
  kill: boolean;
  /** Which of the world's contest rounds this phase uses (one attempt per woman and round). */
  round: number;
  feedbackEach: number;
  concurrency: number;
  /** Zalo's answer time for an OA message, in the simulator (a real call takes 100–300 ms). */
  zaloMs: number;
  /** How long the work may take to be done (routed, sent) after the last request. */
  doneTimeoutMs: number;
  log(line: string): void;
}

/** What was still in progress when one API and one worker were killed. */
export interface AtKill {
  answered: number;
  of: number;
  /** Accepted items not yet routed. */
  unrouted: number;
  /** The announcement's Zalo deliveries not yet final, and those of them in a Zalo call at that moment. */
  pending: number;
  inCall: number;
}

export interface PhaseResult {
  label: string;
  requests: number;
  requestMs: number;
  doneMs: number;
  latencies: number[];
  problems: string[];
  inDoubt: number;
  atKill: AtKill | null;
  /** Calls that met a dead API (refused or cut) and went again to a live one. */
  cutAndRetried: number;
}

/** One phase: start the processes, send the load, kill if asked, wait until the work is done, count. */
export async function runScalePhase(world: ScaleWorld, o: PhaseOptions): Promise<PhaseResult> {
  const { db, sim, women } = world;
  const round = world.rounds[o.round]!;
  if (o.kill && o.processes < 2) throw new Error("a kill needs two APIs and two workers");
  sim.setDelay(OA_CS, o.zaloMs);
  const cluster = await startCluster(world.env, o.processes);
  const cut = { n: 0, pinned: 0 };
  const call = client(cluster, cut);
  const problems: string[] = [];
  const tag = crypto.randomBytes(3).toString("hex");
  try {
    const tasks: Array<() => Promise<void>> = [];
    const accepted = new Map<string, string>(); // idempotency key → submission id
    const scored = new Map<number, number>(); // woman → the score she should have
    for (const [i, w] of women.entries()) {
      for (let k = 0; k < o.feedbackEach; k++) {
        const key = `${tag}-${i}-${k}`;
        tasks.push(async () => {
          const r = await call("POST", "/submissions", w.token, { kind: "feedback", category: "viec_lam", body: `Góp ý thử tải ${key}: đường liên thôn cần sửa.` }, { "idempotency-key": key });
          if (r.status !== 201 && r.status !== 200) throw new Error(`feedback ${r.status} ${JSON.stringify(r.json)}`);
          accepted.set(key, (r.json as { id: string }).id);
        });
      }
      tasks.push(async () => {
        let r = await call("POST", `/contests/${world.contestId}/attempts`, w.token, { roundId: round.id });
        // the first answer was lost with a killed API: she resumes the attempt it opened
        const open = r.status === 409 && (r.json as { code?: string }).code === "CONTEST_ATTEMPT_OPEN" ? (r.json as { field: string }).field : null;
        if (open) r = await call("GET", `/attempts/${open}`, w.token);
        if (r.status !== 201 && r.status !== 200) throw new Error(`start ${r.status} ${JSON.stringify(r.json)}`);
        const a = r.json as { id: string; questions: Array<{ id: string }> };
        const right = i % (QUESTIONS + 1);
        const answers = a.questions.map((q, k) => ({ questionId: q.id, choices: k < right ? round.answers.get(q.id)! : [3] }));
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
    let midway: Promise<void> | null = null;
    let broadcastId = "";
    let atKill: AtKill | null = null;
    const sentBefore = sim.sentCount().cs;
    const messagesBefore = sim.sentMessages().length;
    const phaseStart = new Date();

    const extras: Array<Promise<void>> = [];
    const run = async (task: () => Promise<void>) => {
      const t = performance.now();
      await task();
      latencies.push(performance.now() - t);
      if (++answered >= tasks.length / 2 && !midway) midway = halfway();
    };

    /** Half the requests answered: the announcement, then (in a run with a kill) the kill once its messages are in a call. */
    const halfway = async () => {
      const b = await call("POST", "/admin/broadcasts", world.staff, { unitId: world.xaId, targetUnitIds: [world.chiHoi], title: `Thông báo ${tag}`, body: "Họp chi hội tối thứ Sáu.", channels: ["oa"] });
      if (b.status !== 201) throw new Error(`broadcast ${b.status} ${JSON.stringify(b.json)}`);
      broadcastId = (b.json as { id: string }).id;
      if (!o.kill) return;
      // a claimed delivery (sending_since set, not yet final) is one whose Zalo call is under way
      const until = Date.now() + 30_000;
      let inCall = 0;
      while (Date.now() < until) {
        inCall = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM deliveries WHERE source_id = $1 AND channel = 'oa_cs' AND status = 'pending' AND sending_since IS NOT NULL", [broadcastId])).rows[0]!.n;
        if (inCall > 0) break;
        await sleep(5);
      }
      // two more requests sent to the API about to die, killed before they can be answered: the client sends them
      // again to the other API (a woman's retry), with the same Idempotency-Key
      cut.pinned = 2;
      for (let k = 0; k < 2 && next < tasks.length; k++) extras.push(run(tasks[next++]!));
      await sleep(2);
      cluster.apis[1]!.alive = false;
      cluster.apis[1]!.proc.child.kill("SIGKILL");
      cluster.workers[1]!.child.kill("SIGKILL");
      const ids = [...accepted.values()];
      const s = await db.query<{ unrouted: number; pending: number }>(
        `SELECT (SELECT count(*)::int FROM unnest($1::uuid[]) s(id) WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.submission_id = s.id AND a.reason = 'primary')) AS unrouted,
                (SELECT count(*)::int FROM deliveries WHERE source_id = $2 AND channel = 'oa_cs' AND status = 'pending') AS pending`,
        [ids, broadcastId],
      );
      atKill = { answered, of: tasks.length, unrouted: s.rows[0]!.unrouted, pending: s.rows[0]!.pending, inCall };
      o.log(`  ${answered}/${tasks.length} answered, the announcement's messages ${inCall > 0 ? `in a Zalo call (${inCall})` : "not seen in a call within 30 s"}: SIGKILL to API 2 and worker 2`);
    };

    const holdAt = Math.ceil((tasks.length * 3) / 4);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        for (;;) {
          // while the kill is being lined up the load goes on, but never past three quarters, so that a quarter of
          // it at least comes after the kill
          if (o.kill && midway && next >= holdAt) await midway;
          if (next >= tasks.length) break;
          await run(tasks[next++]!);
        }
      }),
    );
    await (midway ?? halfway());
    await Promise.all(extras);
    const requestMs = performance.now() - t0;

    // until the work is done: every submission routed, every delivery of the announcement final
    const ids = [...accepted.values()];
    const deadline = Date.now() + o.doneTimeoutMs;
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
        problems.push(`not done ${o.doneTimeoutMs / 1000} s after the load: ${r.rows[0]!.unrouted} unrouted, ${r.rows[0]!.pending} announcement deliveries pending, ${expanded}/${women.length} expanded, ${outbound} outbound pending`);
        break;
      }
      await sleep(200);
    }
    const doneMs = performance.now() - t0;

    // nothing lost, nothing twice — from the database and the simulator
    if (accepted.size !== women.length * o.feedbackEach) problems.push(`feedback accepted ${accepted.size} of ${women.length * o.feedbackEach}`);
    const stored = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM submissions WHERE body LIKE $1", [`Góp ý thử tải ${tag}-%`]);
    if (stored.rows[0]!.n !== accepted.size) problems.push(`submissions stored ${stored.rows[0]!.n}, accepted ${accepted.size} (a retry stored twice?)`);
    const assigned = await db.query<{ twice: number }>(
      "SELECT count(*)::int AS twice FROM (SELECT submission_id FROM assignments WHERE submission_id = ANY($1::uuid[]) AND reason = 'primary' GROUP BY 1 HAVING count(*) > 1) x",
      [ids],
    );
    if (assigned.rows[0]!.twice > 0) problems.push(`${assigned.rows[0]!.twice} submissions assigned more than once`);
    const entries = await db.query<{ member_id: string; correct: number; n: number }>(
      "SELECT e.member_id, e.correct, (SELECT count(*)::int FROM contest_attempts a WHERE a.round_id = e.round_id AND a.member_id = e.member_id AND a.status = 'submitted') AS n FROM contest_entries e WHERE e.round_id = $1",
      [round.id],
    );
    if (entries.rows.length !== scored.size || scored.size !== women.length) problems.push(`contest entries ${entries.rows.length}, attempts handed in ${scored.size}, women ${women.length}`);
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
    // the in-app notice is always there, whatever Zalo did
    const inApp = (await db.query<{ n: number }>("SELECT count(DISTINCT recipient_id)::int AS n FROM deliveries WHERE source_id = $1 AND channel = 'in_app'", [broadcastId])).rows[0]!.n;
    if (inApp !== women.length) problems.push(`the announcement is in ${inApp} women's in-app list, want ${women.length}`);
    o.log(
      `  checked: ${accepted.size} submissions stored and assigned once; ${entries.rows.length} contest entries, each one scored attempt; announcement ${JSON.stringify(byStatus)}` +
        ` (in doubt: ${inDoubt}, in-app ${inApp}), ${perWoman.size} women messaged, ${twice} twice; every outbound delivery of the phase ${JSON.stringify(Object.fromEntries(outcomes.rows.map((r) => [r.status, r.n])))},` +
        ` simulator OA messages ${sim.sentCount().cs - sentBefore}, ${doubled} doubled; ${cut.n} requests cut by the kill and sent again`,
    );
    return { label: o.label, requests: tasks.length, requestMs, doneMs, latencies, problems, inDoubt, atKill, cutAndRetried: cut.n };
  } finally {
    await stopCluster(cluster);
    sim.setDelay(OA_CS, 0);
  }
}
