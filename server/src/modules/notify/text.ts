import type { Language } from "@hoiso/shared";
import { format } from "../../i18n/index.js";

/**
 * A notification marked discreet (its params carry `discreet: true`) is about something sensitive — a private report,
 * an urgent call for help — and may be seen by whoever holds her phone, sometimes the very person she reported. The one
 * rule, for every channel (the in-app list, the OA message, the template message): it says only "Chị có thông báo mới
 * từ Hội", with no reference code and nothing from the item. She reads the rest by opening the app.
 */
export const DISCREET_PARAM = "discreet";
export const NEUTRAL_MESSAGE = "notify.neutral";

export const isDiscreet = (params: Record<string, unknown>): boolean => params[DISCREET_PARAM] === true;

/** The words a recipient gets for a delivery, on any channel. */
export function notificationText(lang: Language, type: string, params: Record<string, unknown>): string {
  return isDiscreet(params) ? format(lang, NEUTRAL_MESSAGE) : format(lang, type, params);
}

/**
 * The generic template message's data: `ma` is the reference she can quote (a message's `code` parameter, e.g. a
 * tracking code; empty when it has none or when the notification is discreet), `noi_dung` the message as above.
 */
export function templateData(params: Record<string, unknown>, text: string): Record<string, string> {
  const code = isDiscreet(params) ? undefined : params.code;
  return { ma: typeof code === "string" || typeof code === "number" ? String(code) : "", noi_dung: text.slice(0, 400) };
}
