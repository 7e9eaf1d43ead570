import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../../server/src/db/migrate.js";
import { databaseBefore } from "../../helpers/db.js";

/**
 * Migrations 062 and 063 on a database that already holds entries: rounds of "correct → prediction → time" whose figure
 * is not known yet get time as their second key (their buckets recounted over it); a round whose figure is known, and
 * rounds of the other rule, keep their keys. A round already closed gets every entry's rank stored; open ones none.
 */
describe("migrations 062 and 063: open rounds store time second under both rules, closed rounds their ranks", () => {
  let db: Awaited<ReturnType<typeof databaseBefore>> | undefined;
  let pool: pg.Pool;
  const id = (): string => crypto.randomUUID();
  const unit = id();
  const members = [id(), id(), id()];
  const rounds = { open2: id(), closed2: id(), open1: id() };
  // [member, correct, time ms]; a figure of 1 for the closed round, whose k2 is the distance
  const plays: Array<[number, number, number]> = [[0, 5, 70_000], [1, 5, 65_000], [2, 4, 1_000]];

  beforeAll(async () => {
    db = await databaseBefore(62);
    pool = db.pool;
    await pool.query("INSERT INTO units (id, level, code, name, path) VALUES ($1, 'tinh', 'T', 'Tỉnh', $2)", [unit, `/${unit}/`]);
    for (const [i, m] of members.entries()) await pool.query("INSERT INTO members (id, name, unit_id) VALUES ($1, $2, $3)", [m, `Chị ${i}`, unit]);
    const contest = async (ranking: string) => {
      const c = id();
      await pool.query("INSERT INTO contests (id, kind, unit_id, audience, title, ranking, status) VALUES ($1, 'contest', $2, ARRAY[$2::uuid], 'Thi', $3, 'published')", [c, unit, ranking]);
      return c;
    };
    const c2 = await contest("correct_prediction_time");
    const c1 = await contest("correct_time_prediction");
    for (const [roundId, contestId, actual] of [[rounds.open2, c2, null], [rounds.closed2, c2, 1], [rounds.open1, c1, null]] as const) {
      await pool.query(
        `INSERT INTO contest_rounds (id, contest_id, position, title, opens_at, closes_at, question_count, time_limit_seconds, max_attempts, prediction_kind, prediction_prompt, prediction_actual, closed_at)
         VALUES ($1, $2, (SELECT count(*) + 1 FROM contest_rounds WHERE contest_id = $2), 'Đợt', now() - interval '1 day', now() + interval '1 day', 5, 600, 1, 'perfect_count', 'Bao nhiêu?', $3::int, CASE WHEN $3::int IS NULL THEN NULL ELSE now() END)`,
        [roundId, contestId, actual],
      );
      for (const [who, correct, ms] of plays) {
        const a = id();
        await pool.query(
          `INSERT INTO contest_attempts (id, round_id, member_id, number, status, question_ids, choice_orders, started_at, deadline, submitted_at, correct, duration_ms, prediction)
           VALUES ($1, $2, $3, 1, 'submitted', '{}', '[]', now(), now(), now(), $4, $5, 3)`,
          [a, roundId, members[who], correct, ms],
        );
        // the keys as the code before 062 stored them
        const [k2, k3] = roundId === rounds.open1 ? [ms, 0] : roundId === rounds.open2 ? [0, ms] : [2, ms];
        await pool.query(
          "INSERT INTO contest_entries (round_id, member_id, attempt_id, correct, duration_ms, prediction, submitted_at, k1, k2, k3, k4) VALUES ($1, $2, $3, $4, $5, 3, now(), $6, $7, $8, 1000)",
          [roundId, members[who], a, correct, ms, -correct, k2, k3],
        );
      }
      await pool.query("INSERT INTO contest_rank_buckets (round_id, level, k1, b, n) SELECT round_id, 1, k1, contest_fine_bucket(k2), count(*) FROM contest_entries WHERE round_id = $1 GROUP BY 1, 3, 4", [roundId]);
      await pool.query("INSERT INTO contest_rank_buckets (round_id, level, k1, b, n) SELECT round_id, 0, k1, contest_coarse_bucket(b), sum(n) FROM contest_rank_buckets WHERE round_id = $1 AND level = 1 GROUP BY 1, 3, 4", [roundId]);
    }
    await migrate(pool);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const keys = async (roundId: string) =>
    (await pool.query<{ member_id: string; k: string }>("SELECT member_id, concat_ws(',', k1, k2, k3, k4) AS k FROM contest_entries WHERE round_id = $1 ORDER BY k1, k2, k3, k4", [roundId])).rows.map((r) => [members.indexOf(r.member_id), r.k]);
  const buckets = async (roundId: string) =>
    (await pool.query<{ level: number; k1: string; b: number; n: number }>("SELECT level, k1, b, n FROM contest_rank_buckets WHERE round_id = $1 ORDER BY level, k1, b", [roundId])).rows.map((r) => [r.level, Number(r.k1), r.b, r.n]);
  const recounted = async (roundId: string) =>
    (await pool.query<{ level: number; k1: string; b: number; n: string }>(
      `SELECT 1 AS level, k1, contest_fine_bucket(k2) AS b, count(*) AS n FROM contest_entries WHERE round_id = $1 GROUP BY 2, 3
       UNION ALL SELECT 0, k1, contest_coarse_bucket(contest_fine_bucket(k2)), count(*) FROM contest_entries WHERE round_id = $1 GROUP BY 2, 3 ORDER BY 1, 2, 3`,
      [roundId],
    )).rows.map((r) => [r.level, Number(r.k1), r.b, Number(r.n)]);

  it("re-keys the open round of the prediction-first rule, in the same order, with its buckets recounted", async () => {
    expect(await keys(rounds.open2)).toEqual([[1, "-5,65000,0,1000"], [0, "-5,70000,0,1000"], [2, "-4,1000,0,1000"]]);
    const b = await buckets(rounds.open2);
    expect(b).toEqual(await recounted(rounds.open2));
    // the two with five right are told apart by their bucket of time now, not lumped in bucket 0
    expect(b.filter(([level, k1]) => level === 1 && k1 === -5).map(([, , bucket]) => bucket)).toHaveLength(2);
  });

  it("leaves a round whose figure is known, and the time-first rule's rounds, as they were", async () => {
    expect(await keys(rounds.closed2)).toEqual([[1, "-5,2,65000,1000"], [0, "-5,2,70000,1000"], [2, "-4,2,1000,1000"]]);
    expect(await keys(rounds.open1)).toEqual([[1, "-5,65000,0,1000"], [0, "-5,70000,0,1000"], [2, "-4,1000,0,1000"]]);
    expect(await buckets(rounds.closed2)).toEqual(await recounted(rounds.closed2));
    expect(await buckets(rounds.open1)).toEqual(await recounted(rounds.open1));
  });

  it("stores the ranks of the closed round only", async () => {
    const ranks = async (roundId: string) =>
      (await pool.query<{ member_id: string; final_rank: number | null }>("SELECT member_id, final_rank FROM contest_entries WHERE round_id = $1 ORDER BY k1, k2, k3, k4", [roundId])).rows.map((r) => [members.indexOf(r.member_id), r.final_rank]);
    expect(await ranks(rounds.closed2)).toEqual([[1, 1], [0, 2], [2, 3]]);
    expect(await ranks(rounds.open2)).toEqual([[1, null], [0, null], [2, null]]);
  });
});
