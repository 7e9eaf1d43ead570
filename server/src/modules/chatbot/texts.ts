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
  return fill(texts.get(`${key}.${lang}`) ?? texts.get(`${key}.vi`) ?? key, params);
}

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
