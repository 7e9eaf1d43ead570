import { DashboardErrorCode, type DashboardQuery } from "@hoiso/shared";
import { badRequest } from "../../http/errors.js";

/** Lào Cai is UTC+7 all year: a day there is [D 00:00+07, D+1 00:00+07). */
const OFFSET_MS = 7 * 3600_000;
const MAX_DAYS = 3 * 366;

export interface Period {
  from: string;
  to: string;
  /** The first instant of `from` and the first instant after `to`, in Lào Cai time. */
  start: Date;
  end: Date;
  /** The year the period ends in: the year of the targets and of the women count. */
  year: number;
  /** Where "active in the last 30 days" is counted back from: the period's end, or now when that is later. */
  asOf: Date;
}

export const localDay = (d: Date): string => new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);
const startOf = (day: string): Date => new Date(`${day}T00:00:00+07:00`);

export function periodOf(q: Pick<DashboardQuery, "from" | "to">, now = new Date()): Period {
  const to = q.to ?? localDay(now);
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  const start = startOf(from);
  const end = new Date(startOf(to).getTime() + 86400_000);
  // a day the calendar does not have (2026-02-30) parses as another one: compare it back
  if (Number.isNaN(start.getTime()) || localDay(start) !== from) throw badRequest("Ngày không hợp lệ.", "from", DashboardErrorCode.DASHBOARD_PERIOD_INVALID);
  if (Number.isNaN(end.getTime()) || localDay(new Date(end.getTime() - 1)) !== to) throw badRequest("Ngày không hợp lệ.", "to", DashboardErrorCode.DASHBOARD_PERIOD_INVALID);
  if (end <= start) throw badRequest("Ngày kết thúc phải sau ngày bắt đầu.", "to", DashboardErrorCode.DASHBOARD_PERIOD_INVALID);
  if (end.getTime() - start.getTime() > MAX_DAYS * 86400_000) throw badRequest("Kỳ báo cáo dài tối đa 3 năm.", "from", DashboardErrorCode.DASHBOARD_PERIOD_INVALID);
  return { from, to, start, end, year: Number(to.slice(0, 4)), asOf: end < now ? end : now };
}

/** Every month the period touches, as YYYY-MM. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  const last = p.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push(key);
    if (key >= last) return out;
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
}
