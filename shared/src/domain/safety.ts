/**
 * An toàn (issue 12): the numbers to call first, in the order the help screen shows them — the police, the free 24/7
 * child-protection line, and the national line for women and girls at risk (Ngôi nhà Bình yên). Labels are in the
 * Mini App's catalogue; the numbers are facts, kept once here.
 */
export const SAFETY_HOTLINES = [
  { id: "police", number: "113" },
  { id: "child", number: "111" },
  { id: "women", number: "1900969680" },
] as const;
export type SafetyHotlineId = (typeof SAFETY_HOTLINES)[number]["id"];

/** Kinds of trusted address (địa chỉ tin cậy) and safe place a commune keeps. */
export const TRUSTED_KINDS = ["dia_chi_tin_cay", "nha_tam_lanh", "cong_an", "y_te", "tu_van", "khac"] as const;
export type TrustedKindName = (typeof TRUSTED_KINDS)[number];

export const SAFETY_LIMITS = {
  whatMaxLength: 2000,
  whereMaxLength: 300,
  trustedTextMaxLength: 300,
  /** Minutes a cán bộ on call has to acknowledge before the next level is alerted. */
  ackMinutesMin: 1,
  ackMinutesMax: 240,
  resolveHoursMin: 1,
  resolveHoursMax: 72,
  pinLength: 4,
} as const;

/** Error codes of the safety module's routes. */
export const SafetyErrorCode = {
  /** She has no commune yet and named none: the report cannot reach anyone; the screen points her to the hotlines. */
  SAFETY_NO_COMMUNE: "SAFETY_NO_COMMUNE",
  /** The Zalo location token could not be exchanged (expired, used, refused). The report is not sent; she may retry without it. */
  SAFETY_LOCATION_FAILED: "SAFETY_LOCATION_FAILED",
  /** Trusted addresses and on-call lists are kept per xã/phường. */
  SAFETY_NOT_A_COMMUNE: "SAFETY_NOT_A_COMMUNE",
  /** An on-call entry names someone without a role at that xã. */
  SAFETY_NOT_STAFF_HERE: "SAFETY_NOT_STAFF_HERE",
} as const;

/**
 * Whether an on-call window covers `at` (Lào Cai time, UTC+7, no daylight saving): weekday in the list and the minute
 * of the day inside [from, to), or, when from > to, past `from` or before `to` (over midnight; the weekday is the
 * day the window started on).
 */
export function onCallAt(w: { weekdays: readonly number[]; fromMinute: number; toMinute: number }, at: Date): boolean {
  const local = new Date(at.getTime() + 7 * 3_600_000);
  const day = local.getUTCDay();
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  if (w.fromMinute <= w.toMinute) return w.weekdays.includes(day) && minute >= w.fromMinute && minute < w.toMinute;
  if (minute >= w.fromMinute) return w.weekdays.includes(day);
  return minute < w.toMinute && w.weekdays.includes((day + 6) % 7);
}
