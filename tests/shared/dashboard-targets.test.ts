import { dashboardTarget, percentOf, targetMet } from "@hoiso/shared";
import { describe, expect, it } from "vitest";

/** The action programme's targets (issue 17), at the years where they change. */
describe("dashboard targets", () => {
  it("members gathered: at least 85% up to 2025, at least 90% from 2026", () => {
    expect(dashboardTarget("members", 2024)).toEqual({ percent: 85, strict: false });
    expect(dashboardTarget("members", 2025)).toEqual({ percent: 85, strict: false });
    expect(dashboardTarget("members", 2026)).toEqual({ percent: 90, strict: false });
    expect(dashboardTarget("members", 2031)).toEqual({ percent: 90, strict: false });
  });

  it("studied: every cán bộ, 90% of members, every year", () => {
    for (const year of [2025, 2026, 2030]) {
      expect(dashboardTarget("studiedCanBo", year)).toEqual({ percent: 100, strict: false });
      expect(dashboardTarget("studiedMembers", year)).toEqual({ percent: 90, strict: false });
    }
  });

  it("chi hội using IT: more than 75% until 2029, every one from 2030", () => {
    expect(dashboardTarget("branchesIt", 2025)).toEqual({ percent: 75, strict: true });
    expect(dashboardTarget("branchesIt", 2029)).toEqual({ percent: 75, strict: true });
    expect(dashboardTarget("branchesIt", 2030)).toEqual({ percent: 100, strict: false });
  });

  it("met: at the target when 'at least', above it when 'more than'; unknown without a denominator", () => {
    expect(targetMet(90, { percent: 90, strict: false })).toBe(true);
    expect(targetMet(89.9, { percent: 90, strict: false })).toBe(false);
    expect(targetMet(75, { percent: 75, strict: true })).toBe(false);
    expect(targetMet(75.1, { percent: 75, strict: true })).toBe(true);
    expect(targetMet(null, { percent: 90, strict: false })).toBeNull();
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(5, 0)).toBeNull();
    expect(percentOf(5, null)).toBeNull();
  });
});
