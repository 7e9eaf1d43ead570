import type { ColumnType, Generated } from "kysely";

type Auto<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type DeliveryChannel = "in_app" | "oa_cs" | "template";
export type DeliveryStatus = "pending" | "sent" | "fallback" | "skipped" | "failed";

/** One row per notification, recipient and channel; in_app rows are the member's notification list. */
export interface DeliveriesTable {
  id: Generated<string>;
  /** The module that sent it ("feedback", …) and its id for the thing the notification is about. */
  source_module: string;
  source_id: string;
  /** Tells two notifications about the same thing apart (feedback: the timeline event's id). */
  dedupe_key: string;
  /** Feedback's timeline event that caused it, when there is one. */
  event_id: number | null;
  /** The Mini App route that opens the source for this recipient. */
  link: string;
  recipient_id: string;
  channel: DeliveryChannel;
  status: Auto<DeliveryStatus>;
  /** Message type (a catalogue key) and its parameters: written out in her language when listed or sent. */
  type: string;
  params: Auto<unknown>;
  attempts: Auto<number>;
  last_error: string | null;
  provider_message_id: string | null;
  queued_at: Date | null;
  sent_at: Date | null;
  read_at: Date | null;
  created_at: Timestamp;
  /** Set just before the Zalo call, cleared with its outcome: still set on a later run means "in doubt" (send.ts). */
  sending_since: Auto<Date | null>;
  /** Whether an OA message Zalo refuses may fall back to a template message. */
  template_fallback: Auto<boolean>;
}

export interface NotifySettingsTable {
  key: string;
  value: unknown;
  updated_at: Timestamp;
}

export interface NotifyTables {
  deliveries: DeliveriesTable;
  notify_settings: NotifySettingsTable;
}
