import { CHATBOT_SETTING_LIMITS } from "@hoiso/shared";
import type { Kysely, Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";

type Conn = Kysely<DB> | Transaction<DB>;

/** The link into the Mini App that every "open Hội Số" sentence carries (Zalo's public Mini App address). */
export const appLinkOf = (deps: AppDeps) => `https://zalo.me/s/${deps.config.zalo.appId}/`;

/** `{{name}}` placeholders filled; an unknown one reads as nothing rather than as braces in her chat. */
export const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => (name in params ? String(params[name]) : ""));

/**
 * One bot sentence in her language (Vietnamese where the union has no translation of it yet), `{{name}}`
 * placeholders filled, from the sentences as loaded (cache.ts). The sentences are data (chatbot_texts), edited by
 * the province admin.
 */
export function textFrom(texts: ReadonlyMap<string, string>, key: string, lang: string, params: Record<string, string | number> = {}): string {
  const instead = TRANSLATION_FALLBACK[key];
  const near = lang !== "vi" && instead && instead !== "vi" ? texts.get(`${instead}.${lang}`) : undefined;
  return fill(texts.get(`${key}.${lang}`) ?? near ?? texts.get(`${key}.vi`) ?? key, params);
}

/**
 * What a H'Mông or Dao reader gets for a sentence the union has no draft of in her language yet: "vi" (the Vietnamese
 * sentence), or another sentence of the same meaning that has a draft (read instead, in her language). Every bot
 * sentence either has a draft in hmn and dao or is listed here (tests/server/chatbot/texts.test.ts): a new sentence
 * must say how it falls back. Cán bộ-facing sentences (urgent_private_body) are Vietnamese by design.
 */
export const TRANSLATION_FALLBACK: Readonly<Record<string, string>> = {
  // In danger inside a guided feedback: the safety answer in her language (it too says a cán bộ was told).
  safety_private: "safety",
  handover: "vi",
  not_found: "vi",
  news: "vi",
  contests: "vi",
  services_list: "vi",
  answer: "vi",
  unsure: "vi",
  clarify: "vi",
  fb_need_link: "vi",
  fb_category: "vi",
  fb_text: "vi",
  fb_attached: "vi",
  fb_anonymous: "vi",
  fb_confirm: "vi",
  fb_anon_yes: "vi",
  fb_anon_no: "vi",
  fb_sent: "vi",
  fb_sent_private: "vi",
  fb_failed: "vi",
  fb_cancelled: "vi",
  fb_choose: "vi",
  status: "vi",
  status_unknown: "vi",
  handover_closed: "vi",
  too_long: "vi",
  empty: "vi",
  unsupported: "vi",
  rate_limited: "vi",
  status_received: "vi",
  status_forwarded: "vi",
  status_acknowledged: "vi",
  status_replied: "vi",
  status_resolved: "vi",
  status_closed: "vi",
  linked: "vi",
  expired: "vi",
  urgent_private_body: "vi",
};

/** The same, read from the table (outside the hot path: a cán bộ closing a conversation, tests). */
export async function botText(db: Conn, key: string, lang: string, params: Record<string, string | number> = {}): Promise<string> {
  const rows = await db.selectFrom("chatbot_texts").select(["key", "language", "text"]).where("key", "=", key).where("language", "in", [lang, "vi"]).execute();
  return textFrom(new Map(rows.map((r) => [`${r.key}.${r.language}`, r.text])), key, lang, params);
}

export interface ChatbotSettings {
  conversationTtlMinutes: number;
  handoverEscalateMinutes: number;
  perFollowerPerMinute: number;
  maxTextChars: number;
}

const DEFAULTS: ChatbotSettings = { conversationTtlMinutes: 30, handoverEscalateMinutes: 120, perFollowerPerMinute: 12, maxTextChars: 1000 };
/** The database key of each setting, and the range an admin may set (validated on save, checked again on read). */
export const SETTINGS: Record<keyof ChatbotSettings, { key: string; min: number; max: number }> = {
  conversationTtlMinutes: { key: "conversation_ttl_minutes", ...CHATBOT_SETTING_LIMITS.conversationTtlMinutes },
  handoverEscalateMinutes: { key: "handover_escalate_minutes", ...CHATBOT_SETTING_LIMITS.handoverEscalateMinutes },
  perFollowerPerMinute: { key: "per_follower_per_minute", ...CHATBOT_SETTING_LIMITS.perFollowerPerMinute },
  maxTextChars: { key: "max_text_chars", ...CHATBOT_SETTING_LIMITS.maxTextChars },
};

export function settingsFrom(rows: ReadonlyArray<{ key: string; value: unknown }>): ChatbotSettings {
  const s = { ...DEFAULTS };
  for (const [name, def] of Object.entries(SETTINGS) as Array<[keyof ChatbotSettings, (typeof SETTINGS)[keyof ChatbotSettings]]>) {
    const v = rows.find((r) => r.key === def.key)?.value;
    if (typeof v === "number" && Number.isInteger(v) && v >= def.min && v <= def.max) s[name] = v;
  }
  return s;
}
