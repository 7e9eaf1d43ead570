/**
 * Khảo sát benchmark (issue 16), against the real server process on the machine's PostgreSQL and Redis:
 *
 *   npm run bench:polls [-- --members 5000 --seconds 60 --viewers 1 --yard-seconds 20]
 *
 * 5,000 members (spread over every chi hội of the demo province, 70 % with an age and an ethnic tag) answer one
 * province-wide poll of five questions within a minute — an open loop at members/seconds answers a second — while
 * a cán bộ's results view asks for the results every second (as the Mini App's refetchInterval does). Prints answer
 * and results latency percentiles, then the intake yardstick (a bare Fastify route doing one INSERT and one queue add,
 * scripts/bench/baseline-server.ts) at the same rate in the same run, then the results query once all have answered.
 * Checks that every answer was stored once and that the results count them all (a mismatch exits non-zero).
 */
import crypto from "node:crypto";
import os from "node:os";
import pg from "pg";
import type { AdminPoll, PollResults } from "@hoiso/shared";
import { DEMO_ACCOUNTS, DEMO_UNITS } from "../seed/demo.js";
import { startServerProcess } from "../lib/process.js";
import { fixedRate, formatResult, numberArg, percentile, type RequestSpec } from "./load.js";
import { benchServerEnv, createBenchDatabase, dropQueueKeys } from "./setup.js";

const MEMBERS = numberArg("members", 5000);
const SECONDS = numberArg("seconds", 60);
const VIEWERS = numberArg("viewers", 1);
const YARD_SECONDS = numberArg("yard-seconds", 20);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const BACKEND = process.env.BENCH_QUEUE_BACKEND ?? "redis";
const AGES = ["tuoi:duoi_30", "tuoi:30_45", "tuoi:46_60", "tuoi:tren_60"];
const ETHNIC = ["dan_toc:mong", "dan_toc:dao", "dan_toc:tay", "dan_toc:kinh", "dan_toc:giay", "dan_toc:ha_nhi"];

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `n=${s.length}  p50 ${percentile(s, 50).toFixed(1)} ms  p90 ${percentile(s, 90).toFixed(1)} ms  p99 ${percentile(s, 99).toFixed(1)} ms  max ${(s.at(-1) ?? NaN).toFixed(1)} ms`;
};

async function json<T>(base: string, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; data: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, data: (await res.json()) as T };
}

const login = async (base: string, zaloId: string, name: string) => (await json<{ token: string }>(base, "POST", "/api/auth/dev", null, { zaloId, name })).data.token;

/** Member i's answer: spread over every option so that every group has counts in every column. */
const answer = (i: number) => ({
  answers: [{ choice: i % 3 }, { choices: [i % 4, (i * 7 + 1) % 4] }, { choice: (i % 5) + 1 }, { choice: (i * 13) % 2 }, { text: i % 10 === 0 ? `Đề nghị Hội tổ chức thêm lớp tập huấn (#${i}).` : "" }],
});

async function main(): Promise<void> {
  console.log(`# Hội Số polls benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; queue ${BACKEND}`);
  console.log(`${MEMBERS} members answering within ${SECONDS} s (${(MEMBERS / SECONDS).toFixed(1)}/s), ${VIEWERS} results view(s) refreshing every second`);
  const database = await createBenchDatabase(ADMIN_URL);
  const prefix = `{benchpoll${Date.now().toString(36)}}`;
  // every answer comes from this one address
  const env = benchServerEnv({ databaseUrl: database.url, backend: BACKEND, redisUrl: REDIS_URL, prefix }, { RATE_LIMIT_ANSWER_PER_IP: "0" });
  // the API alone: answering and reading results need no worker (the announcement is not part of this run)
  const server = startServerProcess(env, ["--role=api"]);
  // one connection held for the whole run (idle ones are not dropped): on a shared server a reconnect can be refused
  const db = new pg.Pool({ connectionString: database.url, max: 1, idleTimeoutMillis: 0 });
  await db.query("SELECT 1");
  let failed = false;
  try {
    const m = await server.waitFor(/API:\s+http:\/\/localhost:(\d+)\//, 120_000);
    const base = `http://127.0.0.1:${m[1]}`;

    // members and their sessions straight into the database (sessions as modules/auth/sessions.ts stores them: the
    // sha-256 of a random token), so that the minute measured is the answers, not 5,000 logins on a busy machine
    const t0 = performance.now();
    const tokens = Array.from({ length: MEMBERS }, () => crypto.randomBytes(32).toString("base64url"));
    await db.query(
      `WITH u AS (SELECT array_agg(id ORDER BY code) AS ids FROM units WHERE level IN ('chi_hoi', 'to')),
            m AS (INSERT INTO members (zalo_app_user_id, name, unit_id, membership_status, profile_tags)
                  SELECT 'dev-bench-poll-' || n, 'Hội viên thử tải ' || n, u.ids[1 + n % cardinality(u.ids)], 'confirmed',
                         CASE WHEN n % 10 < 7 THEN ARRAY[($1::text[])[1 + n % 4], ($2::text[])[1 + (n / 3) % 6]] ELSE '{}' END
                    FROM generate_series(0, $3::int - 1) n, u
                  RETURNING id, zalo_app_user_id)
       INSERT INTO sessions (token_hash, member_id, expires_at)
       SELECT h.hash, m.id, now() + interval '1 day' FROM m JOIN unnest($4::text[]) WITH ORDINALITY AS h(hash, k) ON m.zalo_app_user_id = 'dev-bench-poll-' || (h.k - 1)`,
      [AGES, ETHNIC, MEMBERS, tokens.map((t) => crypto.createHash("sha256").update(t).digest("hex"))],
    );
    console.log(`${MEMBERS} members and sessions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const admin = await login(base, DEMO_ACCOUNTS.admin.zaloId, DEMO_ACCOUNTS.admin.name);
    const created = await json<AdminPoll>(base, "POST", "/api/admin/polls", admin, {
      unitId: DEMO_UNITS.province.id,
      title: "Chị em cần Hội hỗ trợ gì trong năm tới?",
      questions: [
        { kind: "single", text: "Chị thích sinh hoạt chi hội vào lúc nào?", options: ["Buổi sáng", "Buổi chiều", "Buổi tối"] },
        { kind: "multiple", text: "Chị muốn được tập huấn về?", options: ["Vay vốn", "Chăm sóc con", "Trồng trọt", "Phòng chống bạo lực"] },
        { kind: "scale", text: "Chị hài lòng với hoạt động của Hội ở mức nào?" },
        { kind: "single", text: "Chị có dùng Zalo hằng ngày không?", options: ["Có", "Không"] },
        { kind: "text", text: "Chị có ý kiến gì thêm?" },
      ],
      closesAt: new Date(Date.now() + 86400_000).toISOString(),
    });
    if (created.status !== 201) throw new Error(`poll create ${created.status} ${JSON.stringify(created.data)}`);
    const poll = created.data;
    console.log(`poll for ${poll.audienceSize} members of the province`);

    // a few warm-up reads and answers by members outside the measured set would change the counts: warm the results only
    for (let i = 0; i < 5; i++) await json(base, "GET", `/api/admin/polls/${poll.id}/results`, admin);

    const body = (i: number): RequestSpec => ({ path: `/api/polls/${poll.id}/answers`, headers: { authorization: `Bearer ${tokens[i]!}` }, body: JSON.stringify(answer(i)) });
    const viewLat: number[] = [];
    let viewing = true;
    const viewers = Array.from({ length: VIEWERS }, async (_, v) => {
      await new Promise((r) => setTimeout(r, (1000 / VIEWERS) * v));
      while (viewing) {
        const started = performance.now();
        const r = await fetch(`${base}/api/admin/polls/${poll.id}/results`, { headers: { authorization: `Bearer ${admin}` } });
        await r.arrayBuffer();
        viewLat.push(performance.now() - started);
        if (r.status !== 200) failed = true;
        // the Mini App asks again a second after the last answer came back (React Query's refetchInterval)
        await new Promise((res) => setTimeout(res, 1000));
      }
    });
    console.log(`\n## Answers (POST /api/polls/:id/answers) with the results view refreshing`);
    const ours = await fixedRate(base, MEMBERS / SECONDS, SECONDS, body);
    viewing = false;
    await Promise.all(viewers);
    console.log(formatResult(`fixed ${(MEMBERS / SECONDS).toFixed(1)}/s × ${SECONDS} s`, ours));
    console.log(`results view during the run (GET /api/admin/polls/:id/results): ${stats(viewLat)}`);

    const stored = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM poll_participants WHERE poll_id = $1", [poll.id])).rows[0]!.n;
    const results = (await json<PollResults>(base, "GET", `/api/admin/polls/${poll.id}/results`, admin)).data;
    const q1 = results.questions[0]!.counts.reduce((a, b) => a + b, 0);
    console.log(`stored ${stored} of ${ours.ok} answered 201; results count ${results.respondents} respondents, question 1 sums to ${q1}`);
    if (stored !== ours.ok || results.respondents !== stored || q1 !== stored) failed = true;
    const groups = (["unit", "age", "ethnic"] as const).map((d) => `${d} ${results.questions[0]!.breakdowns[d].length}`).join(", ");
    console.log(`groups shown for question 1: ${groups}`);

    // the results query on its own once everyone answered, many samples (sequential, as one cán bộ's view)
    const after: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      const r = await fetch(`${base}/api/admin/polls/${poll.id}/results`, { headers: { authorization: `Bearer ${admin}` } });
      await r.arrayBuffer();
      after.push(performance.now() - t);
    }
    console.log(`results with all ${stored} answers in, 200 sequential reads: ${stats(after)}`);
    const plan = await db.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT GROUPING(unit_group, age_group, ethnic_group) AS g, question_idx, option_idx, unit_group, age_group, ethnic_group, sum(n)
         FROM poll_tallies WHERE poll_id = $1
        GROUP BY GROUPING SETS ((question_idx, option_idx), (question_idx, option_idx, unit_group), (question_idx, option_idx, age_group), (question_idx, option_idx, ethnic_group))`,
      [poll.id],
    );
    const rows = (await db.query<{ t: number; a: number }>("SELECT (SELECT count(*)::int FROM poll_tallies WHERE poll_id = $1) AS t, (SELECT count(*)::int FROM poll_answers WHERE poll_id = $1) AS a", [poll.id])).rows[0]!;
    console.log(`tallies kept by the database: ${rows.t} rows for ${rows.a} answer rows`);
    console.log(`\n### the counts query's plan\n${plan.rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n")}`);
    await server.stop();

    console.log(`\n## Yardstick: bare Fastify route, one INSERT + one queue add, same rate`);
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
    const yb = (i: number): RequestSpec => ({ path: "/intake", headers: {}, body: JSON.stringify(answer(i)) });
    await fixedRate(yardUrl, 50, 2, yb);
    const yFixed = await fixedRate(yardUrl, MEMBERS / SECONDS, YARD_SECONDS, (i) => yb(i + 1_000_000));
    console.log(formatResult(`fixed ${(MEMBERS / SECONDS).toFixed(1)}/s × ${YARD_SECONDS} s`, yFixed));
    yard.kill("SIGTERM");

    console.log(`\n## Summary`);
    console.log(`answer p99 ${ours.latencyMs.p99.toFixed(1)} ms (p50 ${ours.latencyMs.p50.toFixed(1)}) vs yardstick p99 ${yFixed.latencyMs.p99.toFixed(1)} ms (p50 ${yFixed.latencyMs.p50.toFixed(1)}) at the same rate`);
    const vs = [...viewLat].sort((a, b) => a - b);
    console.log(`results p99 ${percentile(vs, 99).toFixed(1)} ms during the run (${vs.length} reads); ${percentile([...after].sort((a, b) => a - b), 99).toFixed(1)} ms with all answers in`);
    console.log(failed ? "FAILED: a count did not match or a read failed" : "every answer stored once and counted");
  } finally {
    await server.stop();
    await db.end();
    await database.drop();
    if (BACKEND === "redis") await dropQueueKeys(REDIS_URL, prefix);
  }
  if (failed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
