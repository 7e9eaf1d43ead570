/**
 * Khảo sát nhanh (issue 16): a cán bộ's short poll to a segment of her subtree. Pure rules shared by the server and the
 * Mini App: question kinds, limits, and the small-group rule that keeps breakdowns from singling anyone out.
 */

/** single = one option; multiple = one or more options; scale = 1–5; text = a short answer in her own words. */
export const POLL_QUESTION_KINDS = ["single", "multiple", "scale", "text"] as const;
export type PollKind = (typeof POLL_QUESTION_KINDS)[number];

export const POLL_LIMITS = {
  titleMax: 200,
  introMax: 1000,
  questionsMin: 1,
  questionsMax: 5,
  questionTextMax: 300,
  optionsMin: 2,
  optionsMax: 8,
  optionTextMax: 120,
  textAnswerMax: 500,
  /** Chosen units per poll. */
  targetsMax: 200,
  /** Points of a scale question. */
  scaleMax: 5,
} as const;

/** A group with fewer answers than this is never shown as a group (issue 16: nobody can be singled out). */
export const SMALL_GROUP_MIN = 5;

/** The breakdowns of a poll's results: by unit (a child of the poll's unit), age group and ethnic group. */
export const POLL_BREAKDOWNS = ["unit", "age", "ethnic"] as const;
export type PollBreakdownName = (typeof POLL_BREAKDOWNS)[number];

/** The key of the merged group of small groups, and of those who did not say (age, ethnic group). */
export const SMALL_GROUP_KEY = "_small";
export const UNKNOWN_GROUP_KEY = "_unknown";

export interface GroupCounts {
  key: string;
  /** Respondents of the poll in this group. */
  respondents: number;
  /** Per question, per option (scale: per point), how many of them chose it. */
  counts: number[][];
}

/**
 * The small-group rule. Groups with fewer than `min` respondents are merged into one "nhóm nhỏ" group; if that merged
 * group is itself non-empty but smaller than `min`, the smallest shown group joins it (else the total minus the shown
 * groups would give the hidden ones away), until it reaches `min` or holds everyone. A merged group still under `min`
 * (everyone together is fewer than `min`) is not shown at all. Shown groups keep their order (largest first).
 */
export function applySmallGroupRule(groups: readonly GroupCounts[], min = SMALL_GROUP_MIN): { shown: GroupCounts[]; merged: GroupCounts | null } {
  const sorted = [...groups].filter((g) => g.respondents > 0).sort((a, b) => b.respondents - a.respondents || a.key.localeCompare(b.key));
  const shown = sorted.filter((g) => g.respondents >= min);
  const small = sorted.filter((g) => g.respondents < min);
  const size = () => small.reduce((s, g) => s + g.respondents, 0);
  while (small.length > 0 && size() < min && shown.length > 0) small.push(shown.pop() as GroupCounts);
  if (small.length === 0) return { shown, merged: null };
  if (size() < min) return { shown, merged: null };
  const counts = small[0]!.counts.map((q, qi) => q.map((_, oi) => small.reduce((s, g) => s + (g.counts[qi]?.[oi] ?? 0), 0)));
  return { shown, merged: { key: SMALL_GROUP_KEY, respondents: size(), counts } };
}

/** How many options a question's counts have: its options, or the points of a scale, or none for text. */
export function pollOptionCount(q: { kind: PollKind; options?: readonly string[] }): number {
  if (q.kind === "scale") return POLL_LIMITS.scaleMax;
  if (q.kind === "text") return 0;
  return q.options?.length ?? 0;
}
