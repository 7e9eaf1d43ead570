import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OaInteractionsTable {
  oa_user_id: string;
  last_interaction_at: Date | null;
  following: boolean | null;
  /** The event time of the follow/unfollow that set `following`: an older one arriving later changes nothing. */
  follow_changed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Every OA webhook event once (the chatbot's input), keyed by msg_id or name + time + user. */
export interface OaEventsTable {
  event_key: string;
  event_name: string;
  oa_user_id: string | null;
  occurred_at: Date;
  payload: unknown;
  /** What processing did with it: "linked", "bad_code", "code_limited", or null. */
  outcome: string | null;
  received_at: Timestamp;
}

/** A short code a member shows in the Mini App and sends to the OA chat, proving which OA user she is. */
export interface OaLinkCodesTable {
  code: string;
  member_id: string;
  expires_at: Date;
  created_at: Timestamp;
}

export interface ZaloTables {
  oa_interactions: OaInteractionsTable;
  oa_events: OaEventsTable;
  oa_link_codes: OaLinkCodesTable;
}
