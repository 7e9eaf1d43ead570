import type { Language } from "@hoiso/shared";
import { format, hasMessage } from "../../i18n/index.js";
import type { SubmissionKind } from "./tables.js";

export interface StoredEvent {
  message_type: string;
  params: unknown;
}

const paramsOf = (e: StoredEvent) => (e.params ?? {}) as Record<string, unknown>;

/** A timeline entry as the author (or, for a public entry, any reader) reads it, in her language. */
export const authorEventText = (lang: Language, e: StoredEvent): string => format(lang, e.message_type, paramsOf(e));

/**
 * The same entry as a cán bộ reads it: the catalogue's feedback.staffEvent wording where the author's ("chị") does not
 * fit — who did what to the item, in the third person — else the entry's own. `item` names the item's kind and origin
 * unit for the entries that mention them.
 */
export function staffEventText(lang: Language, e: StoredEvent, item: { kind: SubmissionKind; origin: string }): string {
  const staffType = e.message_type.replace(/^feedback\.event\./, "feedback.staffEvent.");
  const type = staffType !== e.message_type && hasMessage(staffType) ? staffType : e.message_type;
  return format(lang, type, { ...item, ...paramsOf(e) });
}
