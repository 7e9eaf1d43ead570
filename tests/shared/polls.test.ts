import { applySmallGroupRule, SMALL_GROUP_KEY, type GroupCounts } from "@hoiso/shared";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const g = (key: string, respondents: number, counts: number[] = [respondents]): GroupCounts => ({ key, respondents, counts: [counts] });

describe("the small-group rule", () => {
  it("shows groups of 5 or more, merges the rest into one group of at least 5", () => {
    const r = applySmallGroupRule([g("a", 9), g("b", 3), g("c", 2), g("d", 5)]);
    expect(r.shown.map((x) => x.key)).toEqual(["a", "d"]);
    expect(r.merged).toEqual({ key: SMALL_GROUP_KEY, respondents: 5, counts: [[5]] });
  });

  it("pulls the smallest shown group into a merged group under 5, so that subtraction reveals nothing", () => {
    const r = applySmallGroupRule([g("a", 9), g("b", 6), g("c", 2)]);
    expect(r.shown.map((x) => x.key)).toEqual(["a"]);
    expect(r.merged?.respondents).toBe(8);
  });

  it("hides everything when everyone together is fewer than 5", () => {
    expect(applySmallGroupRule([g("a", 3), g("b", 1)])).toEqual({ shown: [], merged: null });
    expect(applySmallGroupRule([g("a", 7)])).toEqual({ shown: [g("a", 7)], merged: null });
  });

  it("never shows a group under 5, and what is shown adds up to everyone or is hidden whole (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 8 }), (sizes) => {
        const groups = sizes.map((n, i) => g(`k${i}`, n));
        const { shown, merged } = applySmallGroupRule(groups);
        const all = merged ? [...shown, merged] : shown;
        for (const x of all) expect(x.respondents).toBeGreaterThanOrEqual(5);
        const total = sizes.reduce((s, n) => s + n, 0);
        const visible = all.reduce((s, x) => s + x.respondents, 0);
        // either everyone is accounted for, or the hidden remainder is everyone (fewer than 5 in all)
        expect(visible === total || (visible === 0 && total < 5)).toBe(true);
      }),
    );
  });
});
