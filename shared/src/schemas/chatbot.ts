import { Type, type Static } from "@sinclair/typebox";
import { Uuid } from "./common.js";

/** A conversation a cán bộ has in Cán bộ → Tin nhắn. `who` is her name only when her OA id is linked to a member. */
export const ChatConversation = Type.Object({
  id: Uuid,
  who: Type.Union([Type.String(), Type.Null()]),
  unitId: Uuid,
  unitName: Type.String(),
  handedOverAt: Type.String({ format: "date-time" }),
  lastMessageAt: Type.String({ format: "date-time" }),
  lastText: Type.String(),
  answered: Type.Boolean(),
  escalated: Type.Boolean(),
  /** She wrote a danger phrase: shown first, marked urgent. */
  urgent: Type.Boolean(),
});
export type ChatConversation = Static<typeof ChatConversation>;
export const ChatConversationList = Type.Object({ items: Type.Array(ChatConversation) });
export type ChatConversationList = Static<typeof ChatConversationList>;

/** One message of the history; what she wrote inside a guided feedback (perhaps anonymous) is never listed. */
export const ChatMessage = Type.Object({
  id: Type.String(),
  direction: Type.Union([Type.Literal("in"), Type.Literal("out")]),
  author: Type.Union([Type.Literal("user"), Type.Literal("bot"), Type.Literal("staff")]),
  text: Type.String(),
  status: Type.String(),
  at: Type.String({ format: "date-time" }),
});
export type ChatMessage = Static<typeof ChatMessage>;
export const ChatConversationDetail = Type.Object({ conversation: ChatConversation, messages: Type.Array(ChatMessage) });
export type ChatConversationDetail = Static<typeof ChatConversationDetail>;

export const ChatReplyBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 1900 }) });
export type ChatReplyBody = Static<typeof ChatReplyBody>;

export const BotLanguage = Type.Union([Type.Literal("vi"), Type.Literal("hmn"), Type.Literal("dao")]);
export const BotText = Type.Object({ key: Type.String(), language: BotLanguage, text: Type.String(), updatedAt: Type.String({ format: "date-time" }) });
export type BotText = Static<typeof BotText>;
export const BotTextList = Type.Object({ items: Type.Array(BotText) });
export type BotTextList = Static<typeof BotTextList>;
export const BotTextParams = Type.Object({ key: Type.String({ pattern: "^[a-z_]{1,40}$" }), language: BotLanguage });
export type BotTextParams = Static<typeof BotTextParams>;
export const BotTextBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 1900 }), needsReview: Type.Optional(Type.Boolean()) });
export type BotTextBody = Static<typeof BotTextBody>;

/** Quản trị → Trợ lý OA (issue 15, second round): the sentences with their review state, settings, keywords, a trial. */
export const BotTextEntry = Type.Object({
  key: Type.String(),
  language: BotLanguage,
  text: Type.String(),
  updatedAt: Type.String({ format: "date-time" }),
  /** A hmn/dao draft not yet checked by the union's translators. */
  needsReview: Type.Boolean(),
});
export type BotTextEntry = Static<typeof BotTextEntry>;
export const BotTextEntryList = Type.Object({ items: Type.Array(BotTextEntry) });
export type BotTextEntryList = Static<typeof BotTextEntryList>;

const minutes = (min: number, max: number) => Type.Integer({ minimum: min, maximum: max });
export const BotSettings = Type.Object({
  conversationTtlMinutes: minutes(5, 1440),
  handoverEscalateMinutes: minutes(10, 10080),
  perFollowerPerMinute: minutes(3, 120),
  maxTextChars: minutes(100, 1900),
});
export type BotSettings = Static<typeof BotSettings>;

export const BotIntentName = Type.Union(["danger", "human", "news", "feedback", "services", "contests", "menu"].map((i) => Type.Literal(i)));
export const BotIntent = Type.Object({
  intent: Type.String(),
  keywords: Type.Array(Type.String()),
  /** Phrases the engine always knows (danger only); an admin cannot remove them. */
  builtIn: Type.Array(Type.String()),
  updatedAt: Type.String({ format: "date-time" }),
});
export type BotIntent = Static<typeof BotIntent>;
export const BotIntentList = Type.Object({ items: Type.Array(BotIntent) });
export type BotIntentList = Static<typeof BotIntentList>;
export const BotIntentParams = Type.Object({ intent: BotIntentName });
export const BotIntentBody = Type.Object({ keywords: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 80 }) });
export type BotIntentBody = Static<typeof BotIntentBody>;

export const BotPreviewBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }), language: Type.Optional(BotLanguage) });
export type BotPreviewBody = Static<typeof BotPreviewBody>;
export const BotPreview = Type.Object({
  /** Her words as the matcher sees them (no diacritics, lower case). */
  folded: Type.String(),
  /** danger | human | news | feedback | services | contests | menu | code | vague | question | too_long | empty */
  kind: Type.String(),
  /** question: answer (one guide fits), unsure (three closest offered), none. */
  verdict: Type.Union([Type.Literal("answer"), Type.Literal("unsure"), Type.Literal("none"), Type.Null()]),
  guides: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), score: Type.Number() })),
  /** What the bot would send first. */
  reply: Type.String(),
});
export type BotPreview = Static<typeof BotPreview>;
