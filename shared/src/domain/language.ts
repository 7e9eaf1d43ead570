/**
 * The languages a member may read the app in. Vietnamese is complete and the fallback for every string a catalogue
 * lacks; H'Mông (`hmn`) and Dao (`dao`) grow as the union's translators review them. Pure data, no schemas.
 */
export const LANGUAGES = ["vi", "hmn", "dao"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "vi";

/** Each language named in itself, as the picker in Cá nhân shows it. */
export const LANGUAGE_NAME: Record<Language, string> = {
  vi: "Tiếng Việt",
  hmn: "Lus Hmoob",
  dao: "Kìm Mùn (Dao)",
};

export function isLanguage(x: unknown): x is Language {
  return typeof x === "string" && (LANGUAGES as readonly string[]).includes(x);
}

/** A stored value (NULL for members who never chose, or a language since withdrawn) read as a language. */
export function languageOf(stored: string | null | undefined): Language {
  return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}
