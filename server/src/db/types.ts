import type { ColumnType, Generated } from "kysely";
import type { MediaTables } from "../modules/media/tables.js";
import type { ZaloTables } from "../modules/zalo/tables.js";
import type { FeedbackTables } from "../modules/feedback/tables.js";
import type { NotifyTables } from "../modules/notify/tables.js";
import type { ContentTables } from "../modules/content/tables.js";
import type { SafetyTables } from "../modules/safety/tables.js";
import type { BroadcastTables } from "../modules/broadcasts/tables.js";
import type { ContestTables } from "../modules/contests/tables.js";
import type { ChatbotTables } from "../modules/chatbot/tables.js";
import type { OpsTables } from "../ops/tables.js";
import type { ConsultationTables } from "../modules/consultations/tables.js";
import type { PollTables } from "../modules/polls/tables.js";
import type { DashboardTables } from "../modules/dashboard/tables.js";

/** Columns the database fills in on insert. */
type Auto<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UnitsTable {
  id: Generated<string>;
  parent_id: string | null;
  level: "tinh" | "xa" | "chi_hoi" | "to";
  code: string;
  name: string;
  kind: string | null;
  path: string;
  former_names: Auto<string[]>;
  search_text: Auto<string>;
  active: Auto<boolean>;
  merged_into: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UnitHistoryTable {
  id: Generated<number>;
  unit_id: string;
  action: "create" | "rename" | "deactivate" | "merge" | "absorb";
  old_name: string | null;
  new_name: string | null;
  detail: Auto<unknown>;
  actor_id: string | null;
  at: Timestamp;
}

export interface MembersTable {
  id: Generated<string>;
  zalo_app_user_id: string | null;
  zalo_oa_user_id: string | null;
  name: string;
  avatar: string | null;
  /** Plaintext of rows from before migration 130 until sealed; new code writes phone_enc/phone_hmac only. */
  phone: string | null;
  phone_enc: ColumnType<string | null, string | null | undefined, string | null>;
  phone_hmac: ColumnType<string | null, string | null | undefined, string | null>;
  unit_id: string | null;
  membership_status: Auto<"none" | "pending" | "confirmed">;
  membership_requested_at: Date | null;
  membership_confirmed_by: string | null;
  membership_confirmed_at: Date | null;
  ethnicity: string | null;
  language: string | null;
  /** Her profile tags (shared/src/domain/profile-tags.ts), migration 052: hers alone, used only to target content. */
  profile_tags: Auto<string[]>;
  consents: Auto<unknown>;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_seen_at: Date | null;
}

export interface RolesTable {
  id: Generated<string>;
  member_id: string;
  unit_id: string;
  role: "can_bo" | "admin";
  scopes: Auto<string[]>;
  granted_by: string | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  member_id: string;
  created_at: Timestamp;
  expires_at: Date;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  detail: Auto<unknown>;
  at: Timestamp;
}

export interface ZaloOaTokensTable {
  oa_id: string;
  access_token: string;
  refresh_token: string;
  access_expires_at: Date;
  updated_at: Timestamp;
}

export interface CoreTables {
  units: UnitsTable;
  unit_history: UnitHistoryTable;
  members: MembersTable;
  roles: RolesTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  zalo_oa_tokens: ZaloOaTokensTable;
}

/** Each domain adds its tables here by extending. */
export interface DB extends CoreTables, OpsTables, MediaTables, FeedbackTables, NotifyTables, ZaloTables, ContentTables, SafetyTables, BroadcastTables, ContestTables, ChatbotTables, ConsultationTables, PollTables, DashboardTables {}
