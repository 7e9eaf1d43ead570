import { readPhone, type PhoneKeyring } from "../../privacy/phones.js";
import {
  CONTEST_LIMITS,
  maskPhone,
  participationRate,
  roundPhase,
  type ContestDetail,
  type ContestList,
  type Leaderboard,
  type LeaderboardQuery,
  type MyRoundResult,
  type RoundView,
  type UnitRow,
  type WinnerList,
} from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import { contestNotFound, playerOf, roundNotFound, visibleTo, type Player } from "./access.js";
import type pg from "pg";
import { boardOf, keyedTopOf, standingOf, standingRowInRound, type Board, type Scope } from "./ranking.js";
import type { TopCache } from "./top-cache.js";

/** Published contests she sees (newest first) with their rounds and her own standing in each. */
async function contestsFor(db: Db, player: Player, now: Date, id?: string) {
  let q = db
    .selectFrom("contests as c")
    .innerJoin("units as u", "u.id", "c.unit_id")
    .select(["c.id", "c.kind", "c.title", "c.description", "c.rules", "c.ranking", "c.status", "c.prize_tiers", "u.name as unitName", "c.updated_at"])
    .where("c.kind", "=", "contest")
    .where(visibleTo(player.units))
    .orderBy("c.created_at", "desc")
    .limit(50);
  if (id) q = q.where("c.id", "=", id);
  const contests = await q.execute();
  if (contests.length === 0) return [];
  const rounds = await db
    .selectFrom("contest_rounds as r")
    .select(["r.id", "r.contest_id", "r.position", "r.title", "r.opens_at", "r.closes_at", "r.closed_at", "r.question_count", "r.time_limit_seconds", "r.max_attempts", "r.prediction_kind", "r.prediction_prompt"])
    .where("r.contest_id", "in", contests.map((c) => c.id))
    .orderBy("r.position")
    .execute();
  const mine = rounds.length === 0 ? [] : await db
    .selectFrom("contest_attempts as a")
    .select(["a.id", "a.round_id", "a.status", "a.correct", "a.duration_ms", "a.question_ids"])
    .where("a.member_id", "=", player.memberId)
    .where("a.round_id", "in", rounds.map((r) => r.id))
    .execute();
  const best = rounds.length === 0 ? [] : await db
    .selectFrom("contest_entries as e")
    .innerJoin("contest_attempts as a", "a.id", "e.attempt_id")
    .select(["e.round_id", "e.correct", "e.duration_ms", "a.question_ids"])
    .where("e.member_id", "=", player.memberId)
    .where("e.round_id", "in", rounds.map((r) => r.id))
    .execute();
  const view = (r: (typeof rounds)[number]): RoundView => {
    const b = best.find((x) => x.round_id === r.id);
    return {
      id: r.id,
      position: r.position,
      title: r.title,
      opensAt: r.opens_at.toISOString(),
      closesAt: r.closes_at.toISOString(),
      phase: roundPhase({ opensAt: r.opens_at, closesAt: r.closes_at, closedAt: r.closed_at }, now),
      questionCount: r.question_count,
      timeLimitSeconds: r.time_limit_seconds,
      maxAttempts: r.max_attempts,
      prediction: r.prediction_kind && r.prediction_prompt ? { kind: r.prediction_kind, prompt: r.prediction_prompt } : null,
      mine: {
        attemptsUsed: mine.filter((a) => a.round_id === r.id).length,
        openAttemptId: mine.find((a) => a.round_id === r.id && a.status === "open")?.id ?? null,
        best: b ? { correct: b.correct, total: b.question_ids.length, durationMs: b.duration_ms } : null,
      },
    };
  };
  return contests.map((c) => ({ ...c, rounds: rounds.filter((r) => r.contest_id === c.id).map(view) }));
}

export async function listContests(db: Db, memberId: string, now = new Date()): Promise<ContestList> {
  const player = await playerOf(db, memberId);
  const items = await contestsFor(db, player, now);
  return { items: items.map((c) => ({ id: c.id, kind: c.kind, title: c.title, description: c.description, unitName: c.unitName, ranking: c.ranking, status: c.status, rounds: c.rounds })) };
}

export async function contestDetail(db: Db, memberId: string, id: string, now = new Date()): Promise<ContestDetail> {
  const player = await playerOf(db, memberId);
  const [c] = await contestsFor(db, player, now, id);
  if (!c) throw contestNotFound();
  return { id: c.id, kind: c.kind, title: c.title, description: c.description, unitName: c.unitName, ranking: c.ranking, status: c.status, rounds: c.rounds, rules: c.rules, prizeTiers: c.prize_tiers };
}

/** A round of a contest she sees. */
async function visibleRound(db: Db, player: Player, contestId: string, roundId: string) {
  const r = await db
    .selectFrom("contest_rounds as r")
    .innerJoin("contests as c", "c.id", "r.contest_id")
    .select(["r.id", "r.opens_at", "r.closes_at", "r.closed_at", "r.prediction_actual", "r.question_count", "c.ranking", "c.kind", "c.unit_id", "c.audience"])
    .where("r.id", "=", roundId)
    .where("c.id", "=", contestId)
    .where(visibleTo(player.units))
    .executeTakeFirst();
  if (!r) throw roundNotFound();
  return r;
}

/** Her attempts in a round, her best, her ranks (overall, in her commune, in her chi hội); after the close, her review. */
export async function myRound(db: Db, memberId: string, contestId: string, roundId: string, now = new Date()): Promise<MyRoundResult> {
  const player = await playerOf(db, memberId);
  const r = await visibleRound(db, player, contestId, roundId);
  const phase = roundPhase({ opensAt: r.opens_at, closesAt: r.closes_at, closedAt: r.closed_at }, now);
  const attempts = await db
    .selectFrom("contest_attempts")
    .select(["id", "number", "status", "correct", "question_ids", "duration_ms", "submitted_at"])
    .where("round_id", "=", roundId)
    .where("member_id", "=", memberId)
    .orderBy("number")
    .execute();
  const entry = await db.selectFrom("contest_entries").selectAll().where("round_id", "=", roundId).where("member_id", "=", memberId).executeTakeFirst();
  const rankIn = async (scope: Scope | null) => (entry && scope ? standingOf(db, roundId, memberId, scope) : null);
  const ranks = {
    all: await rankIn({ kind: "all" }),
    xa: await rankIn(entry?.xa_id ? { kind: "xa", unitId: entry.xa_id } : null),
    chiHoi: await rankIn(entry?.chi_hoi_id ? { kind: "chi_hoi", unitId: entry.chi_hoi_id } : null),
  };
  let review: MyRoundResult["review"] = null;
  const bestAttempt = entry ? await db.selectFrom("contest_attempts").select(["question_ids", "answers"]).where("id", "=", entry.attempt_id).executeTakeFirst() : undefined;
  if (phase === "closed" && bestAttempt) {
    const qs = await db.selectFrom("contest_questions").select(["id", "prompt", "choices", "answer", "explanation"]).where("id", "in", bestAttempt.question_ids).execute();
    const byId = new Map(qs.map((q) => [q.id, q]));
    review = bestAttempt.question_ids.flatMap((id) => {
      const q = byId.get(id);
      if (!q) return [];
      const picked = bestAttempt.answers?.[id] ?? [];
      const right = picked.length === q.answer.length && q.answer.every((c) => picked.includes(c));
      return [{ questionId: id, prompt: q.prompt, choices: q.choices, answer: q.answer, picked, right, explanation: q.explanation }];
    });
  }
  return {
    roundId,
    phase,
    rule: r.ranking,
    attempts: attempts.map((a) => ({
      id: a.id,
      number: a.number,
      status: a.status,
      correct: a.correct,
      total: a.question_ids.length,
      durationMs: a.duration_ms,
      submittedAt: a.submitted_at?.toISOString() ?? null,
    })),
    best: entry ? { correct: entry.correct, total: bestAttempt?.question_ids.length ?? r.question_count, durationMs: entry.duration_ms, prediction: entry.prediction } : null,
    ranks,
    predictionActual: r.closed_at ? r.prediction_actual : null,
    review,
  };
}

/**
 * The collective board: each commune with entries, its participation (members who entered ÷ members on record) and its
 * submitted attempts, best participation first.
 */
async function unitBoard(db: Db, roundId: string, myXa: string | null): Promise<UnitRow[]> {
  const r = await sql<{ unitId: string; unitName: string; participants: string; members: string; entries: string }>`
    WITH p AS (SELECT xa_id, count(*) AS participants FROM contest_entries WHERE round_id = ${roundId} AND xa_id IS NOT NULL GROUP BY xa_id),
         a AS (SELECT e.xa_id, count(*) AS entries FROM contest_attempts t
                 JOIN contest_entries e ON e.round_id = t.round_id AND e.member_id = t.member_id
                WHERE t.round_id = ${roundId} AND t.status = 'submitted' GROUP BY e.xa_id),
         m AS (SELECT x.id AS xa_id, count(mm.id) AS members FROM p JOIN units x ON x.id = p.xa_id
                 JOIN units u ON u.path LIKE x.path || '%' JOIN members mm ON mm.unit_id = u.id GROUP BY x.id)
    SELECT p.xa_id AS "unitId", x.name AS "unitName", p.participants, coalesce(m.members, 0) AS members, coalesce(a.entries, 0) AS entries
      FROM p JOIN units x ON x.id = p.xa_id LEFT JOIN a ON a.xa_id = p.xa_id LEFT JOIN m ON m.xa_id = p.xa_id`.execute(db);
  const rows = r.rows.map((u) => {
    const participants = Number(u.participants);
    const members = Math.max(Number(u.members), participants);
    return { unitId: u.unitId, unitName: u.unitName, participants, members, rate: participationRate(participants, members), entries: Number(u.entries), mine: u.unitId === myXa };
  });
  rows.sort((x, y) => y.rate - x.rate || y.participants - x.participants || y.entries - x.entries || x.unitName.localeCompare(y.unitName, "vi"));
  return rows.map((u, i) => ({ rank: i + 1, ...u }));
}

/** Top 100 in the scope and her own row (wherever she stands), or the communes' participation. */
export async function leaderboard(db: Db, memberId: string, contestId: string, q: LeaderboardQuery, served: { cache: TopCache; pool: pg.Pool } | null = null): Promise<Leaderboard> {
  const player = await playerOf(db, memberId);
  const r = await visibleRound(db, player, contestId, q.roundId);
  const scopeName = q.scope ?? "all";
  const base = { roundId: q.roundId, scope: scopeName, rule: r.ranking };
  if (scopeName === "units") return { ...base, total: 0, top: [], me: null, units: await unitBoard(db, q.roundId, player.xaId) };
  const unitId = q.unitId?.toLowerCase() ?? (scopeName === "xa" ? player.xaId : scopeName === "chi_hoi" ? player.chiHoiId : null);
  const scope: Scope = scopeName === "all" ? { kind: "all" } : unitId ? { kind: scopeName, unitId } : { kind: "all" };
  if (scopeName !== "all" && !unitId) return { ...base, total: 0, top: [], me: null, units: [] };
  // the whole round's top is the same for every member: kept by this process (top-cache.ts), her row read each time
  const board: Board =
    scope.kind === "all" && served
      ? await Promise.all([
          standingRowInRound(db, served.pool, q.roundId, memberId),
          served.cache.top(q.roundId, () => keyedTopOf(db, q.roundId, scope, CONTEST_LIMITS.leaderboardTop)),
        ]).then(([mine, top]) => ({ ...mine, top: top.rows }))
      : await boardOf(db, q.roundId, memberId, scope, CONTEST_LIMITS.leaderboardTop);
  const rows = board.top.map((t) => ({ rank: t.rank, name: t.name, unitName: t.unitName, correct: t.correct, durationMs: t.durationMs, prediction: t.prediction, me: t.memberId === memberId }));
  const mine = board.me;
  const me = rows.find((x) => x.me) ?? (mine ? { rank: mine.rank, name: mine.name, unitName: mine.unitName, correct: mine.correct, durationMs: mine.durationMs, prediction: mine.prediction, me: true } : null);
  return { ...base, total: board.total, top: rows, me, units: [] };
}

/** The winners of a round, names and units, phone numbers masked. */
export async function winners(db: Db, ring: PhoneKeyring, memberId: string, contestId: string, roundId: string): Promise<WinnerList> {
  const player = await playerOf(db, memberId);
  const r = await db
    .selectFrom("contest_rounds as r")
    .innerJoin("contests as c", "c.id", "r.contest_id")
    .select(["r.id", "r.winners_picked_at"])
    .where("r.id", "=", roundId)
    .where("c.id", "=", contestId)
    .where(visibleTo(player.units))
    .executeTakeFirst();
  if (!r) throw roundNotFound();
  const rows = await db
    .selectFrom("contest_winners as w")
    .innerJoin("members as m", "m.id", "w.member_id")
    .leftJoin("units as u", "u.id", "m.unit_id")
    .innerJoin("contest_entries as e", (j) => j.onRef("e.round_id", "=", "w.round_id").onRef("e.member_id", "=", "w.member_id"))
    .select(["w.member_id", "w.tier", "w.label", "w.rank", "w.confirmed_at", "m.name", "m.phone", "m.phone_enc", "u.name as unitName", "e.correct", "e.duration_ms"])
    .where("w.round_id", "=", roundId)
    .orderBy("w.rank")
    .orderBy("w.member_id")
    .execute();
  return {
    roundId,
    picked: r.winners_picked_at !== null,
    items: rows.map((w) => ({
      tier: w.tier,
      label: w.label,
      rank: w.rank,
      name: w.name,
      unitName: w.unitName ?? "",
      phoneMasked: maskPhone(readPhone(ring, w.phone_enc, w.phone)),
      correct: w.correct,
      durationMs: w.duration_ms,
      confirmed: w.confirmed_at !== null,
      me: w.member_id === memberId,
    })),
  };
}
