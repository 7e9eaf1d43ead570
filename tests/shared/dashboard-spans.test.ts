import { dashboardSpans, dayAfter } from "@hoiso/shared";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

/** The days a span list covers, as the summary rows of each grain would hold them. */
function daysOf(spans: ReturnType<typeof dashboardSpans>): string[] {
  const out: string[] = [];
  for (const s of spans) {
    for (let d = s.from; d < s.to; d = dayAfter(d)) {
      // a month or year row is only ever asked for from its first day, whole
      if (s.grain === "m") expect(s.from.slice(8)).toBe("01");
      if (s.grain === "y") expect(s.from.slice(5)).toBe("01-01");
      out.push(d);
    }
  }
  return out;
}

function allDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d < to; d = dayAfter(d)) out.push(d);
  return out;
}

const day = fc.integer({ min: 0, max: 4 * 366 }).map((n) => dayAfter("2024-01-01", n));

describe("dashboardSpans", () => {
  it("a report half-year is one month span; a year to date whole years, months and days", () => {
    expect(dashboardSpans("2026-01-01", "2026-07-01")).toEqual([{ grain: "m", from: "2026-01-01", to: "2026-07-01" }]);
    expect(dashboardSpans("2024-03-15", "2026-12-03")).toEqual([
      { grain: "d", from: "2024-03-15", to: "2024-04-01" },
      { grain: "m", from: "2024-04-01", to: "2025-01-01" },
      { grain: "y", from: "2025-01-01", to: "2026-01-01" },
      { grain: "m", from: "2026-01-01", to: "2026-12-01" },
      { grain: "d", from: "2026-12-01", to: "2026-12-03" },
    ]);
    expect(dashboardSpans("2026-05-01", "2026-05-01")).toEqual([]);
  });

  it("covers every day of any range exactly once, with or without years", () => {
    fc.assert(
      fc.property(day, day, fc.constantFrom<"y" | "m">("y", "m"), (a, b, coarsest) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const spans = dashboardSpans(from, to, coarsest);
        if (coarsest === "m") expect(spans.some((s) => s.grain === "y")).toBe(false);
        expect(daysOf(spans)).toEqual(allDays(from, to));
      }),
      { numRuns: 300 },
    );
  });
});
