import { calendarDay, clockTime } from "@hoiso/shared/domain";
import "./common/index.js";
import { t } from "./index.js";

/**
 * Times and durations, in Lào Cai time (shared/domain/dates.ts) with the words of the current language
 * ("14:30 ngày 29/11/2026"). The one place the Mini App formats a date.
 */
export const formatDateTime = (iso: string): string => t("common:time.dateTime", { time: clockTime(iso), day: calendarDay(iso) });

/** "29/11/2026" */
export const formatDate = (iso: string): string => calendarDay(iso);

/** "3 ngày 4 giờ": how late, in words a busy cán bộ reads at a glance. */
export function lateBy(dueIso: string, now = Date.now()): string {
  const mins = Math.max(1, Math.floor((now - new Date(dueIso).getTime()) / 60_000));
  const days = Math.floor(mins / 1440);
  const hours = Math.floor((mins % 1440) / 60);
  if (days > 0) return hours > 0 ? t("common:time.daysHours", { days, hours }) : t("common:time.days", { days });
  if (hours > 0) return t("common:time.hours", { hours });
  return t("common:time.minutes", { minutes: mins });
}
