import { ContestErrorCode, roundPhase, type AdminContest, type AdminContestList, type AdminQuestionList, type ContestWriteBody } from "@hoiso/shared";
import { sql, type Transaction } from "kysely";
import { audit } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import type { DB } from "../../db/types.js";
import { AppError, conflict, forbidden } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { hasRoleOver, unitPath } from "../../policy/policy.js";
import { contestNotFound, inStaffScope, roundNotFound, settingsInvalid } from "./access.js";
import { finalizeRound } from "./ranking.js";

type Tx = Transaction<DB>;

/** The settings, checked beyond their schema: times in order, rounds of a contest in sequence, practice simple. */
function checkSettings(body: ContestWriteBody) {
  body.rounds.forEach((r, i) => {
    const opens = new Date(r.opensAt).getTime();
    const closes = new Date(r.closesAt).getTime();
    if (!(closes > opens)) throw settingsInvalid("Thời gian kết thúc đợt thi phải sau thời gian bắt đầu.", `rounds.${i}.closesAt`);
  });
  if (body.kind === "practice" && body.rounds.length !== 1) throw settingsInvalid("Bộ câu hỏi ôn tập chỉ có một ngân hàng câu hỏi.", "rounds");
}

/** She runs contests for a unit of her subtree only. */
async function assertOrganiser(tx: Tx, auth: AuthContext, unitId: string): Promise<void> {
  const path = await unitPath(tx, unitId);
  if (!hasRoleOver(auth, path)) throw forbidden("Chị chỉ tổ chức được cuộc thi cho đơn vị trong phạm vi phụ trách của chị.");
}

export async function createContest(db: Db, auth: AuthContext, body: ContestWriteBody): Promise<AdminContest> {
  checkSettings(body);
  const id = await db.transaction().execute(async (tx) => {
    const unitId = body.unitId.toLowerCase();
    await assertOrganiser(tx, auth, unitId);
    const c = await tx
      .insertInto("contests")
      .values({
        kind: body.kind,
        unit_id: unitId,
        audience: [unitId],
        title: body.title.trim(),
        description: body.description ?? "",
        rules: body.rules ?? "",
        ranking: body.ranking ?? "correct_time_prediction",
        prize_tiers: JSON.stringify(body.kind === "contest" ? (body.prizeTiers ?? []) : []),
        author_id: auth.memberId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("contest_rounds")
      .values(
        body.rounds.map((r, i) => ({
          contest_id: c.id,
          position: i + 1,
          title: r.title.trim(),
          opens_at: r.opensAt,
          closes_at: r.closesAt,
          question_count: r.questionCount,
          time_limit_seconds: r.timeLimitSeconds,
          max_attempts: body.kind === "practice" ? 1 : r.maxAttempts,
          prediction_kind: body.kind === "contest" ? (r.prediction?.kind ?? null) : null,
          prediction_prompt: body.kind === "contest" ? (r.prediction?.prompt ?? null) : null,
        })),
      )
      .execute();
    await audit(tx, { actorId: auth.memberId, action: "contest.create", entityType: "contest", entityId: c.id, detail: { kind: body.kind, unitId, title: body.title, ranking: body.ranking ?? "correct_time_prediction", rounds: body.rounds.length } });
    return c.id;
  });
  return adminContest(db, auth, id);
}

/** A contest of her subtree, locked for a change. */
export async function lockContest(tx: Tx, auth: AuthContext, id: string) {
  const c = await tx.selectFrom("contests as c").select(["c.id", "c.status", "c.kind", "c.prize_tiers", "c.ranking", "c.title"]).where("c.id", "=", id).where(inStaffScope(auth)).forUpdate().executeTakeFirst();
  if (!c) throw contestNotFound();
  return c;
}

export async function lockRound(tx: Tx, auth: AuthContext, id: string, roundId: string) {
  const c = await lockContest(tx, auth, id);
  const r = await tx.selectFrom("contest_rounds").selectAll().where("id", "=", roundId).where("contest_id", "=", id).forUpdate().executeTakeFirst();
  if (!r) throw roundNotFound();
  return { c, r };
}

export async function listAdminContests(db: Db, auth: AuthContext): Promise<AdminContestList> {
  const rows = await db
    .selectFrom("contests as c")
    .innerJoin("units as u", "u.id", "c.unit_id")
    .select(["c.id", "c.kind", "c.unit_id", "u.name as unitName", "c.title", "c.ranking", "c.status", "c.updated_at"])
    .where(inStaffScope(auth))
    .orderBy("c.updated_at", "desc")
    .limit(200)
    .execute();
  return { items: rows.map((c) => ({ id: c.id, kind: c.kind, unitId: c.unit_id, unitName: c.unitName, title: c.title, ranking: c.ranking, status: c.status, updatedAt: c.updated_at.toISOString() })) };
}

export async function adminContest(db: Db, auth: AuthContext, id: string, now = new Date()): Promise<AdminContest> {
  const c = await db
    .selectFrom("contests as c")
    .innerJoin("units as u", "u.id", "c.unit_id")
    .selectAll("c")
    .select(["u.name as unitName"])
    .where("c.id", "=", id)
    .where(inStaffScope(auth))
    .executeTakeFirst();
  if (!c) throw contestNotFound();
  const rounds = await db
    .selectFrom("contest_rounds as r")
    .selectAll("r")
    .select((eb) => [
      eb.selectFrom("contest_questions as q").select(eb.fn.countAll<string>().as("n")).whereRef("q.round_id", "=", "r.id").as("bankSize"),
      eb.selectFrom("contest_entry_counts as k").select(sql<string>`sum(k.n)`.as("n")).whereRef("k.round_id", "=", "r.id").as("entries"),
    ])
    .where("r.contest_id", "=", id)
    .orderBy("r.position")
    .execute();
  return {
    id: c.id,
    kind: c.kind,
    unitId: c.unit_id,
    unitName: c.unitName,
    title: c.title,
    description: c.description,
    rules: c.rules,
    ranking: c.ranking,
    prizeTiers: c.prize_tiers,
    status: c.status,
    updatedAt: c.updated_at.toISOString(),
    rounds: rounds.map((r) => ({
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
      bankSize: Number(r.bankSize ?? 0),
      entries: Number(r.entries ?? 0),
      closedAt: r.closed_at?.toISOString() ?? null,
      predictionActual: r.prediction_actual,
      winnersPickedAt: r.winners_picked_at?.toISOString() ?? null,
    })),
  };
}

/** Published: members see it. Every round's bank must hold at least the questions an attempt draws. */
export async function publishContest(db: Db, auth: AuthContext, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const c = await lockContest(tx, auth, id);
    if (c.status !== "draft") throw conflict("Cuộc thi này đã được công bố.", ContestErrorCode.CONTEST_NOT_EDITABLE);
    const rounds = await tx
      .selectFrom("contest_rounds as r")
      .select((eb) => ["r.position", "r.question_count", eb.selectFrom("contest_questions as q").select(eb.fn.countAll<string>().as("n")).whereRef("q.round_id", "=", "r.id").as("bank")])
      .where("r.contest_id", "=", id)
      .execute();
    const short = rounds.find((r) => Number(r.bank ?? 0) < r.question_count);
    if (short) {
      throw new AppError(409, ContestErrorCode.CONTEST_BANK_TOO_SMALL, `Đợt ${short.position} mới có ${Number(short.bank ?? 0)} câu hỏi, cần ít nhất ${short.question_count} câu cho mỗi lượt thi.`);
    }
    await tx.updateTable("contests").set({ status: "published", updated_at: new Date() }).where("id", "=", id).execute();
    await audit(tx, { actorId: auth.memberId, action: "contest.publish", entityType: "contest", entityId: id, detail: {} });
  });
}

/** The whole contest ends: every round is closed and finalised. */
export async function closeContest(db: Db, auth: AuthContext, id: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const c = await lockContest(tx, auth, id);
    if (c.status === "draft") throw conflict("Cuộc thi chưa công bố nên chưa thể kết thúc.", ContestErrorCode.CONTEST_NOT_EDITABLE);
    const rounds = await tx.selectFrom("contest_rounds").select("id").where("contest_id", "=", id).orderBy("position").execute();
    for (const r of rounds) await finalizeRound(tx, r.id, now);
    await tx.updateTable("contests").set({ status: "closed", updated_at: now }).where("id", "=", id).execute();
    await audit(tx, { actorId: auth.memberId, action: "contest.close", entityType: "contest", entityId: id, detail: {} });
  });
}

/** One round ends now (early, or after its time to count the prediction figure and fix the final order). */
export async function closeRound(db: Db, auth: AuthContext, id: string, roundId: string, now = new Date()): Promise<{ actual: number | null }> {
  return db.transaction().execute(async (tx) => {
    const { c } = await lockRound(tx, auth, id, roundId);
    if (c.status === "draft") throw conflict("Cuộc thi chưa công bố nên chưa thể kết thúc đợt.", ContestErrorCode.CONTEST_NOT_EDITABLE);
    const r = await finalizeRound(tx, roundId, now);
    await audit(tx, { actorId: auth.memberId, action: "contest.round.close", entityType: "contest", entityId: id, detail: { roundId, predictionActual: r.actual } });
    return r;
  });
}

/** The bank as imported, with answers: for the cán bộ's preview. */
export async function roundQuestions(db: Db, auth: AuthContext, id: string, roundId: string): Promise<AdminQuestionList> {
  const c = await db.selectFrom("contests as c").select("c.id").where("c.id", "=", id).where(inStaffScope(auth)).executeTakeFirst();
  if (!c) throw contestNotFound();
  const rows = await db
    .selectFrom("contest_questions as q")
    .innerJoin("contest_rounds as r", "r.id", "q.round_id")
    .select(["q.id", "q.position", "q.prompt", "q.choices", "q.answer", "q.explanation", "q.image_media_id"])
    .where("r.id", "=", roundId)
    .where("r.contest_id", "=", id)
    .orderBy("q.position")
    .execute();
  const attempts = await db.selectFrom("contest_attempts").select((eb) => eb.fn.countAll<string>().as("n")).where("round_id", "=", roundId).executeTakeFirst();
  return { items: rows.map(({ image_media_id, ...q }) => ({ ...q, imageMediaId: image_media_id })), attempts: Number(attempts?.n ?? 0) };
}

/** Rounds whose time is over and nobody closed: finalised by the worker so the prediction figure and order settle. */
export async function finalizeDueRounds(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .selectFrom("contest_rounds as r")
    .innerJoin("contests as c", "c.id", "r.contest_id")
    .select("r.id")
    .where("r.closed_at", "is", null)
    .where("c.status", "<>", "draft")
    .where("r.closes_at", "<", new Date(now.getTime() - 60_000))
    .limit(20)
    .execute();
  for (const r of due) await db.transaction().execute((tx) => finalizeRound(tx, r.id, now));
  return due.length;
}
