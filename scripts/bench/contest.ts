/**
 * Thi benchmark (issue 11), in a bench database of its own on the machine's PostgreSQL:
 *
 *   npm run bench:contest [-- --entries 300000 --lookups 2000 --submitters 1000 --concurrency 32]
 *
 * 1. One contest round with 300,000 scored attempts (one member each, so 300,000 entries to rank — the worst case for
 *    the board; national contests see ~80,000 people and ~290,000 attempts). For random members — ranked anywhere from
 *    first to last — her rank (`rankOf`: the two bucket levels of migration 061 summed, then a COUNT inside her fine
 *    bucket), the top 100 (`topOf`), both one after the other, and `boardOf` (rank + top 100 + total in one statement,
 *    what GET /api/contests/:id/leaderboard sends), timed beside a primary-key lookup of her entry in the same run, on the
 *    same pool, interleaved so the machine's drift hits all alike; the plans of the three statements are printed (her
 *    rank for the member whose fine bucket is fullest). Also as the endpoint answers it: the round's top 100 kept in the
 *    process's memory (top-cache.ts, dropped when the database announces a change within it), her row, rank and the
 *    total in one statement beside it; and the whole endpoint through Fastify's inject.
 * 2. 1,000 members start an attempt, then all submit within the same minute (as fast as `--concurrency` connections
 *    allow), through the same service code the routes call: every score is checked against what she answered, every
 *    entry is in the board, and the submit latency percentiles are printed.
 * 3. The round closes (`finalizeRound`: the prediction figure counted, every entry re-keyed) under each published rule
 *    in turn, and step 1's timings are taken again: after the close the prediction is a key, and under "correct →
 *    prediction → time" it is the second key, the one the rank buckets count over.
 * Prints measured figures only; it asserts nothing (a wrong score makes the run exit non-zero).
 */
import type { AttemptView } from "@hoiso/shared";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { buildApp } from "../../server/src/app.js";
import { loadConfig } from "../../server/src/config.js";
import { openDatabase } from "../../server/src/db/pool.js";
import type { DB } from "../../server/src/db/types.js";
import { checkModules } from "../../server/src/modules/contract.js";
import { serverModules } from "../../server/src/modules/index.js";
import { startAttempt, submitAttempt } from "../../server/src/modules/contests/attempts.js";
import { boardOf, finalizeRound, keyedTopOf, rankOf, standingRowInRound, topOf } from "../../server/src/modules/contests/ranking.js";
import { createTopCache, type TopCache } from "../../server/src/modules/contests/top-cache.js";
import { createQueueFactory } from "../../server/src/queue/connection.js";
import { DEMO_UNITS } from "../seed/demo.js";
import { numberArg, percentile } from "./load.js";
import { createBenchDatabase } from "./setup.js";

const ENTRIES = numberArg("entries", 300_000);
const LOOKUPS = numberArg("lookups", 2_000);
const SUBMITTERS = numberArg("submitters", 1_000);
const CONCURRENCY = numberArg("concurrency", 32);
const QUESTIONS = 10;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CONTEST = "b2000000-0000-4000-8000-000000000001";
const ROUND = "b2000000-0000-4000-8100-000000000001";

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
};
const fmt = (label: string, xs: number[]) => {
  const s = stats(xs);
  return `${label.padEnd(52)} n=${xs.length}  p50 ${s.p50.toFixed(2)} ms  p90 ${s.p90.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms  max ${s.max.toFixed(2)} ms`;
};

/** The contest, its bank, the members spread over the province's communes, their scored attempts and entries. */
async function fill(pool: pg.Pool): Promise<void> {
  const t0 = performance.now();
  const units = (await pool.query<{ id: string }>("SELECT id FROM units WHERE level IN ('chi_hoi','to') OR (level = 'xa' AND id NOT IN (SELECT parent_id FROM units WHERE parent_id IS NOT NULL)) ORDER BY code")).rows.map((r) => r.id);
  await pool.query(
    `INSERT INTO contests (id, kind, unit_id, audience, title, ranking, prize_tiers, status) VALUES ($1, 'contest', $2, ARRAY[$2::uuid], 'Cuộc thi thử tải', 'correct_time_prediction', '[{"label":"Giải Nhất","count":1},{"label":"Giải Nhì","count":3},{"label":"Giải Ba","count":5}]', 'published')`,
    [CONTEST, DEMO_UNITS.province.id],
  );
  await pool.query(
    `INSERT INTO contest_rounds (id, contest_id, position, title, opens_at, closes_at, question_count, time_limit_seconds, max_attempts, prediction_kind, prediction_prompt)
     VALUES ($1, $2, 1, 'Đợt 1', now() - interval '6 days', now() + interval '1 day', $3, 900, 5, 'perfect_count', 'Bao nhiêu người đúng hết?')`,
    [ROUND, CONTEST, QUESTIONS],
  );
  await pool.query(
    `INSERT INTO contest_questions (round_id, position, prompt, choices, answer, explanation)
     SELECT $1, p, 'Câu hỏi ' || p, ARRAY['Đúng','Sai','Sai nữa','Cũng sai'], CASE WHEN p % 7 = 0 THEN ARRAY[0,2] ELSE ARRAY[0] END, 'Vì thế.' FROM generate_series(1, 60) p`,
    [ROUND],
  );
  await pool.query(
    `INSERT INTO members (id, zalo_app_user_id, name, unit_id, membership_status)
     SELECT ('b3000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'dev-bench-contest-' || n, 'Người thi ' || n, ($1::uuid[])[1 + n % cardinality($1::uuid[])], 'confirmed'
       FROM generate_series(0, $2::int - 1) n`,
    [units, ENTRIES + SUBMITTERS],
  );
  // (each LATERAL names n, or PostgreSQL would draw its random() once for all rows)
  // scores skewed to the top as real contests are (many perfect or near-perfect), times 1–15 min, spread over six days;
  // predictions of the perfect count (about 30 % of entries) up to 200,000, a third of them round thousands, a tenth left out
  await pool.query(
    `INSERT INTO contest_attempts (id, round_id, member_id, number, status, question_ids, choice_orders, started_at, deadline, submitted_at, answers, correct, duration_ms, prediction)
     SELECT ('b4000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, $1, ('b3000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 1, 'submitted', '{}', '[]',
            s.at - d.ms * interval '1 millisecond', s.at + interval '1 minute', s.at, '{}',
            greatest(0, $2 - floor(power(random(), 2) * ($2 + 1))::int), d.ms,
            CASE WHEN n % 10 = 0 THEN NULL WHEN n % 10 < 4 THEN (floor(random() * 200) * 1000)::int ELSE (random() * 200000)::int END
       FROM generate_series(0, $3::int - 1) n,
            LATERAL (SELECT (60000 + floor(random() * 840000) + 0 * n)::int AS ms) d,
            LATERAL (SELECT date_trunc('milliseconds', now() - interval '6 days' + (random() + 0 * n) * interval '6 days') AS at) s`,
    [ROUND, QUESTIONS, ENTRIES],
  );
  // entries with the keys of shared/src/domain/contest-ranking.ts (open round: prediction counts as a tie)
  await pool.query(
    `INSERT INTO contest_entries (round_id, member_id, attempt_id, xa_id, chi_hoi_id, correct, duration_ms, prediction, submitted_at, k1, k2, k3, k4)
     SELECT a.round_id, a.member_id, a.id, split_part(u.path, '/', 3)::uuid, nullif(split_part(u.path, '/', 4), '')::uuid, a.correct, a.duration_ms, a.prediction, a.submitted_at,
            -a.correct, a.duration_ms, 0, floor(extract(epoch FROM a.submitted_at) * 1000)::int8
       FROM contest_attempts a JOIN members m ON m.id = a.member_id JOIN units u ON u.id = m.unit_id WHERE a.round_id = $1`,
    [ROUND],
  );
  await pool.query(
    "INSERT INTO contest_entry_counts (round_id, shard, n) SELECT $1, ('x' || right(member_id::text, 2))::bit(8)::int % 16, count(*) FROM contest_entries WHERE round_id = $1 GROUP BY 2",
    [ROUND],
  );
  await pool.query(
    "INSERT INTO contest_rank_buckets (round_id, level, k1, b, n) SELECT round_id, 1, k1, contest_fine_bucket(k2), count(*) FROM contest_entries WHERE round_id = $1 GROUP BY 1, 3, 4",
    [ROUND],
  );
  await pool.query(
    "INSERT INTO contest_rank_buckets (round_id, level, k1, b, n) SELECT round_id, 0, k1, contest_coarse_bucket(b), sum(n) FROM contest_rank_buckets WHERE round_id = $1 AND level = 1 GROUP BY 1, 3, 4",
    [ROUND],
  );
  // what autovacuum would do on its own (the visibility map lets the COUNT stay on the index), done now
  await pool.query("VACUUM ANALYZE");
  console.log(`filled ${ENTRIES} scored attempts / entries in ${((performance.now() - t0) / 1000).toFixed(1)} s (with VACUUM ANALYZE)`);
}

/**
 * Her rank and the top 100 for `members` (ranked anywhere from first to last), timed beside a primary-key lookup of her
 * entry interleaved in the same loop: the plans first, then the percentiles. False when the board disagreed with rankOf.
 */
async function measureBoards(pool: pg.Pool, db: Kysely<DB>, cache: TopCache, members: string[], state: string): Promise<boolean> {
  // the plans of the statements as the server sends them (Kysely's compiled SQL, parameters inlined by EXPLAIN)
  const explain = async (title: string, run: (d: Kysely<DB>) => Promise<unknown>) => {
    let q: { sql: string; parameters: readonly unknown[] } = { sql: "SELECT 1", parameters: [] };
    const capturing = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => void (q = e.query) });
    await run(capturing);
    const plan = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.parameters]);
    console.log(`\n### ${title}\n${plan.rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n")}`);
  };
  // the member whose own fine bucket is fullest: the slowest rank to count
  const worst = await pool.query<{ member_id: string; n: number }>(
    `SELECT e.member_id, b.n FROM contest_entries e JOIN contest_rank_buckets b ON b.round_id = e.round_id AND b.level = 1 AND b.k1 = e.k1 AND b.b = contest_fine_bucket(e.k2)
      WHERE e.round_id = $1 ORDER BY b.n DESC LIMIT 1`,
    [ROUND],
  );
  const slow = worst.rows[0]?.member_id ?? members[0]!;
  console.log(`\n## ${state}: the fullest fine bucket holds ${worst.rows[0]?.n ?? 0} entries`);
  await explain("her rank (the member in the fullest fine bucket)", (d) => rankOf(d, ROUND, slow, { kind: "all" }));
  await explain("top 100", (d) => topOf(d, ROUND, { kind: "all" }, 100));
  await explain("her rank + top 100 + total in one statement (GET …/leaderboard)", (d) => boardOf(d, ROUND, slow, { kind: "all" }, 100));

  // warm the caches the way a running server has them
  for (const m of members.slice(0, 50)) {
    await rankOf(db, ROUND, m, { kind: "all" });
    await topOf(db, ROUND, { kind: "all" }, 100);
    await boardOf(db, ROUND, m, { kind: "all" }, 100);
  }
  const pk: number[] = [];
  const rank: number[] = [];
  const top: number[] = [];
  const both: number[] = [];
  const one: number[] = [];
  const served: number[] = [];
  const ranks: number[] = [];
  let disagree = 0;
  for (const m of members) {
    let t = performance.now();
    await sql`SELECT * FROM contest_entries WHERE round_id = ${ROUND} AND member_id = ${m}`.execute(db);
    pk.push(performance.now() - t);
    t = performance.now();
    const r = await rankOf(db, ROUND, m, { kind: "all" });
    const tr = performance.now() - t;
    rank.push(tr);
    ranks.push(r ?? 0);
    t = performance.now();
    await topOf(db, ROUND, { kind: "all" }, 100);
    const tt = performance.now() - t;
    top.push(tt);
    both.push(tr + tt);
    t = performance.now();
    const board = await boardOf(db, ROUND, m, { kind: "all" }, 100);
    one.push(performance.now() - t);
    // as GET …/leaderboard answers (member.ts): the round's top from this process's cache, her row, rank and the total
    // in one prepared statement beside it
    t = performance.now();
    const [mine, kept] = await Promise.all([standingRowInRound(db, pool, ROUND, m), cache.top(ROUND, () => keyedTopOf(db, ROUND, { kind: "all" }, 100))]);
    served.push(performance.now() - t);
    if (mine.me?.rank !== r || kept.rows.length !== 100) disagree++;
    if (board.me?.rank !== r || board.top.length !== 100) disagree++;
  }
  console.log(`\n## Her rank + top 100, ${state}: ${pk.length} members ranked ${Math.min(...ranks)}…${Math.max(...ranks)} (median ${stats(ranks).p50})`);
  console.log(fmt("primary-key lookup of her entry (yardstick)", pk));
  console.log(fmt(state.startsWith("open") ? "her rank (two bucket levels + COUNT in her fine bucket)" : "her rank (stored at the close: read from her row)", rank));
  console.log(fmt("top 100 (index range scan + names)", top));
  console.log(fmt("her rank, then top 100 (two round trips)", both));
  console.log(fmt("her rank + top 100 + total (one statement, boardOf)", one));
  console.log(fmt("as served: top 100 in memory + her row, rank, total (prepared)", served));
  const ratio = (xs: number[]) => `${(stats(xs).p99 / stats(pk).p99).toFixed(2)}× (p50 ${(stats(xs).p50 / stats(pk).p50).toFixed(2)}×)`;
  console.log(`ratio p99 / p99 (PK lookup), target ≤ 3×: two round trips ${ratio(both)}, one statement ${ratio(one)}, as served ${ratio(served)}`);
  if (disagree > 0) console.error(`boardOf disagreed with rankOf for ${disagree} members`);
  return disagree === 0;
}

async function main(): Promise<void> {
  console.log(`bench:contest — ${ENTRIES} entries in one round, ${LOOKUPS} lookups, ${SUBMITTERS} submitters, concurrency ${CONCURRENCY}; PostgreSQL at ${new URL(ADMIN_URL).host}`);
  const bench = await createBenchDatabase(ADMIN_URL);
  const database = openDatabase(bench.url, CONCURRENCY + 4);
  const { db, pool } = database;
  const cache = createTopCache({ pool });
  let failed = false;
  try {
    await fill(pool);
    const members = (await pool.query<{ member_id: string }>("SELECT member_id FROM contest_entries WHERE round_id = $1 ORDER BY random() LIMIT $2", [ROUND, LOOKUPS])).rows.map((r) => r.member_id);
    await cache.feed.barrier(); // listening: what it loads from now on is kept
    if (!(await measureBoards(pool, db, cache, members, "open round (prediction not yet known: both rules store the same keys)"))) failed = true;

    // the endpoint itself, through Fastify (schema, auth, serialisation), against the same database
    const config = loadConfig({ NODE_ENV: "development", RATE_LIMIT_LOGIN_PER_IP: "0", DATABASE_URL: bench.url, QUEUE_BACKEND: "postgres", DEV_LOGIN: "true", ZALO_SIMULATOR: "true", LOG_LEVEL: "warn" });
    const queues = createQueueFactory({ backend: "postgres", databaseUrl: bench.url, namespace: config.queuePrefix });
    const app = await buildApp({ config, db, pool, queues, modules: checkModules(serverModules) });
    await app.ready();
    try {
      const who = members.slice(0, 200);
      const tokens: string[] = [];
      for (const [i, m] of who.entries()) {
        const res = await app.inject({ method: "POST", url: "/api/auth/dev", payload: { name: `Người thi ${i}`, zaloId: `bench-contest-${Number(m.slice(-12))}` } });
        if (res.statusCode !== 200) throw new Error(`dev login ${res.statusCode} ${res.body}`);
        tokens.push(res.json<{ token: string }>().token);
      }
      const http: number[] = [];
      const httpPk: number[] = [];
      for (let round = 0; round < 3; round++) {
        for (const token of tokens) {
          let t = performance.now();
          const res = await app.inject({ method: "GET", url: `/api/contests/${CONTEST}/leaderboard?roundId=${ROUND}`, headers: { authorization: `Bearer ${token}` } });
          http.push(performance.now() - t);
          if (res.statusCode !== 200) throw new Error(`leaderboard ${res.statusCode} ${res.body}`);
          t = performance.now();
          await app.inject({ method: "GET", url: "/api/me", headers: { authorization: `Bearer ${token}` } });
          httpPk.push(performance.now() - t);
        }
      }
      console.log(`\n## Through Fastify (inject), ${tokens.length} members × 3`);
      console.log(fmt("GET /api/contests/:id/leaderboard (top 100 + her row)", http));
      console.log(fmt("GET /api/me (a session + PK reads, for scale)", httpPk));
    } finally {
      await app.close();
      await queues.close();
    }

    // 2. 1,000 members submitting within the same minute
    const submitters = Array.from({ length: SUBMITTERS }, (_, i) => `b3000000-0000-4000-8000-${String(ENTRIES + i).padStart(12, "0")}`);
    const started: AttemptView[] = [];
    const t0 = performance.now();
    for (const m of submitters) started.push(await startAttempt(db, m, CONTEST, { roundId: ROUND }));
    console.log(`\n## ${SUBMITTERS} members submitting in the same minute\nstarted ${SUBMITTERS} attempts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const answerKey = new Map((await pool.query<{ id: string; answer: number[] }>("SELECT id, answer FROM contest_questions WHERE round_id = $1", [ROUND])).rows.map((r) => [r.id, r.answer]));
    const latencies: number[] = [];
    let wrong = 0;
    let next = 0;
    const wall = performance.now();
    const worker = async () => {
      while (next < started.length) {
        const i = next++;
        const a = started[i]!;
        // she gets the first (i mod 11) questions right and the rest wrong
        const right = i % (QUESTIONS + 1);
        const answers = a.questions.map((q, k) => ({ questionId: q.id, choices: k < right ? (answerKey.get(q.id) ?? []) : [1] }));
        const t = performance.now();
        const r = await submitAttempt(db, submitters[i]!, a.id, { answers, prediction: i });
        latencies.push(performance.now() - t);
        if (r.correct !== right || r.total !== QUESTIONS) wrong++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - wall) / 1000;
    const entered = await pool.query<{ n: string; bad: string }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE e.correct <> a.correct OR e.attempt_id <> a.id) AS bad
         FROM contest_entries e JOIN contest_attempts a ON a.round_id = e.round_id AND a.member_id = e.member_id
        WHERE e.round_id = $1 AND e.member_id = ANY($2::uuid[])`,
      [ROUND, submitters],
    );
    const counter = await pool.query<{ entry_count: number }>("SELECT sum(n)::int AS entry_count FROM contest_entry_counts WHERE round_id = $1", [ROUND]);
    console.log(fmt(`PUT /api/attempts/:id (service), ${CONCURRENCY} at once`, latencies));
    console.log(`all ${SUBMITTERS} submitted in ${seconds.toFixed(1)} s (${(SUBMITTERS / seconds).toFixed(0)}/s); scores wrong: ${wrong}; entries: ${entered.rows[0]?.n} (inconsistent: ${entered.rows[0]?.bad}); round counter ${counter.rows[0]?.entry_count} (want ${ENTRIES + SUBMITTERS})`);
    if (wrong > 0 || Number(entered.rows[0]?.n) !== SUBMITTERS || Number(entered.rows[0]?.bad) > 0 || counter.rows[0]?.entry_count !== ENTRIES + SUBMITTERS) failed = true;

    // 3. the round closes: the prediction figure is counted and every entry re-keyed, under each published rule in turn
    //    (under "correct → prediction → time" the second key becomes the prediction's distance, not the time)
    for (const rule of ["correct_time_prediction", "correct_prediction_time"] as const) {
      await pool.query("UPDATE contests SET ranking = $2 WHERE id = $1", [CONTEST, rule]);
      await pool.query("UPDATE contest_rounds SET closed_at = NULL, prediction_actual = NULL WHERE id = $1", [ROUND]);
      const t = performance.now();
      const { actual } = await db.transaction().execute((tx) => finalizeRound(tx, ROUND, new Date()));
      const closing = (performance.now() - t) / 1000;
      await pool.query("VACUUM ANALYZE contest_entries, contest_rank_buckets");
      console.log(`\nclosed the round under ${rule} in ${closing.toFixed(1)} s (figure to predict: ${actual})`);
      if (!(await measureBoards(pool, db, cache, members, `closed round, ${rule}`))) failed = true;
    }
  } finally {
    await cache.close();
    await database.close();
    await bench.drop();
  }
  if (failed) {
    console.error("bench:contest: some submissions were not scored or ranked correctly");
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
