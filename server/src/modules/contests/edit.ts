import { ContestErrorCode, type AdminContest, type AdminQuestion, type ContestEditBody, type QuestionWrite, type RoundEditBody } from "@hoiso/shared";
import type { Transaction } from "kysely";
import { audit } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import type { DB } from "../../db/types.js";
import { AppError, conflict, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { settingsInvalid } from "./access.js";
import { adminContest, lockContest, lockRound } from "./admin.js";

type Tx = Transaction<DB>;

const finished = () => conflict("Cuộc thi đã kết thúc, không sửa được nữa.", ContestErrorCode.CONTEST_NOT_EDITABLE);
const roundFinished = () => conflict("Đợt thi đã kết thúc, không sửa được nữa.", ContestErrorCode.CONTEST_NOT_EDITABLE);
const hasAttempts = (what: string) =>
  conflict(`Đợt thi đã có người làm bài nên không thể ${what} nữa (để công bằng cho mọi người dự thi).`, ContestErrorCode.CONTEST_ROUND_HAS_ATTEMPTS);

/** Whether anyone has started an attempt in the round (the round row is locked by the caller, so none starts meanwhile). */
async function attemptsIn(tx: Tx, roundId: string): Promise<number> {
  const r = await tx.selectFrom("contest_attempts").select((eb) => eb.fn.countAll<string>().as("n")).where("round_id", "=", roundId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The bank stays as it is once anyone has drawn from it (imports and hand edits alike): everyone draws from the same. */
export async function assertBankOpen(tx: Tx, roundId: string): Promise<void> {
  if ((await attemptsIn(tx, roundId)) > 0) throw hasAttempts("sửa câu hỏi");
}

/** Title, description, rules text and prizes of a contest not yet over. */
export async function editContest(db: Db, auth: AuthContext, id: string, body: ContestEditBody, now = new Date()): Promise<AdminContest> {
  await db.transaction().execute(async (tx) => {
    const c = await lockContest(tx, auth, id);
    if (c.status === "closed") throw finished();
    if (body.prizeTiers && c.kind !== "contest") throw settingsInvalid("Bộ câu hỏi ôn tập không có giải thưởng.", "prizeTiers");
    const set = {
      ...(body.title !== undefined && { title: body.title.trim() }),
      ...(body.description !== undefined && { description: body.description }),
      ...(body.rules !== undefined && { rules: body.rules }),
      ...(body.prizeTiers !== undefined && { prize_tiers: JSON.stringify(body.prizeTiers) }),
    };
    await tx.updateTable("contests").set({ ...set, updated_at: now }).where("id", "=", id).execute();
    await audit(tx, { actorId: auth.memberId, action: "contest.update", entityType: "contest", entityId: id, detail: { fields: Object.keys(body), ...(body.title !== undefined && { title: body.title.trim() }), ...(body.prizeTiers && { prizeTiers: body.prizeTiers }) } });
  });
  return adminContest(db, auth, id, now);
}

/**
 * A round's title, times and attempts allowed, while it is not closed. What decides how an attempt is drawn and timed
 * (questions per attempt, time limit, prediction question) and when it opened stay as they were once anyone started.
 */
export async function editRound(db: Db, auth: AuthContext, id: string, roundId: string, body: RoundEditBody, now = new Date()): Promise<AdminContest> {
  await db.transaction().execute(async (tx) => {
    const { c, r } = await lockRound(tx, auth, id, roundId);
    if (c.status === "closed") throw finished();
    if (r.closed_at) throw roundFinished();
    const opensAt = body.opensAt !== undefined ? new Date(body.opensAt) : r.opens_at;
    const closesAt = body.closesAt !== undefined ? new Date(body.closesAt) : r.closes_at;
    if (!(closesAt.getTime() > opensAt.getTime())) throw settingsInvalid("Thời gian kết thúc đợt thi phải sau thời gian bắt đầu.", "closesAt");
    if (c.kind === "practice" && body.prediction) throw settingsInvalid("Bộ câu hỏi ôn tập không có câu hỏi dự đoán.", "prediction");
    const drawChanged =
      (body.questionCount !== undefined && body.questionCount !== r.question_count) ||
      (body.timeLimitSeconds !== undefined && body.timeLimitSeconds !== r.time_limit_seconds) ||
      (body.prediction !== undefined && (body.prediction?.kind ?? null) !== r.prediction_kind) ||
      opensAt.getTime() !== r.opens_at.getTime();
    if (drawChanged && (await attemptsIn(tx, roundId)) > 0) throw hasAttempts("đổi số câu hỏi, thời gian làm bài, câu hỏi dự đoán hay giờ mở đợt");
    await tx
      .updateTable("contest_rounds")
      .set({
        ...(body.title !== undefined && { title: body.title.trim() }),
        opens_at: opensAt,
        closes_at: closesAt,
        ...(body.maxAttempts !== undefined && { max_attempts: c.kind === "practice" ? 1 : body.maxAttempts }),
        ...(body.questionCount !== undefined && { question_count: body.questionCount }),
        ...(body.timeLimitSeconds !== undefined && { time_limit_seconds: body.timeLimitSeconds }),
        ...(body.prediction !== undefined && { prediction_kind: body.prediction?.kind ?? null, prediction_prompt: body.prediction?.prompt ?? null }),
      })
      .where("id", "=", roundId)
      .execute();
    await tx.updateTable("contests").set({ updated_at: now }).where("id", "=", id).execute();
    await audit(tx, { actorId: auth.memberId, action: "contest.round.update", entityType: "contest", entityId: id, detail: { roundId, ...body } });
  });
  return adminContest(db, auth, id, now);
}

/** A picture for a question: an image she uploaded herself, or the one the question already shows. */
async function checkImage(tx: Tx, auth: AuthContext, mediaId: string | null, current: string | null): Promise<string | null> {
  if (mediaId === null) return null;
  const id = mediaId.toLowerCase();
  if (id === current) return id;
  const m = await tx.selectFrom("media").select(["kind", "owner_id"]).where("id", "=", id).executeTakeFirst();
  if (!m || m.kind !== "image" || m.owner_id !== auth.memberId) {
    throw new AppError(400, ContestErrorCode.CONTEST_IMAGE_INVALID, "Ảnh minh hoạ phải là ảnh chị vừa tải lên (JPEG, PNG hoặc WebP).", "imageMediaId");
  }
  return id;
}

function checkQuestion(body: QuestionWrite): void {
  if (body.answer.some((a) => a >= body.choices.length) || new Set(body.answer).size !== body.answer.length) {
    throw settingsInvalid("Đáp án phải là một (hoặc vài) phương án khác nhau của câu hỏi.", "answer");
  }
}

const questionColumns = ["id", "position", "prompt", "choices", "answer", "explanation", "image_media_id"] as const;
const view = (q: { id: string; position: number; prompt: string; choices: string[]; answer: number[]; explanation: string; image_media_id: string | null }): AdminQuestion => ({
  id: q.id,
  position: q.position,
  prompt: q.prompt,
  choices: q.choices,
  answer: q.answer,
  explanation: q.explanation,
  imageMediaId: q.image_media_id,
});

/** A round's bank is changed by hand only while nobody has started an attempt in it (answers already given stay scorable). */
async function lockBank(tx: Tx, auth: AuthContext, id: string, roundId: string) {
  const { c } = await lockRound(tx, auth, id, roundId);
  if (c.status === "closed") throw finished();
  await assertBankOpen(tx, roundId);
}

/** A new question at the end of the bank (with its picture, if any). */
export async function addQuestion(db: Db, auth: AuthContext, id: string, roundId: string, body: QuestionWrite): Promise<AdminQuestion> {
  checkQuestion(body);
  return db.transaction().execute(async (tx) => {
    await lockBank(tx, auth, id, roundId);
    const image = await checkImage(tx, auth, body.imageMediaId ?? null, null);
    const max = await tx.selectFrom("contest_questions").select((eb) => eb.fn.max("position").as("p")).where("round_id", "=", roundId).executeTakeFirst();
    const q = await tx
      .insertInto("contest_questions")
      .values({ round_id: roundId, position: Number(max?.p ?? 0) + 1, prompt: body.prompt.trim(), choices: body.choices.map((x) => x.trim()), answer: [...body.answer].sort((a, b) => a - b), explanation: body.explanation ?? "", image_media_id: image })
      .returning(questionColumns)
      .executeTakeFirstOrThrow();
    await audit(tx, { actorId: auth.memberId, action: "contest.question.create", entityType: "contest", entityId: id, detail: { roundId, questionId: q.id, image: image !== null } });
    return view(q);
  });
}

/** A question changed in place (prompt, choices, answer, explanation, picture). */
export async function updateQuestion(db: Db, auth: AuthContext, id: string, roundId: string, questionId: string, body: QuestionWrite): Promise<AdminQuestion> {
  checkQuestion(body);
  return db.transaction().execute(async (tx) => {
    await lockBank(tx, auth, id, roundId);
    const old = await tx.selectFrom("contest_questions").select(["image_media_id"]).where("id", "=", questionId).where("round_id", "=", roundId).forUpdate().executeTakeFirst();
    if (!old) throw notFound("Không tìm thấy câu hỏi này.");
    const image = body.imageMediaId === undefined ? old.image_media_id : await checkImage(tx, auth, body.imageMediaId, old.image_media_id);
    const q = await tx
      .updateTable("contest_questions")
      .set({ prompt: body.prompt.trim(), choices: body.choices.map((x) => x.trim()), answer: [...body.answer].sort((a, b) => a - b), explanation: body.explanation ?? "", image_media_id: image })
      .where("id", "=", questionId)
      .returning(questionColumns)
      .executeTakeFirstOrThrow();
    await audit(tx, { actorId: auth.memberId, action: "contest.question.update", entityType: "contest", entityId: id, detail: { roundId, questionId, image: image !== null } });
    return view(q);
  });
}

export async function deleteQuestion(db: Db, auth: AuthContext, id: string, roundId: string, questionId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await lockBank(tx, auth, id, roundId);
    const r = await tx.deleteFrom("contest_questions").where("id", "=", questionId).where("round_id", "=", roundId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound("Không tìm thấy câu hỏi này.");
    await audit(tx, { actorId: auth.memberId, action: "contest.question.delete", entityType: "contest", entityId: id, detail: { roundId, questionId } });
  });
}
