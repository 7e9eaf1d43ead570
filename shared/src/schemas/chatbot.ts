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
export const BotTextBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 1900 }) });
export type BotTextBody = Static<typeof BotTextBody>;
