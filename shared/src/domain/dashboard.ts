/**
 * Tổng hợp (issue 17): the action programme's targets, as percentages, by the year the reporting period ends in.
 * Members gathered: ≥ 85% up to 2025, ≥ 90% from 2026. Studied a resolution: 100% of cán bộ, 90% of members.
 * Chi hội using IT: more than 75% until 2029, 100% from 2030. Other figures are reported without a target.
 */
export const DASHBOARD_INDICATORS = ["members", "studiedCanBo", "studiedMembers", "branchesIt"] as const;
export type DashboardIndicatorCode = (typeof DASHBOARD_INDICATORS)[number];

export interface DashboardTarget {
  percent: number;
  /** true: the figure must be above `percent`; false: at least `percent`. */
  strict: boolean;
}

export function dashboardTarget(code: DashboardIndicatorCode, year: number): DashboardTarget {
  switch (code) {
    case "members":
      return { percent: year <= 2025 ? 85 : 90, strict: false };
    case "studiedCanBo":
      return { percent: 100, strict: false };
    case "studiedMembers":
      return { percent: 90, strict: false };
    case "branchesIt":
      return year >= 2030 ? { percent: 100, strict: false } : { percent: 75, strict: true };
  }
}

/** A percentage rounded to one decimal, or null when there is nothing to divide by. */
export function percentOf(part: number, whole: number | null): number | null {
  if (!whole) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/** Met, not met, or unknown (no denominator: a unit with no counted women, no chi hội, no cán bộ). */
export function targetMet(value: number | null, target: DashboardTarget): boolean | null {
  if (value === null) return null;
  return target.strict ? value > target.percent : value >= target.percent;
}

/** How a feedback item reached the Hội, as the dashboard counts it. */
export const DASHBOARD_CHANNELS = ["mini_app", "oa_chat", "on_behalf"] as const;
export type DashboardChannel = (typeof DASHBOARD_CHANNELS)[number];
