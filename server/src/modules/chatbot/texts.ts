import type { Kysely, Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";

type Conn = Kysely<DB> | Transaction<DB>;

/** The link into the Mini App that every "open Hội Số" sentence carries (Zalo's public Mini App address). */
export const appLinkOf = (deps: AppDeps) => `https://zalo.me/s/${deps.config.zalo.appId}/`;

/**
 * One bot sentence in her language (Vietnamese where the union has no translation of it yet), `{{name}}`
 * placeholders filled. The sentences are data (chatbot_texts), edited by the province admin.
 */
export async function botText(db: Conn, key: string, lang: string, params: Record<string, string | number> = {}): Promise<string> {
  const rows = await db.selectFrom("chatbot_texts").select(["language", "text"]).where("key", "=", key).where("language", "in", [lang, "vi"]).execute();
  const row = rows.find((r) => r.language === lang) ?? rows.find((r) => r.language === "vi");
  const template = row?.text ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => (name in params ? String(params[name]) : ""));
}

export interface ChatbotSettings {
  conversationTtlMinutes: number;
  handoverEscalateMinutes: number;
  perFollowerPerMinute: number;
  maxTextChars: number;
}

const DEFAULTS: ChatbotSettings = { conversationTtlMinutes: 30, handoverEscalateMinutes: 120, perFollowerPerMinute: 12, maxTextChars: 1000 };
const KEYS: Record<string, keyof ChatbotSettings> = {
  conversation_ttl_minutes: "conversationTtlMinutes",
  handover_escalate_minutes: "handoverEscalateMinutes",
  per_follower_per_minute: "perFollowerPerMinute",
  max_text_chars: "maxTextChars",
};

export async function loadChatbotSettings(db: Conn): Promise<ChatbotSettings> {
  const rows = await db.selectFrom("chatbot_settings").select(["key", "value"]).execute();
  const s = { ...DEFAULTS };
  for (const r of rows) {
    const k = KEYS[r.key];
    if (k && typeof r.value === "number" && Number.isFinite(r.value) && r.value > 0) s[k] = r.value;
  }
  return s;
}
