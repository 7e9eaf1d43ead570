import type { ColumnType, Generated } from "kysely";

type Auto<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Every sentence the bot says, per language; an admin edits them (admin-routes.ts). */
export interface ChatbotTextsTable {
  key: string;
  language: string;
  text: string;
  updated_at: Timestamp;
  updated_by: string | null;
  /** A hmn/dao draft the union's translators have not checked yet (migration 101). */
  needs_review: Auto<boolean>;
}

/** Folded keywords per intent (migration 101); `danger` adds to the engine's built-in phrases. */
export interface ChatbotIntentsTable {
  intent: string;
  keywords: string[];
  updated_at: Timestamp;
  updated_by: string | null;
}

export type ConversationMode = "bot" | "human";

/** One per OA follower: the bot's step and gathered data (until expires_at), and the handover to a cán bộ. */
export interface ChatbotConversationsTable {
  id: Generated<string>;
  oa_user_id: string;
  state: Auto<string>;
  data: Auto<unknown>;
  expires_at: Date | null;
  failed_answers: Auto<number>;
  mode: Auto<ConversationMode>;
  unit_id: string | null;
  member_id: string | null;
  handed_over_at: Date | null;
  staff_answered_at: Date | null;
  escalated_at: Date | null;
  /** Her flood limit: the start of the current minute and how many events she sent in it. */
  rate_window_at: Date | null;
  rate_count: Auto<number>;
  /** A danger phrase was met: the cán bộ sees this conversation first. */
  urgent_at: Date | null;
  /** The urgent record a danger phrase filed (migration 102); a new one is filed only once it is resolved or closed. */
  urgent_submission_id: string | null;
  last_message_at: Timestamp;
  created_at: Timestamp;
}

/** The history (both directions) and the bot's outbox: outbound rows start `pending` and the chatbot.send queue sends them. */
export interface ChatbotMessagesTable {
  id: Generated<string>;
  conversation_id: string;
  direction: "in" | "out";
  author: "user" | "bot" | "staff";
  staff_id: string | null;
  event_key: string | null;
  seq: Auto<number>;
  text: string;
  private: Auto<boolean>;
  status: Auto<"pending" | "sent" | "failed" | "skipped">;
  last_error: string | null;
  queued_at: Date | null;
  sent_at: Date | null;
  created_at: Timestamp;
}

export interface ChatbotSettingsTable {
  key: string;
  value: unknown;
  updated_at: Timestamp;
}

export interface ChatbotTables {
  chatbot_texts: ChatbotTextsTable;
  chatbot_conversations: ChatbotConversationsTable;
  chatbot_messages: ChatbotMessagesTable;
  chatbot_settings: ChatbotSettingsTable;
  chatbot_intents: ChatbotIntentsTable;
}
