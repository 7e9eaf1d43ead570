import i18next, { type i18n } from "i18next";
import { calendarDay, clockTime, DEFAULT_LANGUAGE, LANGUAGES, MESSAGE_CATALOGUES, type Language, type PartialCatalogue } from "@hoiso/shared";

/** A message as stored: its type (a catalogue key) and the values for its placeholders. */
export interface Message {
  type: string;
  params: Record<string, unknown>;
}

/**
 * The server's one i18next instance, over the shared catalogues (shared/src/i18n/messages). Initialised
 * synchronously at import: the resources are in memory, nothing is fetched.
 */
const instance: i18n = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: MESSAGE_CATALOGUES[l] }])),
  // Plain text for Zalo and the app (React escapes on display); HTML escaping would mangle "&" and quotes.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/**
 * i18next's `t` typed for plain string keys: its own typing follows module augmentation (CustomTypeOptions), which the
 * Mini App sets for its namespaces; the server's keys are checked by MessageType instead.
 */
const t = instance.t.bind(instance) as unknown as (key: string, options: Record<string, unknown>) => string;

const asDate = (v: unknown): Date | null => {
  const d = v instanceof Date ? v : typeof v === "string" || typeof v === "number" ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};
const formatter = instance.services.formatter;
if (!formatter) throw new Error("i18next formatter missing");
formatter.add("clock", (v: unknown) => {
  const d = asDate(v);
  return d ? clockTime(d) : "";
});
formatter.add("day", (v: unknown) => {
  const d = asDate(v);
  return d ? calendarDay(d) : "";
});

/**
 * Catalogue entries a module brings along besides the shared ones (a namespace of its own, e.g. "announcement"):
 * Vietnamese complete, other languages optional. Later registrations of the same key win.
 */
export function registerMessages(catalogues: Partial<Record<Language, PartialCatalogue | Record<string, unknown>>> & { vi: Record<string, unknown> }): void {
  for (const lang of LANGUAGES) {
    const c = catalogues[lang];
    if (c) instance.addResourceBundle(lang, "translation", c, true, true);
  }
}

/** Whether the catalogues (in Vietnamese at least) know this message type. */
export const hasMessage = (type: string): boolean => instance.exists(type, { lng: DEFAULT_LANGUAGE });

/**
 * The message written out in `lang`, falling back to Vietnamese for a type the language lacks. `params.kind`
 * ("feedback" | "report" | "petition") also gives {{kindName}} and {{kindNameLower}} in that language.
 */
export function format(lang: Language, type: string, params: Record<string, unknown> = {}): string {
  const values: Record<string, unknown> = { ...params };
  if (typeof params.kind === "string") {
    values.kindName = t(`kind.${params.kind}`, { lng: lang });
    values.kindNameLower = t(`kindLower.${params.kind}`, { lng: lang });
  }
  return t(type, { ...values, lng: lang });
}

export const formatMessage = (lang: Language, m: Message): string => format(lang, m.type, m.params);
