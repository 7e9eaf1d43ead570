import { POLL_LIMITS as L, PollErrorCode, type AdminPoll, type AdminPollList, type PollQuestion, type PollWriteBody } from "@hoiso/shared";
import { sql, type Transaction } from "kysely";
import { audit } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import type { DB } from "../../db/types.js";
import { badRequest, conflict, forbidden } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { hasRoleOver, unitPath } from "../../policy/policy.js";
import { inStaffScope, questionsOf, staffPoll, statusOf } from "./access.js";

type Tx = Transaction<DB>;
const invalid = (msg: string, field: string) => badRequest(msg, field, PollErrorCode.POLL_INVALID);

/** Trimmed questions that fit their kind; options only on choice questions. */
export function checkQuestions(qs: readonly PollQuestion[]): PollQuestion[] {
  return qs.map((q, i) => {
    const text = q.text.trim();
    if (!text) throw invalid(`Chị vui lòng nhập nội dung câu hỏi ${i + 1}.`, `questions.${i}.text`);
    if (q.kind !== "single" && q.kind !== "multiple") return { kind: q.kind, text };
    const options = (q.options ?? []).map((o) => o.trim());
    if (options.length < L.optionsMin || options.some((o) => !o)) {
      throw invalid(`Câu hỏi ${i + 1} cần ít nhất ${L.optionsMin} lựa chọn, không để trống lựa chọn nào.`, `questions.${i}.options`);
    }
    if (new Set(options).size !== options.length) throw invalid(`Câu hỏi ${i + 1} có hai lựa chọn trùng nhau.`, `questions.${i}.options`);
    return { kind: q.kind, text, options };
  });
}

/**
 * The sending unit must be under one of her roles (403), every chosen unit inside her scope (403) and inside the
 * sending unit's subtree (400). Returns the audience's paths (a unit inside another chosen one adds nobody).
 */
async function resolveTargets(tx: Tx, auth: AuthContext, body: PollWriteBody): Promise<{ targets: string[]; paths: string[] }> {
  const path = await unitPath(tx, body.unitId);
  if (!hasRoleOver(auth, path)) throw forbidden("Chị chỉ gửi được khảo sát cho đơn vị trong phạm vi phụ trách của chị.");
  const targets = [...new Set((body.targetUnitIds ?? []).map((t) => t.toLowerCase()))];
  if (targets.length === 0) return { targets, paths: [path] };
  const rows = await tx.selectFrom("units").select(["id", "path", "active"]).where("id", "in", targets).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const t of targets) {
    const u = byId.get(t);
    if (u && !hasRoleOver(auth, u.path)) throw forbidden("Đơn vị chị chọn nằm ngoài phạm vi phụ trách của chị.");
    if (!u || !u.active || !u.path.startsWith(path)) {
      throw badRequest("Chị chỉ chọn được các đơn vị đang hoạt động trực thuộc đơn vị gửi.", "targetUnitIds", PollErrorCode.POLL_TARGET_OUT_OF_SCOPE);
    }
  }
  return { targets, paths: rows.map((r) => r.path).filter((p, _, all) => !all.some((q) => q !== p && p.startsWith(q))) };
}

/** Writes the poll with its audit row in one transaction; every check comes first. */
export async function createPoll(db: Db, auth: AuthContext, body: PollWriteBody): Promise<string> {
  const title = body.title.trim();
  if (!title) throw invalid("Chị vui lòng nhập tên khảo sát.", "title");
  const questions = checkQuestions(body.questions);
  const now = new Date();
  const opensAt = body.opensAt === undefined ? now : new Date(body.opensAt);
  const closesAt = new Date(body.closesAt);
  if (Number.isNaN(opensAt.getTime()) || Number.isNaN(closesAt.getTime())) throw badRequest("Thời gian không hợp lệ.", "closesAt", PollErrorCode.POLL_TIME_INVALID);
  if (closesAt <= now || closesAt <= opensAt) {
    throw badRequest("Thời điểm kết thúc phải sau thời điểm mở và chưa qua.", "closesAt", PollErrorCode.POLL_TIME_INVALID);
  }
  const tags = [...new Set(body.targetTags ?? [])];
  if (body.announce && tags.length > 0) {
    throw badRequest("Thông báo kèm khảo sát gửi tới cả đơn vị, nên chưa dùng được khi khảo sát lọc theo độ tuổi, dân tộc hay hoàn cảnh.", "announce", PollErrorCode.POLL_INVALID);
  }
  return db.transaction().execute(async (tx) => {
    const { targets, paths } = await resolveTargets(tx, auth, body);
    const reach = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM members m JOIN units u ON u.id = m.unit_id,
             (SELECT ${sql.val(paths)}::text[] AS target_paths, ${sql.val(tags)}::text[] AS target_tags) p
       WHERE u.path LIKE ANY (SELECT t || '%' FROM unnest(p.target_paths) t)
         AND (cardinality(p.target_tags) = 0 OR NOT EXISTS (
              SELECT 1 FROM unnest(p.target_tags) it GROUP BY split_part(it, ':', 1) HAVING NOT bool_or(it = ANY(m.profile_tags))))`.execute(tx);
    const row = await tx
      .insertInto("polls")
      .values({
        unit_id: body.unitId,
        author_id: auth.memberId,
        title,
        intro: (body.intro ?? "").trim(),
        questions: JSON.stringify(questions),
        target_unit_ids: targets,
        target_paths: paths,
        target_tags: tags,
        opens_at: opensAt,
        closes_at: closesAt,
        audience_size: reach.rows[0]?.n ?? 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(tx, {
      actorId: auth.memberId,
      action: "polls.create",
      entityType: "polls",
      entityId: row.id,
      detail: { unitId: body.unitId, title, questions: questions.length, targetUnitIds: targets, targetTags: tags, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() },
    });
    return row.id;
  });
}

/** Closes the poll now (answers are refused from then on); audited. */
export async function closePoll(db: Db, auth: AuthContext, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const p = await staffPoll(tx, auth, id);
    if (statusOf(p) === "closed") throw conflict("Khảo sát này đã kết thúc.", PollErrorCode.POLL_CLOSED);
    await tx
      .updateTable("polls")
      .set({ closes_at: sql<Date>`now()`, opens_at: sql<Date>`least(opens_at, now() - interval '1 millisecond')`, updated_at: sql<Date>`now()` })
      .where("id", "=", id)
      .execute();
    await audit(tx, { actorId: auth.memberId, action: "polls.close", entityType: "polls", entityId: id, detail: { closedAt: new Date().toISOString() } });
  });
}

type PollRow = Awaited<ReturnType<typeof staffPoll>>;

export function toAdminPoll(p: Omit<PollRow, "unit_path">, respondents: number): AdminPoll {
  return {
    id: p.id,
    title: p.title,
    intro: p.intro,
    unit: { id: p.unit_id, name: p.unit_name },
    targetUnitIds: p.target_unit_ids,
    targetTags: p.target_tags,
    questions: questionsOf(p.questions),
    opensAt: p.opens_at.toISOString(),
    closesAt: p.closes_at.toISOString(),
    status: statusOf(p),
    audienceSize: p.audience_size,
    respondents,
    broadcastId: p.broadcast_id,
    createdAt: p.created_at.toISOString(),
  };
}

const respondentsOf = sql<number>`(SELECT count(*)::int FROM poll_participants pp WHERE pp.poll_id = p.id)`;

export async function pollDetail(db: Db, auth: AuthContext, id: string): Promise<AdminPoll> {
  const p = await staffPoll(db, auth, id);
  const n = await db.selectFrom("poll_participants").select(sql<number>`count(*)::int`.as("n")).where("poll_id", "=", id).executeTakeFirstOrThrow();
  return toAdminPoll(p, n.n);
}

/** Polls of her subtree, newest first. */
export async function listPolls(db: Db, auth: AuthContext): Promise<AdminPollList> {
  const rows = await db
    .selectFrom("polls as p")
    .innerJoin("units as pu", "pu.id", "p.unit_id")
    .selectAll("p")
    .select(["pu.name as unit_name", respondentsOf.as("respondents")])
    .where(inStaffScope(auth))
    .orderBy("p.created_at", "desc")
    .limit(100)
    .execute();
  return { items: rows.map((r) => toAdminPoll(r, r.respondents)) };
}
