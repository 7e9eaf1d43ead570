import { foldedWords } from "./text.js";

/**
 * The OA bot's editable settings and keywords (Quản trị → Trợ lý OA): the ranges the server enforces and the Mini
 * App checks before sending.
 */
export const CHATBOT_SETTING_LIMITS = {
  conversationTtlMinutes: { min: 5, max: 1440 },
  handoverEscalateMinutes: { min: 10, max: 10080 },
  perFollowerPerMinute: { min: 3, max: 120 },
  maxTextChars: { min: 100, max: 1900 },
} as const;
export type ChatbotSettingName = keyof typeof CHATBOT_SETTING_LIMITS;

export const CHATBOT_INTENTS = ["danger", "human", "news", "feedback", "services", "contests", "menu"] as const;
export type ChatbotIntentName = (typeof CHATBOT_INTENTS)[number];

export const CHATBOT_KEYWORD_LIMITS = { maxLength: 60, maxPerIntent: 80 } as const;
/** A sentence of the bot, in any language (Zalo's consultation message takes about 2,000 characters). */
export const CHATBOT_TEXT_MAX = 1900;

/**
 * Short forms women type in a chat, as folded words (no diacritics), and the folded words they stand for. Only forms
 * that mean one thing in a question to the union: "dk" (được / đăng ký / điều kiện), "c" (chị / có) and "mk" (mình /
 * mật khẩu) are left to the fuzzy match. Misspellings ("khai sihn") are left to pg_trgm too: this is no stemmer.
 */
export const CHAT_SHORT_FORMS: Readonly<Record<string, string>> = {
  ko: "khong",
  k: "khong",
  kh: "khong",
  kg: "khong",
  khg: "khong",
  hok: "khong",
  hong: "khong",
  dc: "duoc",
  dx: "duoc",
  vs: "voi",
  j: "gi",
  ji: "gi",
  ntn: "nhu the nao",
  lm: "lam",
  bn: "bao nhieu",
  r: "roi",
  cx: "cung",
  ng: "nguoi",
  e: "em",
  dky: "dang ky",
  dki: "dang ky",
  sdt: "so dien thoai",
  tk: "tai khoan",
  bhyt: "bao hiem y te",
  bhxh: "bao hiem xa hoi",
  cccd: "can cuoc cong dan",
  csxh: "chinh sach xa hoi",
  nhcs: "ngan hang chinh sach",
};

/**
 * Folded words that ask or are polite but name no topic: "lam the nao", "cho em hoi", "giup chi voi", "thu tuc gi",
 * "dang ky". Every guide is a "thu tuc" one "dang ky"s, so these say nothing about which guide she means; with only a
 * handful of guides the search's own rarity weighting cannot learn that (a word missing from two guides of four looks
 * rare). Only words whose folded form has no common topic reading are listed: "the" (thế/thẻ) is, because "the bao
 * hiem" still carries the card as a pair; "can" (cần/cận/căn), "giay", "to" (tổ), "ho" (hộ), "nha", "vay", "so" are not.
 */
export const CHAT_GENERIC_WORDS: ReadonlySet<string> = new Set([
  // asking
  "lam", "the", "nao", "sao", "gi", "dau", "nhu", "co", "khong", "duoc", "chua", "roi", "thi", "la", "phai", "de", "ve", "biet", "muon", "tai",
  // courtesy and address
  "em", "chi", "oi", "ah", "nhe", "voi", "giup", "cho", "hoi", "xin", "toi", "minh", "ad", "admin",
  // what every guide is
  "thu", "tuc", "dang", "ky",
]);

/**
 * Topics a woman names in words the guides do not use: the guide's own words are searched as well, as one more unit.
 * "tài khoản" in a question to the union is the VNeID (định danh điện tử) account: that guide says "định danh", the
 * birth-registration guide only mentions a VNeID account in passing. "vn eid" is how a phone keyboard splits VNeID.
 */
export const CHAT_TOPIC_HINTS: Readonly<Record<string, readonly string[]>> = {
  "tai khoan": ["dinh danh dien tu"],
  vneid: ["dinh danh dien tu"],
  "vn eid": ["vneid", "dinh danh dien tu"],
};

/** Her question as folded words, short forms spelled out: what the bot's guide search compares. */
export function chatWords(text: string): string[] {
  return foldedWords(text).flatMap((w) => (CHAT_SHORT_FORMS[w] ?? w).split(" "));
}
