import crypto from "node:crypto";
import {
  CONTEST_LIMITS,
  ContestErrorCode,
  isRightAnswer,
  roundPhase,
  shuffled,
  type AttemptResult,
  type AttemptView,
  type QuestionView,
  type RankKey,
  type StartAttemptBody,
  type SubmitAttemptBody,
} from "@hoiso/shared";
import { sql, type Transaction } from "kysely";
import type { Db } from "../../db/pool.js";
import type { DB } from "../../db/types.js";
import { AppError, badRequest, conflict } from "../../http/errors.js";
import { attemptNotFound, playerOf, roundNotFound, visibleTo, type Player } from "./access.js";
import { recordEntry, standingOf } from "./ranking.js";

type Tx = Transaction<DB>;
const GRACE_MS = CONTEST_LIMITS.graceSeconds * 1000;
/** crypto-quality randomness: which questions and in which order must not be guessable from earlier attempts. */
const random = () => crypto.randomInt(0, 2 ** 47) / 2 ** 47;

const closed = () => conflict("Đợt thi này đã kết thúc, chị không thể làm bài nữa.", ContestErrorCode.CONTEST_ROUND_CLOSED);

/** The round she asks for, in a published contest she sees, locked against a concurrent close. */
async function roundFor(tx: Tx, player: Player, contestId: string, roundId: string) {
  const row = await tx
    .selectFrom("contest_rounds as r")
    .innerJoin("contests as c", "c.id", "r.contest_id")
    .select(["r.id", "r.contest_id", "r.opens_at", "r.closes_at", "r.closed_at", "r.question_count", "r.time_limit_seconds", "r.max_attempts", "r.prediction_kind", "r.prediction_prompt", "c.kind", "c.status", "c.ranking"])
    .where("r.id", "=", roundId)
    .where("c.id", "=", contestId)
    .where("c.kind", "=", "contest")
    .where(visibleTo(player.units))
    .forShare("r")
    .executeTakeFirst();
  if (!row) throw roundNotFound();
  return row;
}

/** Her attempt as the phone shows it: the questions in its drawn order, choices in its shuffled order, never the answers. */
async function viewOf(db: Db | Tx, a: { id: string; round_id: string; number: number; status: "open" | "submitted" | "expired"; question_ids: string[]; choice_orders: number[][]; started_at: Date; deadline: Date }, contestId: string, prediction: { kind: string | null; prompt: string | null }, now: Date): Promise<AttemptView> {
  const qs = await db.selectFrom("contest_questions").select(["id", "prompt", "choices", "answer", "image_media_id"]).where("id", "in", a.question_ids).execute();
  const byId = new Map(qs.map((q) => [q.id, q]));
  const questions: QuestionView[] = a.question_ids.map((id, i) => {
    const q = byId.get(id);
    if (!q) throw new Error(`question ${id} of attempt ${a.id} is gone`);
    const order = a.choice_orders[i] ?? q.choices.map((_, k) => k);
    return { id, prompt: q.prompt, multiple: q.answer.length > 1, imageMediaId: q.image_media_id, choices: order.map((k) => ({ index: k, text: q.choices[k] ?? "" })) };
  });
  return {
    id: a.id,
    contestId,
    roundId: a.round_id,
    number: a.number,
    status: a.status,
    startedAt: a.started_at.toISOString(),
    deadline: a.deadline.toISOString(),
    serverNow: now.toISOString(),
    graceSeconds: CONTEST_LIMITS.graceSeconds,
    questions,
    prediction: prediction.kind && prediction.prompt ? { kind: prediction.kind as "perfect_count" | "entries", prompt: prediction.prompt } : null,
  };
}

/**
 * Starts an attempt: N questions drawn at random from the round's bank, in random order, each with its choices shuffled;
 * the deadline is the server's start plus the time limit (never past the round's close). One open attempt at a time
 * (an open one past its deadline and grace expires here and counts as used), and no more than the round allows.
 */
export async function startAttempt(db: Db, memberId: string, contestId: string, body: StartAttemptBody, now = new Date()): Promise<AttemptView> {
  const player = await playerOf(db, memberId);
  return db.transaction().execute(async (tx) => {
    const round = await roundFor(tx, player, contestId, body.roundId);
    const phase = roundPhase({ opensAt: round.opens_at, closesAt: round.closes_at, closedAt: round.closed_at }, now);
    if (phase === "upcoming") throw conflict("Đợt thi này chưa mở, chị quay lại khi đến giờ nhé.", ContestErrorCode.CONTEST_ROUND_NOT_OPEN);
    if (phase === "closed" || round.status === "closed") throw closed();
    // her starts in this round, one at a time (two taps, two phones)
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`contest:${round.id}:${memberId}`}))`.execute(tx);
    const open = await tx.selectFrom("contest_attempts").select(["id", "deadline"]).where("round_id", "=", round.id).where("member_id", "=", memberId).where("status", "=", "open").executeTakeFirst();
    if (open) {
      if (now.getTime() <= open.deadline.getTime() + GRACE_MS) {
        throw new AppError(409, ContestErrorCode.CONTEST_ATTEMPT_OPEN, "Chị đang có một bài thi chưa nộp trong đợt này, chị hãy tiếp tục bài đó.", open.id);
      }
      await tx.updateTable("contest_attempts").set({ status: "expired" }).where("id", "=", open.id).execute();
    }
    const used = await tx.selectFrom("contest_attempts").select((eb) => eb.fn.countAll<string>().as("n")).where("round_id", "=", round.id).where("member_id", "=", memberId).executeTakeFirst();
    const number = Number(used?.n ?? 0) + 1;
    if (number > round.max_attempts) {
      throw conflict(`Chị đã dùng hết ${round.max_attempts} lượt thi của đợt này.`, ContestErrorCode.CONTEST_ATTEMPTS_USED);
    }
    const drawn = await sql<{ id: string; n: number }>`
      SELECT id, cardinality(choices) AS n FROM contest_questions WHERE round_id = ${round.id} ORDER BY random() LIMIT ${round.question_count}`.execute(tx);
    if (drawn.rows.length < round.question_count) throw conflict("Đợt thi chưa đủ câu hỏi, chị vui lòng quay lại sau.", ContestErrorCode.CONTEST_BANK_TOO_SMALL);
    const ids = shuffled(drawn.rows, random);
    const orders = ids.map((q) => shuffled([...Array(q.n).keys()], random));
    const deadline = new Date(Math.min(now.getTime() + round.time_limit_seconds * 1000, round.closes_at.getTime()));
    const a = await tx
      .insertInto("contest_attempts")
      .values({ round_id: round.id, member_id: memberId, number, question_ids: ids.map((q) => q.id), choice_orders: JSON.stringify(orders), started_at: now, deadline })
      .returning(["id", "round_id", "number", "status", "question_ids", "choice_orders", "started_at", "deadline"])
      .executeTakeFirstOrThrow();
    return viewOf(tx, a, contestId, { kind: round.prediction_kind, prompt: round.prediction_prompt }, now);
  });
}

/** A dropped connection comes back to the same attempt: same questions, same order, same deadline. Hers only. */
export async function attemptView(db: Db, memberId: string, attemptId: string, now = new Date()): Promise<AttemptView> {
  const a = await db
    .selectFrom("contest_attempts as a")
    .innerJoin("contest_rounds as r", "r.id", "a.round_id")
    .select(["a.id", "a.round_id", "a.number", "a.status", "a.question_ids", "a.choice_orders", "a.started_at", "a.deadline", "r.contest_id", "r.prediction_kind", "r.prediction_prompt"])
    .where("a.id", "=", attemptId)
    .where("a.member_id", "=", memberId)
    .executeTakeFirst();
  if (!a) throw attemptNotFound();
  return viewOf(db, a, a.contest_id, { kind: a.prediction_kind, prompt: a.prediction_prompt }, now);
}

/**
 * Scores her answers on the server. Refused, with nothing written: someone else's attempt, one already handed in, a
 * round the organisers closed, a submission later than the deadline plus the grace, an answer to a question that is not
 * in the attempt (or twice the same, or a choice it does not have). Time is the server's: from its start to now, never
 * more than the limit.
 */
export async function submitAttempt(
  db: Db,
  memberId: string,
  attemptId: string,
  body: SubmitAttemptBody,
  now = new Date(),
  /** Told after the commit when her entry changed (for the leaderboard cache of this process). */
  onEntry?: (roundId: string, key: RankKey) => void,
): Promise<AttemptResult> {
  const player = await playerOf(db, memberId);
  const scored = await db.transaction().execute(async (tx) => {
    const a = await tx
      .selectFrom("contest_attempts as a")
      .innerJoin("contest_rounds as r", "r.id", "a.round_id")
      .innerJoin("contests as c", "c.id", "r.contest_id")
      .select(["a.id", "a.round_id", "a.status", "a.question_ids", "a.started_at", "a.deadline", "r.closed_at", "r.prediction_kind", "r.prediction_actual", "c.ranking"])
      .where("a.id", "=", attemptId)
      .where("a.member_id", "=", memberId)
      .forUpdate("a")
      .executeTakeFirst();
    if (!a) throw attemptNotFound();
    // a round the organisers closed says so first: the close also expired her open attempt, and "handed in or out of
    // time" would not tell her why
    if (a.closed_at) throw closed();
    if (a.status !== "open") throw conflict("Bài thi này đã nộp hoặc đã hết giờ.", ContestErrorCode.CONTEST_ATTEMPT_DONE);
    if (now.getTime() > a.deadline.getTime() + GRACE_MS) {
      throw conflict("Bài thi đã quá thời gian làm bài nên không được tính, chị có thể làm lượt khác nếu còn lượt.", ContestErrorCode.CONTEST_ATTEMPT_LATE);
    }
    const inAttempt = new Set(a.question_ids);
    const qs = await tx.selectFrom("contest_questions").select(["id", "choices", "answer"]).where("id", "in", a.question_ids).execute();
    const byId = new Map(qs.map((q) => [q.id, q]));
    const answers: Record<string, number[]> = {};
    for (const [i, ans] of body.answers.entries()) {
      const id = ans.questionId.toLowerCase();
      const q = byId.get(id);
      const bad = (why: string) => badRequest(why, `answers.${i}`, ContestErrorCode.CONTEST_ANSWERS_INVALID);
      if (!inAttempt.has(id) || !q) throw bad("Câu trả lời cho câu hỏi không có trong bài thi này.");
      if (answers[id]) throw bad("Một câu hỏi được trả lời hai lần.");
      if (ans.choices.some((c) => c >= q.choices.length) || new Set(ans.choices).size !== ans.choices.length) throw bad("Phương án chọn không có trong câu hỏi.");
      answers[id] = ans.choices;
    }
    const correct = qs.filter((q) => answers[q.id] && isRightAnswer(q.answer, answers[q.id] ?? [])).length;
    const durationMs = Math.max(0, Math.min(now.getTime(), a.deadline.getTime()) - a.started_at.getTime());
    const prediction = a.prediction_kind ? (body.prediction ?? null) : null;
    await tx
      .updateTable("contest_attempts")
      .set({ status: "submitted", submitted_at: now, answers: JSON.stringify(answers), correct, duration_ms: durationMs, prediction })
      .where("id", "=", a.id)
      .execute();
    const { best, key } = await recordEntry(tx, a.ranking, a.prediction_actual, {
      roundId: a.round_id,
      memberId,
      attemptId: a.id,
      xaId: player.xaId,
      chiHoiId: player.chiHoiId,
      correct,
      durationMs,
      prediction,
      submittedAt: now,
    });
    return { id: a.id, roundId: a.round_id, correct, total: a.question_ids.length, durationMs, submittedAt: now.toISOString(), best, key };
  });
  if (scored.best) onEntry?.(scored.roundId, scored.key);
  // her rank is read after the commit: counting the entries ahead of her holds no lock others wait on
  const rank = (await standingOf(db, scored.roundId, memberId, { kind: "all" })) ?? { rank: 0, of: 0 };
  const { key: _key, ...result } = scored;
  return { ...result, rank };
}

