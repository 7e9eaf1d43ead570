/**
 * How a contest round ranks its entries (issue 11). Published rules differ, so the order is a contest setting:
 *  - `correct_time_prediction`: most correct → shortest time → prediction closest to the real figure → earliest submission
 *    (most provincial contests);
 *  - `correct_prediction_time`: most correct → prediction closest → shortest time → earliest submission (some union
 *    contests).
 * A member's entry is her best attempt. The server stores `rankKey` (four integers, smaller is better) beside each entry
 * and ranks with one composite index in that order; `compareEntries` is the rule written out as the union states it, and
 * a property test checks that both agree. Ties left after all four keys (same ms, impossible in practice) go by member id
 * so the order is total and every page of a leaderboard is stable.
 *
 * The real figure a prediction is measured against (how many answered everything, or how many entries) is known only when
 * the round closes; until then the prediction counts as a tie for everyone and the live order is decided by the other keys.
 */
export const RANKING_RULES = ["correct_time_prediction", "correct_prediction_time"] as const;
export type RankingRule = (typeof RANKING_RULES)[number];

/** What the prediction question asks for. */
export const PREDICTION_KINDS = ["perfect_count", "entries"] as const;
export type PredictionKind = (typeof PREDICTION_KINDS)[number];

/** A missing prediction ranks after every given one (a safe integer, stored as bigint). */
export const NO_PREDICTION = 2 ** 52;

export interface RankedEntry {
  memberId: string;
  correct: number;
  durationMs: number;
  /** Her guess, or null when she left it out. */
  prediction: number | null;
  submittedAtMs: number;
}

/** Distance to the real figure; 0 for everyone while the figure is unknown (open round). */
export function predictionDiff(prediction: number | null, actual: number | null): number {
  if (actual === null) return 0;
  if (prediction === null) return NO_PREDICTION;
  return Math.abs(prediction - actual);
}

export type RankKey = [number, number, number, number];

/** The four keys, ascending = better, in the order the rule names them. */
export function rankKey(rule: RankingRule, e: RankedEntry, actual: number | null): RankKey {
  const diff = predictionDiff(e.prediction, actual);
  return rule === "correct_time_prediction"
    ? [-e.correct, e.durationMs, diff, e.submittedAtMs]
    : [-e.correct, diff, e.durationMs, e.submittedAtMs];
}

/** Lexicographic order of two keys, then member id (the database index ends with member_id too). */
export function compareKeys(a: RankKey, aId: string, b: RankKey, bId: string): number {
  for (let i = 0; i < 4; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

/**
 * The rule as the contest's published text says it, step by step. Negative: `a` ranks above `b`.
 */
export function compareEntries(rule: RankingRule, a: RankedEntry, b: RankedEntry, actual: number | null): number {
  const byCorrect = b.correct - a.correct;
  const byTime = a.durationMs - b.durationMs;
  const closeness = (e: RankedEntry) => (actual === null ? 0 : e.prediction === null ? Infinity : Math.abs(e.prediction - actual));
  const ca = closeness(a);
  const cb = closeness(b);
  const byPrediction = ca === cb ? 0 : ca < cb ? -1 : 1;
  const byEarliest = a.submittedAtMs - b.submittedAtMs;
  const steps = rule === "correct_time_prediction" ? [byCorrect, byTime, byPrediction, byEarliest] : [byCorrect, byPrediction, byTime, byEarliest];
  for (const s of steps) if (s !== 0) return s < 0 ? -1 : 1;
  return a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
}

/** Whether attempt `a` is better than `b` for the same member (her best attempt is the one that counts). */
export function isBetter(rule: RankingRule, a: RankedEntry, b: RankedEntry, actual: number | null): boolean {
  return compareKeys(rankKey(rule, a, actual), a.memberId, rankKey(rule, b, actual), b.memberId) < 0;
}

export interface PrizeTier {
  /** "Giải Nhất", "Giải Nhì", … as the contest names them. */
  label: string;
  count: number;
}

/** Winners in ranking order get the tiers in order: 1 first, then 3 second, … until the prizes or the entries run out. */
export function assignPrizes<T>(tiers: readonly PrizeTier[], ranked: readonly T[]): Array<{ entry: T; tier: number; label: string }> {
  const out: Array<{ entry: T; tier: number; label: string }> = [];
  let i = 0;
  tiers.forEach((t, tier) => {
    for (let k = 0; k < t.count && i < ranked.length; k++) out.push({ entry: ranked[i++] as T, tier, label: t.label });
  });
  return out;
}

/** A unit's participation: the share of its members who took part (0 when it has none on record). */
export function participationRate(participants: number, members: number): number {
  return members > 0 ? participants / members : 0;
}

/** A phone number as winners' lists show it: the first three and last three digits ("091****678"). */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  const local = digits.startsWith("84") ? `0${digits.slice(2)}` : digits;
  if (local.length < 7) return "***";
  return `${local.slice(0, 3)}${"*".repeat(local.length - 6)}${local.slice(-3)}`;
}
