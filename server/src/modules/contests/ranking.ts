import { NO_PREDICTION, rankKey, ranksFromTop, type RankingRule, type RankKey } from "@hoiso/shared";
import { sql, type Kysely, type Transaction } from "kysely";
import type pg from "pg";
import type { DB } from "../../db/types.js";

type Q = Kysely<DB> | Transaction<DB>;

/** Which entries a board ranks: the whole round, a commune, a chi hội. */
export type Scope = { kind: "all" } | { kind: "xa"; unitId: string } | { kind: "chi_hoi"; unitId: string };

export interface EntryInput {
  roundId: string;
  memberId: string;
  attemptId: string;
  xaId: string | null;
  chiHoiId: string | null;
  correct: number;
  durationMs: number;
  prediction: number | null;
  submittedAt: Date;
}

const scopeFilter = (scope: Scope) =>
  scope.kind === "xa" ? sql`AND e.xa_id = ${scope.unitId}::uuid` : scope.kind === "chi_hoi" ? sql`AND e.chi_hoi_id = ${scope.unitId}::uuid` : sql``;

/** Which of the 16 counter rows a member's first entry adds to. */
export const shardOf = (memberId: string) => Number.parseInt(memberId.slice(-2), 16) % 16;

/**
 * Her attempt becomes her entry when it is her first or better than her entry by the contest's rule (keys compared as
 * one row, as the index orders them). Returns whether it is now her best, and whether the entry is new.
 */
export async function recordEntry(tx: Transaction<DB>, rule: RankingRule, actual: number | null, e: EntryInput): Promise<{ best: boolean; inserted: boolean; key: RankKey }> {
  const key = rankKey(rule, { memberId: e.memberId, correct: e.correct, durationMs: e.durationMs, prediction: e.prediction, submittedAtMs: e.submittedAt.getTime() }, actual);
  // her entry as it is (locked): which bucket it leaves if this attempt is better
  const old = await tx.selectFrom("contest_entries").select(["k1", "k2"]).where("round_id", "=", e.roundId).where("member_id", "=", e.memberId).forUpdate().executeTakeFirst();
  const r = await sql<{ inserted: boolean }>`
    INSERT INTO contest_entries AS ce (round_id, member_id, attempt_id, xa_id, chi_hoi_id, correct, duration_ms, prediction, submitted_at, k1, k2, k3, k4)
    VALUES (${e.roundId}, ${e.memberId}, ${e.attemptId}, ${e.xaId}, ${e.chiHoiId}, ${e.correct}, ${e.durationMs}, ${e.prediction}, ${e.submittedAt},
            ${key[0]}, ${key[1]}, ${key[2]}, ${key[3]})
    ON CONFLICT (round_id, member_id) DO UPDATE SET
      attempt_id = excluded.attempt_id, correct = excluded.correct, duration_ms = excluded.duration_ms, prediction = excluded.prediction,
      submitted_at = excluded.submitted_at, k1 = excluded.k1, k2 = excluded.k2, k3 = excluded.k3, k4 = excluded.k4
    WHERE (excluded.k1, excluded.k2, excluded.k3, excluded.k4) < (ce.k1, ce.k2, ce.k3, ce.k4)
    RETURNING (xmax = 0) AS inserted`.execute(tx);
  const row = r.rows[0];
  if (row) {
    // her entry moved from its old buckets (if any) to the new ones, at both levels; rows are locked in (level, k1, b)
    // order, so two submissions moving between the same buckets never wait on each other in a cycle
    const moves = !old ? sql`(${key[0]}::int8, ${key[1]}::int8, 1)` : sql`(${key[0]}::int8, ${key[1]}::int8, 1), (${old.k1}::int8, ${old.k2}::int8, -1)`;
    await sql`
      INSERT INTO contest_rank_buckets AS b (round_id, level, k1, b, n)
      SELECT ${e.roundId}::uuid, l.level, f.k1, CASE l.level WHEN 0 THEN contest_coarse_bucket(f.fb) ELSE f.fb END, sum(f.d)::int
        FROM (SELECT v.k1, contest_fine_bucket(v.k2) AS fb, v.d FROM (VALUES ${moves}) AS v(k1, k2, d)) f CROSS JOIN (VALUES (0::int2), (1::int2)) AS l(level)
       GROUP BY 2, 3, 4 HAVING sum(f.d) <> 0 ORDER BY 2, 3, 4
      ON CONFLICT (round_id, level, k1, b) DO UPDATE SET n = b.n + excluded.n`.execute(tx);
  }
  if (row?.inserted) {
    await sql`INSERT INTO contest_entry_counts AS c (round_id, shard, n) VALUES (${e.roundId}, ${shardOf(e.memberId)}, 1)
              ON CONFLICT (round_id, shard) DO UPDATE SET n = c.n + 1`.execute(tx);
  }
  return { best: row !== undefined, inserted: row?.inserted === true, key };
}

/**
 * Her rank in a scope: 1 + the entries strictly ahead of her (better on the rule's keys; a tied entry is not ahead, so
 * tied entries share a rank), counted on the composite index in ranking order. Null when she has no entry.
 */
export async function rankOf(db: Q, roundId: string, memberId: string, scope: Scope): Promise<number | null> {
  if (scope.kind === "all") return rankInRound(db, roundId, memberId);
  const r = await sql<{ ahead: string }>`WITH me AS (${meRow(roundId, memberId)}) SELECT ${aheadInScope(roundId, scope)} AS ahead FROM me`.execute(db);
  const row = r.rows[0];
  return row ? Number(row.ahead) + 1 : null;
}

/**
 * The entries ahead of `me` in the whole round (`me`: a row with k1…k4, member_id and f, the fine bucket of its k2),
 * without counting everyone ahead of her: the coarse buckets ahead of hers (level 0, a few hundred small rows), the fine
 * buckets ahead of hers inside her coarse one (level 1, at most 32), and on the rank index only the entries of her own
 * fine bucket that rank above her. Exact: every entry ahead of her is in exactly one of the three.
 *
 * "Ahead" is decided on (k1, bucket of k2) only and then exactly on (k2, k3, k4): two entries in the same bucket may
 * still differ in k2, so a bucket of k3 would say nothing about their order (the ranking property test found that
 * once). An entry equal on all four keys is tied with her, not ahead (the member id orders lists, never ranks).
 *
 * A closed round's ranks were counted once at the close (`final_rank`, migration 063): hers is read, nothing counted.
 */
const aheadInRound = (roundId: string) => sql<string>`(CASE WHEN me.final_rank IS NOT NULL THEN me.final_rank - 1 ELSE
      (SELECT coalesce(sum(b.n), 0) FROM contest_rank_buckets b
        WHERE b.round_id = ${roundId} AND b.level = 0 AND (b.k1, b.b) < (me.k1, contest_coarse_bucket(me.f)))
    + (SELECT coalesce(sum(b.n), 0) FROM contest_rank_buckets b
        WHERE b.round_id = ${roundId} AND b.level = 1 AND b.k1 = me.k1 AND b.b > (contest_coarse_bucket(me.f) - 1) * 32 AND b.b < me.f)
    + (SELECT count(*) FROM contest_entries e
        WHERE e.round_id = ${roundId} AND e.k1 = me.k1
          AND e.k2 >= contest_fine_floor(me.f)
          AND (e.k2, e.k3, e.k4) < (me.k2, me.k3, me.k4)
          AND contest_fine_bucket(e.k2) = me.f) END)`;

/** Entries strictly ahead of `me` in a commune or chi hội: a COUNT on that scope's rank index (a scope holds a few thousand). */
const aheadInScope = (roundId: string, scope: Scope) => sql<string>`(
      SELECT count(*) FROM contest_entries e
       WHERE e.round_id = ${roundId} ${scopeFilter(scope)}
         AND (e.k1, e.k2, e.k3, e.k4) < (me.k1, me.k2, me.k3, me.k4))`;

const aheadOf = (roundId: string, scope: Scope) => (scope.kind === "all" ? aheadInRound(roundId) : aheadInScope(roundId, scope));

/** How many entries the scope holds: the round's 16 counter rows, or a COUNT on the scope's index. */
const totalOf = (roundId: string, scope: Scope) =>
  scope.kind === "all"
    ? sql<string>`(SELECT coalesce(sum(c.n), 0) FROM contest_entry_counts c WHERE c.round_id = ${roundId})`
    : sql<string>`(SELECT count(*) FROM contest_entries e WHERE e.round_id = ${roundId} ${scopeFilter(scope)})`;

/** Her entry as `me`, with the fine bucket of its k2. */
const meRow = (roundId: string, memberId: string) =>
  sql`SELECT k1, k2, k3, k4, member_id, correct, duration_ms, prediction, final_rank, contest_fine_bucket(k2) AS f FROM contest_entries WHERE round_id = ${roundId} AND member_id = ${memberId}`;

export async function rankInRound(db: Q, roundId: string, memberId: string): Promise<number | null> {
  const r = await sql<{ ahead: string }>`WITH me AS (${meRow(roundId, memberId)}) SELECT ${aheadInRound(roundId)} AS ahead FROM me`.execute(db);
  const row = r.rows[0];
  return row ? Number(row.ahead) + 1 : null;
}

/** Her rank and the number of entries in the scope, in one statement (null when she has no entry). */
export async function standingOf(db: Q, roundId: string, memberId: string, scope: Scope): Promise<{ rank: number; of: number } | null> {
  const r = await sql<{ ahead: string; total: string }>`
    WITH me AS (${meRow(roundId, memberId)}) SELECT ${aheadOf(roundId, scope)} AS ahead, ${totalOf(roundId, scope)} AS total FROM me`.execute(db);
  const row = r.rows[0];
  return row ? { rank: Number(row.ahead) + 1, of: Number(row.total) } : null;
}

export interface TopRow {
  /** 1 + the entries strictly ahead (tied entries share it). */
  rank: number;
  memberId: string;
  name: string;
  unitName: string;
  correct: number;
  durationMs: number;
  prediction: number | null;
}

type KeyedRow = Omit<TopRow, "rank"> & { k1: string; k2: string; k3: string; k4: string };
const keyOf = (x: KeyedRow): RankKey => [Number(x.k1), Number(x.k2), Number(x.k3), Number(x.k4)];
const row = (x: KeyedRow, rank: number): TopRow => ({ rank, memberId: x.memberId, name: x.name, unitName: x.unitName, correct: x.correct, durationMs: x.durationMs, prediction: x.prediction });
/** Rows read in ranking order from the top of their scope, with their ranks (ties share one). */
const rankedFromTop = (rows: readonly KeyedRow[]): TopRow[] => {
  const ranks = ranksFromTop(rows.map(keyOf));
  return rows.map((x, i) => row(x, ranks[i] as number));
};

/** The first `limit` entries in ranking order, with their ranks: an index range scan, names joined for those rows only. */
export async function topOf(db: Q, roundId: string, scope: Scope, limit: number): Promise<TopRow[]> {
  return (await keyedTopOf(db, roundId, scope, limit)).rows;
}

/** `topOf` with each row's keys (what the leaderboard's cache compares a new entry with). */
export async function keyedTopOf(db: Q, roundId: string, scope: Scope, limit: number): Promise<{ rows: TopRow[]; keys: RankKey[] }> {
  const r = await sql<KeyedRow>`
    SELECT t.member_id AS "memberId", m.name, coalesce(u.name, '') AS "unitName", t.correct, t.duration_ms AS "durationMs", t.prediction, t.k1, t.k2, t.k3, t.k4
      FROM (SELECT e.member_id, e.correct, e.duration_ms, e.prediction, e.k1, e.k2, e.k3, e.k4
              FROM contest_entries e WHERE e.round_id = ${roundId} ${scopeFilter(scope)}
             ORDER BY e.k1, e.k2, e.k3, e.k4, e.member_id LIMIT ${limit}) t
      JOIN members m ON m.id = t.member_id
      LEFT JOIN units u ON u.id = m.unit_id
     ORDER BY t.k1, t.k2, t.k3, t.k4, t.member_id`.execute(db);
  return { rows: rankedFromTop(r.rows), keys: r.rows.map(keyOf) };
}

/**
 * Every entry of the round ranked `lastRank` or better, in ranking order with their ranks: the first `lastRank` entries
 * and any tied with the last of them (the winners of prizes covering ranks 1…lastRank).
 */
export async function upToRank(db: Q, roundId: string, lastRank: number): Promise<TopRow[]> {
  if (lastRank < 1) return [];
  const cut = await sql<{ k1: string; k2: string; k3: string; k4: string }>`
    SELECT k1, k2, k3, k4 FROM contest_entries WHERE round_id = ${roundId} ORDER BY k1, k2, k3, k4, member_id OFFSET ${lastRank - 1} LIMIT 1`.execute(db);
  const c = cut.rows[0];
  if (!c) return topOf(db, roundId, { kind: "all" }, lastRank); // fewer entries than ranks: every one of them
  const r = await sql<KeyedRow>`
    SELECT e.member_id AS "memberId", m.name, coalesce(u.name, '') AS "unitName", e.correct, e.duration_ms AS "durationMs", e.prediction, e.k1, e.k2, e.k3, e.k4
      FROM contest_entries e
      JOIN members m ON m.id = e.member_id
      LEFT JOIN units u ON u.id = m.unit_id
     WHERE e.round_id = ${roundId} AND (e.k1, e.k2, e.k3, e.k4) <= (${c.k1}::int8, ${c.k2}::int8, ${c.k3}::int8, ${c.k4}::int8)
     ORDER BY e.k1, e.k2, e.k3, e.k4, e.member_id`.execute(db);
  return rankedFromTop(r.rows);
}

/**
 * Her row, her rank and the number of entries in the whole round: what the leaderboard reads beside the top this process
 * keeps (top-cache.ts). A named statement, so each connection plans it once: planning this statement took longer than
 * running it (~0.9 ms against ~0.4 ms on a round of 20,000; a primary-key lookup plans in ~0.06 ms).
 */
export async function standingRowInRound(db: Q, pool: pg.Pool, roundId: string, memberId: string): Promise<{ me: TopRow | null; total: number }> {
  const q = sql`
    WITH me AS (${meRow(roundId, memberId)})
    SELECT me.member_id AS "memberId", m.name, coalesce(u.name, '') AS "unitName", me.correct, me.duration_ms AS "durationMs", me.prediction,
           ${aheadInRound(roundId)} AS n, ${totalOf(roundId, { kind: "all" })} AS total
      FROM (SELECT 1) one LEFT JOIN me ON true LEFT JOIN members m ON m.id = me.member_id LEFT JOIN units u ON u.id = m.unit_id`.compile(db);
  const r = await pool.query<Omit<TopRow, "rank"> & { n: string | null; total: string }>({ name: "contests.standing-in-round", text: q.sql, values: [...q.parameters] });
  const x = r.rows[0];
  return { me: x?.memberId ? { rank: Number(x.n) + 1, memberId: x.memberId, name: x.name, unitName: x.unitName, correct: x.correct, durationMs: x.durationMs, prediction: x.prediction } : null, total: Number(x?.total ?? 0) };
}

export interface Board {
  top: TopRow[];
  /** Her row and rank, wherever she stands; null without an entry. */
  me: TopRow | null;
  total: number;
}

/**
 * What a leaderboard shows, in one statement (one round trip): the first `limit` entries, her own row with her rank,
 * and the number of entries in the scope. The same ranking as `topOf` and `rankOf`, which the property test checks.
 */
export async function boardOf(db: Q, roundId: string, memberId: string, scope: Scope, limit: number): Promise<Board> {
  const r = await sql<KeyedRow & { part: number; n: string | null }>`
    WITH me AS (${meRow(roundId, memberId)}),
         top AS (SELECT e.member_id, e.correct, e.duration_ms, e.prediction, e.k1, e.k2, e.k3, e.k4
                   FROM contest_entries e WHERE e.round_id = ${roundId} ${scopeFilter(scope)}
                  ORDER BY e.k1, e.k2, e.k3, e.k4, e.member_id LIMIT ${limit}),
         rows AS (SELECT 0 AS part, t.member_id, t.correct, t.duration_ms, t.prediction, NULL::int8 AS n, t.k1, t.k2, t.k3, t.k4 FROM top t
                  UNION ALL
                  SELECT 1, me.member_id, me.correct, me.duration_ms, me.prediction, ${aheadOf(roundId, scope)}, me.k1, me.k2, me.k3, me.k4 FROM me)
    SELECT x.part, x.member_id AS "memberId", m.name, coalesce(u.name, '') AS "unitName", x.correct, x.duration_ms AS "durationMs", x.prediction, x.n, x.k1, x.k2, x.k3, x.k4
      FROM rows x JOIN members m ON m.id = x.member_id LEFT JOIN units u ON u.id = m.unit_id
    UNION ALL
    SELECT 2, NULL, NULL, NULL, NULL, NULL, NULL, ${totalOf(roundId, scope)}, NULL, NULL, NULL, NULL
    ORDER BY 1, 9, 10, 11, 12, 2`.execute(db);
  const board: Board = { top: rankedFromTop(r.rows.filter((x) => x.part === 0)), me: null, total: 0 };
  for (const x of r.rows) {
    if (x.part === 1) board.me = row(x, Number(x.n) + 1);
    else if (x.part === 2) board.total = Number(x.n);
  }
  return board;
}

/**
 * The round is over: the real figure for the prediction is counted (people with every answer right, or submitted
 * attempts), open attempts expire, and every member's entry is rebuilt from her submitted attempts under the final keys —
 * with the prediction now known, a different attempt of hers may be the best one. Every entry's rank in the round is
 * then stored (`final_rank`: 1 + the entries with smaller keys, so tied entries share it), since nothing changes after
 * the close. Idempotent.
 */
export async function finalizeRound(tx: Transaction<DB>, roundId: string, now: Date): Promise<{ actual: number | null }> {
  const round = await tx
    .selectFrom("contest_rounds as r")
    .innerJoin("contests as c", "c.id", "r.contest_id")
    .select(["r.id", "r.prediction_kind", "r.question_count", "r.closed_at", "r.prediction_actual", "c.ranking"])
    .where("r.id", "=", roundId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (round.closed_at) return { actual: round.prediction_actual };
  await tx.updateTable("contest_attempts").set({ status: "expired" }).where("round_id", "=", roundId).where("status", "=", "open").execute();
  let actual: number | null = null;
  if (round.prediction_kind === "perfect_count") {
    const r = await tx.selectFrom("contest_entries").select((eb) => eb.fn.countAll<string>().as("n")).where("round_id", "=", roundId).where("correct", "=", round.question_count).executeTakeFirst();
    actual = Number(r?.n ?? 0);
  } else if (round.prediction_kind === "entries") {
    const r = await tx.selectFrom("contest_attempts").select((eb) => eb.fn.countAll<string>().as("n")).where("round_id", "=", roundId).where("status", "=", "submitted").executeTakeFirst();
    actual = Number(r?.n ?? 0);
  }
  await tx.updateTable("contest_rounds").set({ closed_at: now, prediction_actual: actual }).where("id", "=", roundId).execute();
  if (actual !== null) {
    // the same keys as rankKey() in shared/src/domain/contest-ranking.ts
    const diff = sql`CASE WHEN a.prediction IS NULL THEN ${NO_PREDICTION}::int8 ELSE abs(a.prediction - ${actual})::int8 END`;
    const [k2, k3] = round.ranking === "correct_time_prediction" ? [sql`a.duration_ms::int8`, diff] : [diff, sql`a.duration_ms::int8`];
    await sql`
      WITH keyed AS (
        SELECT a.member_id, a.id, a.correct, a.duration_ms, a.prediction, a.submitted_at,
               (-a.correct)::int8 AS k1, ${k2} AS k2, ${k3} AS k3, floor(extract(epoch FROM a.submitted_at) * 1000)::int8 AS k4
          FROM contest_attempts a WHERE a.round_id = ${roundId} AND a.status = 'submitted'),
      best AS (SELECT DISTINCT ON (member_id) * FROM keyed ORDER BY member_id, k1, k2, k3, k4),
      ranked AS (SELECT b.*, rank() OVER (ORDER BY b.k1, b.k2, b.k3, b.k4) AS final_rank FROM best b)
      UPDATE contest_entries e SET attempt_id = b.id, correct = b.correct, duration_ms = b.duration_ms, prediction = b.prediction,
             submitted_at = b.submitted_at, k1 = b.k1, k2 = b.k2, k3 = b.k3, k4 = b.k4, final_rank = b.final_rank
        FROM ranked b WHERE e.round_id = ${roundId} AND e.member_id = b.member_id`.execute(tx);
    await rebuildBuckets(tx, roundId);
  } else {
    // no prediction question: the keys stay as they were, and only the ranks are written
    await sql`
      UPDATE contest_entries e SET final_rank = r.rank
        FROM (SELECT member_id, rank() OVER (ORDER BY k1, k2, k3, k4) AS rank FROM contest_entries WHERE round_id = ${roundId}) r
       WHERE e.round_id = ${roundId} AND e.member_id = r.member_id`.execute(tx);
  }
  return { actual };
}

/** The buckets recounted from the entries (after the keys of a whole round changed at once). */
export async function rebuildBuckets(tx: Transaction<DB>, roundId: string): Promise<void> {
  await tx.deleteFrom("contest_rank_buckets").where("round_id", "=", roundId).execute();
  await sql`INSERT INTO contest_rank_buckets (round_id, level, k1, b, n)
            SELECT round_id, 1, k1, contest_fine_bucket(k2), count(*) FROM contest_entries WHERE round_id = ${roundId} GROUP BY 1, 3, 4`.execute(tx);
  await sql`INSERT INTO contest_rank_buckets (round_id, level, k1, b, n)
            SELECT round_id, 0, k1, contest_coarse_bucket(b), sum(n) FROM contest_rank_buckets WHERE round_id = ${roundId} AND level = 1 GROUP BY 1, 3, 4`.execute(tx);
}
