/**
 * Times as the union reads them: Lào Cai time (UTC+7 all year), whatever the phone's or the server's own zone.
 * Only the language-neutral parts live here ("14:30", "29/11/2026"); the words around them ("14:30 ngày 29/11/2026")
 * come from each language's catalogue.
 */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const clock = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hour12: false });
const day = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, day: "2-digit", month: "2-digit", year: "numeric" });

const asDate = (d: Date | string) => (typeof d === "string" ? new Date(d) : d);

/** "14:30" */
export const clockTime = (d: Date | string): string => clock.format(asDate(d));

/** "29/11/2026" */
export const calendarDay = (d: Date | string): string => day.format(asDate(d));
