import type { Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import type { OaEvent } from "../../zalo/webhook.js";
import type { Conversation } from "./conversation.js";
import type { BotData } from "./cache.js";
import type { ChatbotSettings } from "./texts.js";
import type { UrgentFiled } from "../safety/urgent.js";

/** What the bot decided for one message: replies to send (in order), and whether they belong to a private flow. */
export interface Turn {
  deps: AppDeps;
  tx: Transaction<DB>;
  conv: Conversation;
  lang: string;
  settings: ChatbotSettings;
  /** The bot's sentences, settings and keywords as this process holds them (cache.ts). */
  data: BotData;
  now: Date;
  eventKey: string;
  memberId: string | null;
  replies: Array<{ text: string; private: boolean }>;
  /** The conversation as it is after this message; saved once at the end. */
  next: { state: string; data: Record<string, unknown>; failed?: number };
  /** Set by a handover: when the unanswered conversation moves up (a delayed job added after commit). */
  escalateAt?: { conversationId: string; at: Date };
  /** A danger phrase was met: the conversation is marked urgent for the cán bộ. */
  urgent?: boolean;
  /** The urgent record a danger phrase filed (urgent.ts): its alerts and acknowledgement check go out after commit. */
  urgentFiled?: Pick<UrgentFiled, "fx" | "assignmentId" | "ackDueAt">;
  /** One sentence in her language, placeholders filled (the Mini App link always available as {{appLink}}). */
  text(key: string, params?: Record<string, string | number>): string;
  say(key: string, params?: Record<string, string | number>, opts?: { private?: boolean }): void;
}

/** The URL of the photo / voice message / file in a user_send_* event (Zalo: message.attachments[0].payload.url). */
export function attachmentUrl(event: OaEvent): string | null {
  const atts = (event.message as { attachments?: unknown } | undefined)?.attachments;
  if (!Array.isArray(atts)) return null;
  const url = (atts[0] as { payload?: { url?: unknown } } | undefined)?.payload?.url;
  return typeof url === "string" && /^https?:\/\//.test(url) ? url : null;
}
