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

/** The grains the refreshed summaries keep each count at: a Lào Cai day, its month, its year. */
export type DashboardGrain = "y" | "m" | "d";

/** Rows of one grain whose day lies in [from, to) (YYYY-MM-DD: the 1st of the month or of January for m and y). */
export interface DashboardSpan {
  grain: DashboardGrain;
  from: string;
  to: string;
}

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;
const yearStart = (day: string): string => `${day.slice(0, 4)}-01-01`;
const nextMonth = (day: string): string => {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
};
const nextYear = (day: string): string => `${Number(day.slice(0, 4)) + 1}-01-01`;
const earlier = (a: string, b: string): string => (a < b ? a : b);

/** The day after `day`, and the day `n` days from it (YYYY-MM-DD, calendar days). */
export const dayAfter = (day: string, n = 1): string => addDays(day, n);

/**
 * The days [from, to) as few summary rows as possible: loose days up to the first whole month, whole months up to the
 * first whole year, whole years, then whole months and loose days up to `to`. Every day is covered exactly once, so a
 * sum over the spans is the sum over the days. A report period (1 January to 30 June) is one or two spans per unit.
 * `coarsest: "m"` never uses years (a monthly series groups its rows by month).
 */
export function dashboardSpans(from: string, to: string, coarsest: "y" | "m" = "y"): DashboardSpan[] {
  const out: DashboardSpan[] = [];
  const push = (grain: DashboardGrain, a: string, b: string) => {
    if (a < b) out.push({ grain, from: a, to: b });
  };
  let cur = from;
  if (cur >= to) return out;
  if (cur !== monthStart(cur)) {
    const end = earlier(nextMonth(cur), to);
    push("d", cur, end);
    cur = end;
  }
  if (cur < to && (coarsest === "m" || cur !== yearStart(cur))) {
    const end = earlier(nextYear(cur), monthStart(to));
    if (end > cur) {
      push("m", cur, end);
      cur = end;
    }
  }
  const years = coarsest === "y" ? yearStart(to) : cur;
  if (years > cur) {
    push("y", cur, years);
    cur = years;
  }
  const months = monthStart(to);
  if (months > cur) {
    push("m", cur, months);
    cur = months;
  }
  push("d", cur, to);
  return out;
}
