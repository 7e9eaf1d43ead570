import type { RankedEntry, RankingRule } from "../../shared/src/domain/contest-ranking.js";

/**
 * The simplest reading of each published contest rule: a chain of explicit comparisons, one field at a time, written
 * independently of shared/src/domain/contest-ranking.ts (which the server's stored keys come from). 0: tied on every
 * step of the rule.
 */
export function referenceRuleCompare(rule: RankingRule, actual: number | null) {
  const dist = (e: RankedEntry) => (actual === null ? 0 : e.prediction === null ? Number.MAX_VALUE : Math.abs(e.prediction - actual));
  return (a: RankedEntry, b: RankedEntry): number => {
    if (a.correct !== b.correct) return a.correct > b.correct ? -1 : 1;
    const time = () => (a.durationMs === b.durationMs ? 0 : a.durationMs < b.durationMs ? -1 : 1);
    const pred = () => (dist(a) === dist(b) ? 0 : dist(a) < dist(b) ? -1 : 1);
    const first = rule === "correct_time_prediction" ? time() : pred();
    if (first !== 0) return first;
    const second = rule === "correct_time_prediction" ? pred() : time();
    if (second !== 0) return second;
    if (a.submittedAtMs !== b.submittedAtMs) return a.submittedAtMs < b.submittedAtMs ? -1 : 1;
    return 0;
  };
}

/** The rule, then member id for entries tied on it (the order a list shows them in, as the server's index does). */
export function referenceCompare(rule: RankingRule, actual: number | null) {
  const byRule = referenceRuleCompare(rule, actual);
  return (a: RankedEntry, b: RankedEntry): number => byRule(a, b) || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0);
}

export function referenceSort(rule: RankingRule, entries: readonly RankedEntry[], actual: number | null): string[] {
  return [...entries].sort(referenceCompare(rule, actual)).map((e) => e.memberId);
}

/** Each member's rank: 1 + the entries that beat hers on the rule (tied entries share a rank, "1, 2, 2, 4"). */
export function referenceRanks(rule: RankingRule, entries: readonly RankedEntry[], actual: number | null): Map<string, number> {
  const byRule = referenceRuleCompare(rule, actual);
  return new Map(entries.map((e) => [e.memberId, 1 + entries.filter((o) => byRule(o, e) < 0).length]));
}
