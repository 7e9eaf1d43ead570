import type { ColumnType, Generated } from "kysely";
import type { BroadcastLinkKind } from "@hoiso/shared";

type Auto<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type BroadcastStatus = "scheduled" | "expanding" | "sending" | "done" | "cancelled";
export type BroadcastWho = "all" | "members" | "can_bo";

/** One announcement; who received it is in notify's deliveries (source_module 'broadcasts'). */
export interface BroadcastsTable {
  id: Generated<string>;
  unit_id: string;
  author_id: string;
  title: string;
  body: string;
  link_kind: BroadcastLinkKind | null;
  link_id: string | null;
  target_unit_ids: Auto<string[]>;
  target_paths: string[];
  /** Profile tags narrowing the audience (migration 081); empty = everyone of the units. */
  target_tags: Auto<string[]>;
  who: BroadcastWho;
  languages: Auto<string[]>;
  channels: Auto<string[]>;
  urgent: Auto<boolean>;
  status: BroadcastStatus;
  send_at: Timestamp;
  expanded_at: Date | null;
  chunk_count: number | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A page of the audience: members with ids in [first_member, last_member] who match it. */
export interface BroadcastChunksTable {
  broadcast_id: string;
  idx: number;
  first_member: string;
  last_member: string;
  size: number;
  done_at: Date | null;
  created_at: Timestamp;
}

export interface BroadcastTables {
  broadcasts: BroadcastsTable;
  broadcast_chunks: BroadcastChunksTable;
}
