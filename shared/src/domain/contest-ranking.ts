/**
 * How a contest round ranks its entries (issue 11). Published rules differ, so the order is a contest setting:
 *  - `correct_time_prediction`: most correct → shortest time → prediction closest to the real figure → earliest submission
 *    (most provincial contests);
 *  - `correct_prediction_time`: most correct → prediction closest → shortest time → earliest submission (some union
 *    contests).
 * A member's entry is her best attempt. The server stores `rankKey` (four integers, smaller is better) beside each entry
 * and ranks with one composite index in that order; `compareEntries` is the rule written out as the union states it, and
 * a property test checks that both agree.
 *
 * Ties: entries equal on every step of the rule are tied and share a rank ("1, 2, 2, 4": her rank is 1 + the entries
 * strictly ahead of her), and tied entries share a prize (`prizeTierOf`). The member id only keeps the order of a list
 * stable (every page of a leaderboard the same); it never makes one of two tied women rank above the other.
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

/**
 * The four keys, ascending = better, in the order the rule names them. While the figure is unknown the prediction is 0
 * for everyone and decides nothing, so both rules store time second: the same order, and the second key (the one the
 * rank buckets of migration 061 count over) tells entries apart instead of being 0 for every entry of the round.
 */
export function rankKey(rule: RankingRule, e: RankedEntry, actual: number | null): RankKey {
  const diff = predictionDiff(e.prediction, actual);
  return rule === "correct_time_prediction" || actual === null
    ? [-e.correct, e.durationMs, diff, e.submittedAtMs]
    : [-e.correct, diff, e.durationMs, e.submittedAtMs];
}

/** Two entries are tied when every key of the rule is equal. */
export function sameKeys(a: RankKey, b: RankKey): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/**
 * The ranks of entries listed in ranking order from the top of a board (or of a whole round): each is 1 + the entries
 * strictly ahead of it, so a tied entry gets the rank of the first it ties with ("1, 2, 2, 4").
 */
export function ranksFromTop(keys: readonly RankKey[]): number[] {
  const ranks: number[] = [];
  keys.forEach((k, i) => ranks.push(i > 0 && sameKeys(k, keys[i - 1] as RankKey) ? (ranks[i - 1] as number) : i + 1));
  return ranks;
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

/**
 * The prize a rank wins: the tiers cover ranks in order (1 first, 3 second: rank 1 first, ranks 2–4 second), so tied
 * entries, sharing a rank, share a prize; a tie on the last prized rank gives that prize to each of them. Null: no prize.
 */
export function prizeTierOf(tiers: readonly PrizeTier[], rank: number): number | null {
  let last = 0;
  for (const [tier, t] of tiers.entries()) {
    last += t.count;
    if (rank <= last) return tier;
  }
  return null;
}

/** Winners: the entries (in ranking order, with their ranks) whose rank wins a prize, each with its tier. */
export function assignPrizes<T extends { rank: number }>(tiers: readonly PrizeTier[], ranked: readonly T[]): Array<{ entry: T; tier: number; label: string }> {
  return ranked.flatMap((entry) => {
    const tier = prizeTierOf(tiers, entry.rank);
    return tier === null ? [] : [{ entry, tier, label: (tiers[tier] as PrizeTier).label }];
  });
}

/** How many ranks the tiers cover (the last prized rank). */
export const prizedRanks = (tiers: readonly PrizeTier[]): number => tiers.reduce((n, t) => n + t.count, 0);

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
