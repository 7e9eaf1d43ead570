import { POLL_LIMITS as L, PollErrorCode, type MemberPoll, type MemberPollList, type PollAnswerBody, type PollQuestion } from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import { badRequest, conflict } from "../../http/errors.js";
import { inAudience, pollNotFound, questionsOf, statusOf } from "./access.js";

const invalid = (msg: string, field: string) => badRequest(msg, field, PollErrorCode.POLL_INVALID);

/** What she answered, as rows: choices per question (option index, or the point of a scale) and texts. */
export function checkAnswers(questions: readonly PollQuestion[], body: PollAnswerBody): { choices: Array<[number, number]>; texts: Array<[number, string]> } {
  if (body.answers.length !== questions.length) throw invalid("Chị vui lòng trả lời đủ các câu hỏi.", "answers");
  const choices: Array<[number, number]> = [];
  const texts: Array<[number, string]> = [];
  questions.forEach((q, i) => {
    const a = body.answers[i]!;
    const field = `answers.${i}`;
    if (q.kind === "text") {
      const t = (a.text ?? "").trim();
      if (t.length > L.textAnswerMax) throw invalid(`Câu trả lời ${i + 1} quá dài.`, field);
      if (t) texts.push([i, t]);
      return;
    }
    if (q.kind === "scale") {
      if (a.choice === undefined || a.choice < 1 || a.choice > L.scaleMax) throw invalid(`Chị vui lòng chọn một mức từ 1 đến ${L.scaleMax} cho câu ${i + 1}.`, field);
      choices.push([i, a.choice]);
      return;
    }
    const n = q.options?.length ?? 0;
    const picked = q.kind === "single" ? (a.choice === undefined ? [] : [a.choice]) : [...new Set(a.choices ?? [])].sort((x, y) => x - y);
    if (picked.length === 0) throw invalid(`Chị vui lòng chọn câu trả lời cho câu ${i + 1}.`, field);
    if (picked.some((o) => o < 0 || o >= n)) throw invalid(`Lựa chọn của câu ${i + 1} không có trong danh sách.`, field);
    for (const o of picked) choices.push([i, o]);
  });
  return { choices, texts };
}

const memberPollRows = (db: Db, memberId: string) =>
  db
    .selectFrom("members as m")
    .innerJoin("units as u", "u.id", "m.unit_id")
    .innerJoin("polls as p", (j) => j.on(inAudience))
    .innerJoin("units as pu", "pu.id", "p.unit_id")
    .select([
      "p.id",
      "p.title",
      "p.intro",
      "p.questions",
      "p.opens_at",
      "p.closes_at",
      "pu.name as unit_name",
      sql<boolean>`EXISTS (SELECT 1 FROM poll_participants pp WHERE pp.poll_id = p.id AND pp.member_id = m.id)`.as("answered"),
    ])
    .where("m.id", "=", memberId);

type Row = Awaited<ReturnType<ReturnType<typeof memberPollRows>["executeTakeFirstOrThrow"]>>;

const toMemberPoll = (p: Row): MemberPoll => ({
  id: p.id,
  title: p.title,
  intro: p.intro,
  unitName: p.unit_name,
  questions: questionsOf(p.questions),
  opensAt: p.opens_at.toISOString(),
  closesAt: p.closes_at.toISOString(),
  status: statusOf(p),
  answered: p.answered,
});

/** Her polls: open ones first (soonest to close first), then those closed in the last 30 days. */
export async function memberPolls(db: Db, memberId: string): Promise<MemberPollList> {
  const rows = await memberPollRows(db, memberId)
    .where("p.opens_at", "<=", sql<Date>`now()`)
    .where("p.closes_at", ">", sql<Date>`now() - interval '30 days'`)
    .orderBy(sql`p.closes_at <= now()`)
    .orderBy("p.closes_at")
    .limit(50)
    .execute();
  return { items: rows.map(toMemberPoll) };
}

/** One of her polls (404 for one not meant for her, or not open yet). */
export async function memberPoll(db: Db, memberId: string, id: string): Promise<MemberPoll> {
  const p = await memberPollRows(db, memberId).where("p.id", "=", id).where("p.opens_at", "<=", sql<Date>`now()`).executeTakeFirst();
  if (!p) throw pollNotFound();
  return toMemberPoll(p);
}

/**
 * Records her answer once. The participant row (primary key poll + member) is the rule: a second submit, even one
 * racing the first, waits for it, finds it and writes nothing else (409). The ballot holds no member id: it carries
 * only the groups the results break down by, as they are now; the database's triggers add it to the tallies.
 */
export async function answerPoll(db: Db, memberId: string, id: string, body: PollAnswerBody): Promise<void> {
  const p = await db
    .selectFrom("members as m")
    .innerJoin("units as u", "u.id", "m.unit_id")
    .innerJoin("polls as p", (j) => j.on(inAudience))
    .innerJoin("units as pu", "pu.id", "p.unit_id")
    .select(["p.id", "p.questions", "p.opens_at", "p.closes_at", "pu.path as poll_path", "u.path as my_path", "m.unit_id", "m.profile_tags"])
    .where("m.id", "=", memberId)
    .where("p.id", "=", id)
    .executeTakeFirst();
  if (!p) throw pollNotFound();
  const status = statusOf(p);
  if (status === "scheduled") throw conflict("Khảo sát này chưa mở, chị vui lòng quay lại sau.", PollErrorCode.POLL_NOT_OPEN);
  if (status === "closed") throw conflict("Khảo sát này đã kết thúc, chị không gửi được câu trả lời nữa. Cảm ơn chị đã quan tâm.", PollErrorCode.POLL_CLOSED);
  const { choices, texts } = checkAnswers(questionsOf(p.questions), body);
  // the child of the poll's unit her unit sits under, or the poll's unit itself
  const unitGroup = p.my_path.slice(p.poll_path.length).split("/").find(Boolean) ?? (p.unit_id as string);
  const age = p.profile_tags.find((t) => t.startsWith("tuoi:")) ?? null;
  const ethnic = p.profile_tags.find((t) => t.startsWith("dan_toc:")) ?? null;
  // One statement, so one implicit transaction and one round trip: the participant row first; when it already exists
  // (her earlier answer, or a racing one that committed first) nothing else is written and she gets 409.
  const r = await sql<{ n: number }>`
    WITH p AS (
      INSERT INTO poll_participants (poll_id, member_id) VALUES (${id}, ${memberId}) ON CONFLICT DO NOTHING RETURNING poll_id
    ), r AS (
      INSERT INTO poll_responses (poll_id, unit_group, age_group, ethnic_group) SELECT poll_id, ${unitGroup}, ${age}, ${ethnic} FROM p RETURNING id
    ), a AS (
      INSERT INTO poll_answers (response_id, poll_id, question_idx, option_idx, unit_group, age_group, ethnic_group)
      SELECT r.id, ${id}, x.q, x.o, ${unitGroup}, ${age}, ${ethnic}
        FROM r, unnest(${sql.val(choices.map((c) => c[0]))}::int2[], ${sql.val(choices.map((c) => c[1]))}::int2[]) AS x(q, o)
    ), t AS (
      INSERT INTO poll_texts (response_id, poll_id, question_idx, text)
      SELECT r.id, ${id}, x.q, x.text FROM r, unnest(${sql.val(texts.map((c) => c[0]))}::int2[], ${sql.val(texts.map((c) => c[1]))}::text[]) AS x(q, text)
    )
    SELECT count(*)::int AS n FROM p`.execute(db);
  if (r.rows[0]?.n !== 1) throw conflict("Chị đã trả lời khảo sát này rồi. Mỗi người chỉ trả lời một lần, cảm ơn chị.", PollErrorCode.POLL_ALREADY_ANSWERED);
}
