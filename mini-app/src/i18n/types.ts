/**
 * A catalogue in a language that is not finished: any subset of the Vietnamese keys (vi is the type source), each a
 * plain string. A key missing here is read from vi (`fallbackLng: "vi"`); a key vi does not have is a type error.
 */
export type Translation<T> = { readonly [K in keyof T]?: T[K] extends string ? string : Translation<T[K]> };

/**
 * Whether the union's translators have checked a catalogue. hmn and dao start as "needs-review": their few strings
 * are short common words, to be corrected and completed by people who speak the language.
 */
export type ReviewStatus = "needs-review" | "reviewed";

/** What a lazily loaded hmn.ts / dao.ts module looks like. */
export interface TranslationModule<T> {
  default: Translation<T>;
  REVIEW_STATUS: ReviewStatus;
}
