import { foldedWords } from "@hoiso/shared";

export const INTENTS = ["danger", "human", "news", "feedback", "services", "contests", "menu"] as const;
export type Intent = (typeof INTENTS)[number];
export type IntentKeywords = Record<Intent, readonly string[]>;

/**
 * Phrases that always take her to the safety answer, whatever an admin edits (her added phrases come on top):
 * typed without diacritics, the way a woman in danger writes in a hurry. Whole words inside the message count.
 */
export const BUILT_IN_DANGER: readonly string[] = [
  "bi chong danh",
  "chong danh",
  "bi danh",
  "danh dap",
  "bi danh dap",
  "cuu toi",
  "cuu em",
  "cuu chi",
  "cuu voi",
  "cuu con",
  "dang gap nguy hiem",
  "nguy hiem qua",
  "bi hiep dam",
  "hiep dam",
  "cuong hiep",
  "bi xam hai",
  "bi de doa",
  "doa giet",
  "bi bao luc",
  "bao luc gia dinh",
  "bi bat coc",
  "bi lua ban",
  "bi ban sang",
  "bi nhot",
  "muon chet",
  "muon tu tu",
];

/** Keywords as the engine compares them: folded words joined by one space. */
export const foldKeyword = (k: string) => foldedWords(k).join(" ");

/** Her message, folded, padded so whole-word lookups are a plain `includes`. */
const padded = (folded: string) => ` ${folded} `;

/**
 * What her message asks for, before any guide is searched. Danger comes first, always: a phrase of danger anywhere
 * in the message (built-in or added). Then: "gặp cán bộ" at the start; a greeting with at most two more words
 * ("xin chao chi"); a menu word or number as the whole message. Null: a question for the guides.
 */
export function intentOf(text: string, keywords: IntentKeywords): Intent | null {
  const f = foldedWords(text.slice(0, 4000)).join(" ");
  if (f === "") return null;
  const p = padded(f);
  if ([...BUILT_IN_DANGER, ...keywords.danger].some((k) => k !== "" && p.includes(padded(k)))) return "danger";
  if (keywords.human.some((k) => k !== "" && p.startsWith(padded(k).trimEnd() + " "))) return "human";
  for (const intent of ["news", "feedback", "services", "contests"] as const) {
    if (keywords[intent].includes(f)) return intent;
  }
  const words = f.split(" ").length;
  if (keywords.menu.some((k) => k !== "" && (f === k || (p.startsWith(padded(k)) && words - k.split(" ").length <= 2)))) return "menu";
  return null;
}
