import type { ColumnType, Generated } from "kysely";

type Auto<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Level = "tinh" | "xa" | "chi_hoi" | "to";

export type SubmissionKind = "feedback" | "report" | "petition";
export type SubmissionStatus = "received" | "forwarded" | "acknowledged" | "replied" | "resolved" | "closed";
export type SubmissionChannel = "mini_app" | "dien_thoai" | "truc_tiep" | "giay" | "hop";
export type AssignmentReason = "primary" | "escalation" | "forward" | "reroute" | "petition";

export interface CategoriesTable {
  code: string;
  name: string;
  description: Auto<string>;
  handling_level: Level;
  sla_hours: number;
  private: Auto<boolean>;
  active: Auto<boolean>;
  sort: Auto<number>;
  updated_at: Timestamp;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  category_code: string;
  origin_unit_id: string | null;
  target_level: Level;
  sla_hours: number | null;
  escalation_levels: Auto<Level[]>;
  active: Auto<boolean>;
  note: Auto<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SubmissionsTable {
  id: Generated<string>;
  tracking_code: string;
  kind: SubmissionKind;
  category_code: string;
  body: string;
  search_text: string;
  origin_unit_id: string;
  author_id: string;
  anonymous: Auto<boolean>;
  sensitive: Auto<boolean>;
  /** An urgent report (safety module, migration 070): first in the inbox, alerts on every channel. */
  urgent: Auto<boolean>;
  /** How it reached the Hội (migration 090): the Mini App, or entered on her behalf by a cán bộ. */
  channel: Auto<SubmissionChannel>;
  /** Closed as a khiếu nại or tố cáo, which follow their own legal procedure (migration 090). */
  legal_route: "khieu_nai" | "to_cao" | null;
  status: Auto<SubmissionStatus>;
  queued_at: Date | null;
  routed_at: Date | null;
  resolved_at: Date | null;
  resolved_assignment_id: string | null;
  follow_up_asked_at: Date | null;
  follow_up_answer: boolean | null;
  petition_state: "open" | "reached" | "not_reached" | null;
  petition_deadline: Date | null;
  petition_threshold: number | null;
  signature_count: Auto<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SubmissionMediaTable {
  submission_id: string;
  media_id: string;
  kind: "image" | "audio";
  sort: Auto<number>;
}

export interface AssignmentsTable {
  id: Generated<string>;
  submission_id: string;
  unit_id: string;
  reason: AssignmentReason;
  from_assignment_id: string | null;
  sla_hours: number;
  escalation_levels: Auto<Level[]>;
  due_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  closed: Auto<boolean>;
  escalated_at: Date | null;
  created_at: Timestamp;
}

export interface SubmissionEventsTable {
  id: Generated<number>;
  submission_id: string;
  type: string;
  actor_id: string | null;
  unit_id: string | null;
  assignment_id: string | null;
  /** The stored sentence of rows from before message types (kept as evidence; new rows leave it empty). */
  message: Auto<string>;
  /** What the timeline shows: a catalogue key and its parameters, written out in the reader's language. */
  message_type: string;
  params: Auto<unknown>;
  visible_to_author: Auto<boolean>;
  public: Auto<boolean>;
  detail: Auto<unknown>;
  created_at: Timestamp;
}

export interface PetitionSignaturesTable {
  submission_id: string;
  member_id: string;
  signed_at: Timestamp;
}

export interface FeedbackSettingsTable {
  key: string;
  value: unknown;
  updated_at: Timestamp;
}

export interface SubmissionKeysTable {
  member_id: string;
  key: string;
  submission_id: string;
  created_at: Generated<Date>;
}

export interface SubmissionOnBehalfTable {
  submission_id: string;
  entered_by: string;
  woman_name: string | null;
  woman_phone: string | null;
  woman_phone_enc: ColumnType<string | null, string | null | undefined, string | null>;
  woman_phone_hmac: ColumnType<string | null, string | null | undefined, string | null>;
  consent: boolean;
  notify_consent: Auto<boolean>;
  created_at: Timestamp;
}

export interface SubmissionRatingsTable {
  submission_id: string;
  unit_id: string;
  rating: "hai_long" | "binh_thuong" | "chua_hai_long";
  comment: Auto<string>;
  rated_at: Timestamp;
}

export interface SubmissionEventMediaTable {
  event_id: number;
  media_id: string;
  kind: "image" | "document";
  sort: Auto<number>;
}

export interface SubmissionLocationsTable {
  submission_id: string;
  lat: number;
  lng: number;
  at: Timestamp;
}

/** Kết quả xử lý (migration 091): her consent to publish and the cán bộ's reviewed, public copy. */
export interface SubmissionPublicationsTable {
  submission_id: string;
  consent: boolean;
  consent_at: Timestamp;
  state: Auto<"pending" | "published" | "declined" | "unpublished">;
  public_id: string | null;
  public_text: string | null;
  public_answer: string | null;
  search_text: string | null;
  unit_id: string | null;
  commune_id: string | null;
  due_at: Date | null;
  resolved_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  published_at: Date | null;
}

export interface SubmissionPublicMediaTable {
  submission_id: string;
  /** What the public sees: the proof photo itself, or the cán bộ's copy of it with faces covered (migration 092). */
  media_id: string;
  sort: Auto<number>;
  /** The proof photo a covered copy stands for; null when the proof photo itself is shown. */
  source_media_id: Auto<string | null>;
}

export interface FeedbackTables {
  categories: CategoriesTable;
  routing_rules: RoutingRulesTable;
  submissions: SubmissionsTable;
  submission_media: SubmissionMediaTable;
  assignments: AssignmentsTable;
  submission_events: SubmissionEventsTable;
  petition_signatures: PetitionSignaturesTable;
  feedback_settings: FeedbackSettingsTable;
  submission_keys: SubmissionKeysTable;
  submission_on_behalf: SubmissionOnBehalfTable;
  submission_ratings: SubmissionRatingsTable;
  submission_event_media: SubmissionEventMediaTable;
  submission_locations: SubmissionLocationsTable;
  submission_publications: SubmissionPublicationsTable;
  submission_public_media: SubmissionPublicMediaTable;
}
