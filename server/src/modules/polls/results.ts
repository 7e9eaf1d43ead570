import {
  applySmallGroupRule,
  pollOptionCount,
  PROFILE_TAG_LABEL,
  SMALL_GROUP_KEY,
  SMALL_GROUP_MIN,
  UNKNOWN_GROUP_KEY,
  type GroupCounts,
  type PollBreakdownName as PollBreakdown,
  type PollGroup,
  type PollQuestion,
  type PollResults,
} from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import type { AuthContext } from "../../http/types.js";
import { questionsOf, staffPoll } from "./access.js";
import { toAdminPoll } from "./admin.js";

/** GROUPING() bits of (unit_group, age_group, ethnic_group): which grouping set a row belongs to. */
const SET: Record<number, PollBreakdown | "all"> = { 7: "all", 3: "unit", 5: "age", 6: "ethnic" };
const keyOf = (d: PollBreakdown, r: { unit_group: string | null; age_group: string | null; ethnic_group: string | null }) =>
  (d === "unit" ? r.unit_group : d === "age" ? r.age_group : r.ethnic_group) || UNKNOWN_GROUP_KEY; // '' = did not say

export const SMALL_GROUP_LABEL = `Nhóm nhỏ (gộp các nhóm dưới ${SMALL_GROUP_MIN} người)`;
export const UNKNOWN_GROUP_LABEL = "Chưa cho biết";

/**
 * Results of one poll for a cán bộ of its subtree: counts per question and option, and the same broken down by unit,
 * age group and ethnic group under the small-group rule (shared/src/domain/polls.ts). Two grouped scans of the
 * tallies the database keeps (migration 111): a few hundred rows however many answered, cheap every second. Groups are decided on
 * respondents of the whole poll, so the same groups are merged in every question (no subtracting one from another).
 */
export async function pollResults(db: Db, auth: AuthContext, id: string): Promise<PollResults> {
  const p = await staffPoll(db, auth, id);
  const questions = questionsOf(p.questions);
  const [people, answers, texts] = await Promise.all([
    sql<{ g: number; unit_group: string | null; age_group: string | null; ethnic_group: string | null; n: number }>`
      SELECT GROUPING(unit_group, age_group, ethnic_group) AS g, unit_group, age_group, ethnic_group, sum(n)::int AS n
        FROM poll_group_tallies WHERE poll_id = ${id}
       GROUP BY GROUPING SETS ((), (unit_group), (age_group), (ethnic_group))`.execute(db),
    sql<{ g: number; q: number; o: number; unit_group: string | null; age_group: string | null; ethnic_group: string | null; n: number }>`
      SELECT GROUPING(unit_group, age_group, ethnic_group) AS g, question_idx AS q, option_idx AS o, unit_group, age_group, ethnic_group, sum(n)::int AS n
        FROM poll_tallies WHERE poll_id = ${id}
       GROUP BY GROUPING SETS ((question_idx, option_idx), (question_idx, option_idx, unit_group), (question_idx, option_idx, age_group), (question_idx, option_idx, ethnic_group))`.execute(db),
    db.selectFrom("poll_texts").select(["question_idx", "text"]).where("poll_id", "=", id).orderBy("question_idx").orderBy("id").execute(),
  ]);

  const zero = () => questions.map((q) => new Array<number>(pollOptionCount(q)).fill(0));
  const offset = (q: PollQuestion, o: number) => (q.kind === "scale" ? o - 1 : o);
  const total = zero();
  const groups: Record<PollBreakdown, Map<string, GroupCounts>> = { unit: new Map(), age: new Map(), ethnic: new Map() };
  let respondents = 0;
  for (const r of people.rows) {
    const set = SET[r.g];
    if (set === "all") respondents = r.n;
    else if (set) groups[set].set(keyOf(set, r), { key: keyOf(set, r), respondents: r.n, counts: zero() });
  }
  for (const r of answers.rows) {
    const set = SET[r.g];
    const q = questions[r.q];
    if (!set || !q) continue;
    const target = set === "all" ? total : groups[set].get(keyOf(set, r))?.counts;
    const row = target?.[r.q];
    const i = offset(q, r.o);
    if (row && i >= 0 && i < row.length) row[i] = r.n;
  }

  const unitIds = [...groups.unit.keys()];
  const names = new Map(unitIds.length === 0 ? [] : (await db.selectFrom("units").select(["id", "name"]).where("id", "in", unitIds).execute()).map((u) => [u.id, u.name]));
  const label = (d: PollBreakdown, key: string) =>
    key === SMALL_GROUP_KEY ? SMALL_GROUP_LABEL : key === UNKNOWN_GROUP_KEY ? UNKNOWN_GROUP_LABEL : d === "unit" ? (names.get(key) ?? key) : (PROFILE_TAG_LABEL[key] ?? key);
  const ruled = Object.fromEntries(
    (["unit", "age", "ethnic"] as const).map((d) => {
      const { shown, merged } = applySmallGroupRule([...groups[d].values()]);
      return [d, merged ? [...shown, merged] : shown];
    }),
  ) as Record<PollBreakdown, GroupCounts[]>;
  const breakdown = (d: PollBreakdown, qi: number): PollGroup[] =>
    ruled[d].map((g) => ({ key: g.key, label: label(d, g.key), respondents: g.respondents, counts: g.counts[qi] ?? [] }));

  return {
    poll: toAdminPoll(p, respondents),
    respondents,
    smallGroupMin: SMALL_GROUP_MIN,
    questions: questions.map((q, qi) => {
      const counts = total[qi] ?? [];
      const qTexts = q.kind === "text" ? texts.filter((t) => t.question_idx === qi).map((t) => t.text) : [];
      const points = counts.reduce((s, n, i) => s + n * (i + 1), 0);
      const answered = q.kind === "text" ? qTexts.length : respondents;
      return {
        index: qi,
        kind: q.kind,
        text: q.text,
        options: q.kind === "scale" ? counts.map((_, i) => String(i + 1)) : (q.options ?? []),
        counts,
        answered,
        average: q.kind === "scale" && answered > 0 ? Math.round((points / answered) * 100) / 100 : null,
        texts: qTexts,
        breakdowns: q.kind === "text" ? { unit: [], age: [], ethnic: [] } : { unit: breakdown("unit", qi), age: breakdown("age", qi), ethnic: breakdown("ethnic", qi) },
      };
    }),
  };
}
