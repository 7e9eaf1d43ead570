import { ContentErrorCode, isStudied, type CheckResult, type ProgressBody, type ProgressResult } from "@hoiso/shared";
import type { Db } from "../../db/pool.js";
import { badRequest } from "../../http/errors.js";
import { visibleTo, type Reader } from "./access.js";
import { articleNotFound, progressOf } from "./articles.js";

const answersInvalid = () =>
  badRequest("Chị vui lòng trả lời đủ các câu hỏi của bài này, mỗi câu một lần.", "answers", ContentErrorCode.CONTENT_ANSWERS_INVALID);

/** Grades one attempt: every question answered once, nothing else. Which answers were wrong is told, not the right ones. */
function grade(questions: ReadonlyArray<{ id: string; answer: number }>, answers: NonNullable<ProgressBody["answers"]>): CheckResult {
  const given = new Map<string, number>();
  for (const a of answers) {
    const id = a.questionId.toLowerCase();
    if (given.has(id)) throw answersInvalid();
    given.set(id, a.choice);
  }
  if (given.size !== questions.length || questions.some((q) => !given.has(q.id))) throw answersInvalid();
  const results = questions.map((q) => ({ questionId: q.id, correct: given.get(q.id) === q.answer }));
  return { passed: results.every((r) => r.correct), results };
}

/**
 * Records how far she got: the first time she opened it and read it to the end, the furthest she listened, her check
 * attempts; "đã học" is set once, the first time the rule holds (shared isStudied), and never taken back. One
 * transaction with her row locked, so two reports at once cannot both miss the moment.
 */
export async function recordProgress(db: Db, reader: Reader, articleId: string, body: ProgressBody, now = new Date()): Promise<ProgressResult> {
  return db.transaction().execute(async (tx) => {
    const article = await tx.selectFrom("articles as a").select("a.id").where("a.id", "=", articleId).where(visibleTo("a", reader, now)).executeTakeFirst();
    if (!article) throw articleNotFound();
    const questions = await tx.selectFrom("article_questions").select(["id", "answer"]).where("article_id", "=", articleId).orderBy("position").execute();
    const check = body.answers ? grade(questions, body.answers) : null;

    await tx.insertInto("article_reads").values({ article_id: articleId, member_id: reader.memberId, updated_at: now }).onConflict((oc) => oc.doNothing()).execute();
    const cur = await tx
      .selectFrom("article_reads")
      .selectAll()
      .where("article_id", "=", articleId)
      .where("member_id", "=", reader.memberId)
      .forUpdate()
      .executeTakeFirstOrThrow();

    const listened = Math.max(cur.listened_fraction, body.listenedFraction ?? 0);
    const readToEndAt = cur.read_to_end_at ?? (body.readToEnd ? now : null);
    const passedCheckAt = cur.passed_check_at ?? (check?.passed ? now : null);
    const studied = isStudied({ readToEnd: readToEndAt !== null, listenedFraction: listened, passedCheck: passedCheckAt !== null, hasQuestions: questions.length > 0 });
    const next = {
      // any report means she has it open
      opened_at: cur.opened_at ?? now,
      read_to_end_at: readToEndAt,
      listened_fraction: listened,
      passed_check_at: passedCheckAt,
      check_attempts: cur.check_attempts + (check ? 1 : 0),
      studied_at: cur.studied_at ?? (studied ? now : null),
      updated_at: now,
    };
    await tx.updateTable("article_reads").set(next).where("article_id", "=", articleId).where("member_id", "=", reader.memberId).execute();
    return { progress: progressOf(next), check };
  });
}
