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
