import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assignPrizes,
  compareEntries,
  compareKeys,
  maskPhone,
  NO_PREDICTION,
  prizeTierOf,
  rankKey,
  RANKING_RULES,
  ranksFromTop,
  type RankedEntry,
} from "../../shared/src/domain/contest-ranking.js";
import { referenceRanks, referenceSort } from "../helpers/contest-reference.js";

// small ranges so ties on every key happen often
const entry = (i: number) =>
  fc.record({
    memberId: fc.constant(`m${String(i).padStart(4, "0")}`),
    correct: fc.integer({ min: 0, max: 5 }),
    durationMs: fc.integer({ min: 0, max: 4 }).map((x) => x * 1000),
    prediction: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    submittedAtMs: fc.integer({ min: 0, max: 3 }).map((x) => 1_700_000_000_000 + x),
  });
const entries = fc.integer({ min: 0, max: 60 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => entry(i))));

describe("contest ranking", () => {
  for (const rule of RANKING_RULES) {
    it(`${rule}: the stored keys order entries exactly as the published rule`, () => {
      fc.assert(
        fc.property(entries, fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }), (list, actual) => {
          const byKeys = [...list].sort((a, b) => compareKeys(rankKey(rule, a, actual), a.memberId, rankKey(rule, b, actual), b.memberId)).map((e) => e.memberId);
          const byRule = [...list].sort((a, b) => compareEntries(rule, a, b, actual)).map((e) => e.memberId);
          const reference = referenceSort(rule, list, actual);
          expect(byKeys).toEqual(reference);
          expect(byRule).toEqual(reference);
          // ranks from the keys in that order: entries tied on every step of the rule share one
          const byId = new Map(list.map((e) => [e.memberId, e]));
          const ranks = ranksFromTop(byKeys.map((id) => rankKey(rule, byId.get(id)!, actual)));
          const want = referenceRanks(rule, list, actual);
          expect(ranks).toEqual(byKeys.map((id) => want.get(id)));
        }),
        { numRuns: 300 },
      );
    });
  }

  it("tied entries share a rank and a prize; a tie on the last prized rank gives each of them the prize", () => {
    const e = (memberId: string, correct: number, durationMs: number): RankedEntry => ({ memberId, correct, durationMs, prediction: null, submittedAtMs: 5 });
    const list = [e("a", 5, 1000), e("b", 4, 2000), e("c", 4, 2000), e("d", 4, 3000), e("e", 3, 1000), e("f", 3, 1000)];
    const ranks = ranksFromTop(list.map((x) => rankKey("correct_time_prediction", x, null)));
    expect(ranks).toEqual([1, 2, 2, 4, 5, 5]);
    const tiers = [{ label: "Nhất", count: 1 }, { label: "Nhì", count: 2 }, { label: "Ba", count: 2 }];
    expect(ranks.map((r) => prizeTierOf(tiers, r))).toEqual([0, 1, 1, 2, 2, 2]);
    const won = assignPrizes(tiers, list.map((x, i) => ({ id: x.memberId, rank: ranks[i]! })));
    expect(won.map((w) => [w.entry.id, w.label])).toEqual([["a", "Nhất"], ["b", "Nhì"], ["c", "Nhì"], ["d", "Ba"], ["e", "Ba"], ["f", "Ba"]]);
    expect(prizeTierOf(tiers, 6)).toBeNull();
    expect(prizeTierOf([], 1)).toBeNull();
  });

  it("before the figure is known both rules store time second (the key the rank buckets count over)", () => {
    const x: RankedEntry = { memberId: "a", correct: 7, durationMs: 65_000, prediction: 40, submittedAtMs: 9 };
    for (const rule of RANKING_RULES) expect(rankKey(rule, x, null)).toEqual([-7, 65_000, 0, 9]);
    expect(rankKey("correct_prediction_time", x, 50)).toEqual([-7, 10, 65_000, 9]);
  });

  it("the two rules differ where time and prediction disagree", () => {
    const fast: RankedEntry = { memberId: "a", correct: 10, durationMs: 60_000, prediction: 900, submittedAtMs: 2 };
    const close: RankedEntry = { memberId: "b", correct: 10, durationMs: 90_000, prediction: 480, submittedAtMs: 1 };
    expect(referenceSort("correct_time_prediction", [close, fast], 500)).toEqual(["a", "b"]);
    expect(referenceSort("correct_prediction_time", [fast, close], 500)).toEqual(["b", "a"]);
    expect(compareEntries("correct_prediction_time", fast, close, 500)).toBeGreaterThan(0);
    // before the figure is known the prediction decides nothing
    expect(compareEntries("correct_prediction_time", fast, close, null)).toBeLessThan(0);
    expect(rankKey("correct_prediction_time", { ...fast, prediction: null }, 500)[1]).toBe(NO_PREDICTION);
  });

  it("gives prizes in tier order and masks phones", () => {
    const won = assignPrizes([{ label: "Nhất", count: 1 }, { label: "Nhì", count: 3 }], ["a", "b", "c"].map((id, i) => ({ id, rank: i + 1 })));
    expect(won.map((w) => [w.entry.id, w.label])).toEqual([["a", "Nhất"], ["b", "Nhì"], ["c", "Nhì"]]);
    expect(maskPhone("84912345678")).toBe("091****678");
    expect(maskPhone(null)).toBeNull();
  });
});
