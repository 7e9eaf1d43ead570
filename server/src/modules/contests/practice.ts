import crypto from "node:crypto";
import { isRightAnswer, shuffled, ContestErrorCode, type QuizCheckBody, type QuizCheckResult, type QuizList, type QuizSession } from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import { badRequest, notFound } from "../../http/errors.js";
import { playerOf, visibleTo } from "./access.js";

/**
 * Ôn tập: practice quizzes, unlimited. Each session draws the first round's `question_count` questions at random with
 * shuffled choices; she checks one answer at a time and gets the right answer with its explanation at once. Nothing is
 * scored or stored: practice is for learning.
 */
const quizNotFound = () => notFound("Không tìm thấy bộ câu hỏi ôn tập này.");
const random = () => crypto.randomInt(0, 2 ** 47) / 2 ** 47;

export async function listQuizzes(db: Db, memberId: string): Promise<QuizList> {
  const player = await playerOf(db, memberId);
  const r = await sql<{ id: string; title: string; description: string; unitName: string; questionCount: number; bankSize: string }>`
    SELECT c.id, c.title, c.description, u.name AS "unitName", r.question_count AS "questionCount",
           (SELECT count(*) FROM contest_questions q WHERE q.round_id = r.id) AS "bankSize"
      FROM contests c JOIN units u ON u.id = c.unit_id
      JOIN contest_rounds r ON r.contest_id = c.id AND r.position = 1
     WHERE c.kind = 'practice' AND c.status = 'published' AND ${visibleTo(player.units)}
     ORDER BY c.created_at DESC LIMIT 50`.execute(db);
  return { items: r.rows.map((q) => ({ ...q, bankSize: Number(q.bankSize) })) };
}

async function practiceRound(db: Db, memberId: string, id: string) {
  const player = await playerOf(db, memberId);
  const r = await db
    .selectFrom("contests as c")
    .innerJoin("contest_rounds as r", (j) => j.onRef("r.contest_id", "=", "c.id").on("r.position", "=", 1))
    .select(["c.id", "c.title", "r.id as roundId", "r.question_count"])
    .where("c.id", "=", id)
    .where("c.kind", "=", "practice")
    .where("c.status", "=", "published")
    .where(visibleTo(player.units))
    .executeTakeFirst();
  if (!r) throw quizNotFound();
  return r;
}

export async function practiceSession(db: Db, memberId: string, id: string): Promise<QuizSession> {
  const r = await practiceRound(db, memberId, id);
  const qs = await sql<{ id: string; prompt: string; choices: string[]; answer: number[]; image_media_id: string | null }>`
    SELECT id, prompt, choices, answer, image_media_id FROM contest_questions WHERE round_id = ${r.roundId} ORDER BY random() LIMIT ${r.question_count}`.execute(db);
  return {
    id: r.id,
    title: r.title,
    questions: qs.rows.map((q) => ({
      id: q.id,
      prompt: q.prompt,
      multiple: q.answer.length > 1,
      imageMediaId: q.image_media_id,
      choices: shuffled([...q.choices.keys()], random).map((k) => ({ index: k, text: q.choices[k] ?? "" })),
    })),
  };
}

export async function checkPractice(db: Db, memberId: string, id: string, body: QuizCheckBody): Promise<QuizCheckResult> {
  const r = await practiceRound(db, memberId, id);
  const q = await db.selectFrom("contest_questions").select(["choices", "answer", "explanation"]).where("id", "=", body.questionId.toLowerCase()).where("round_id", "=", r.roundId).executeTakeFirst();
  if (!q || body.choices.some((c) => c >= q.choices.length)) {
    throw badRequest("Câu hỏi hoặc phương án không có trong bộ ôn tập này.", "questionId", ContestErrorCode.CONTEST_ANSWERS_INVALID);
  }
  return { right: isRightAnswer(q.answer, body.choices), answer: q.answer, explanation: q.explanation };
}
