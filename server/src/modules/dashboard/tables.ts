import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** The number of women a unit counts in a year (admin-entered or imported): what "members gathered" divides by. */
export interface UnitWomenCountsTable {
  unit_id: string;
  year: number;
  women: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

/**
 * A refreshed count: `fact` of `unit_id` on the Lào Cai `day` (grain d), its month (m, day = the 1st) or year (y); or
 * (grain c) everything before `day`, the 1st of a month.
 */
export interface DashboardFactsTable {
  fact: string;
  grain: "y" | "m" | "d" | "c";
  day: string;
  unit_id: string;
  key: string;
  n: ColumnType<string, number | string, number | string>;
}

/** One feedback item as the dashboard reads it: the joins to its assignments, events and rating done at refresh. */
export interface DashboardItemsTable {
  submission_id: string;
  origin_unit_id: string;
  category_code: string;
  channel: string;
  urgent: boolean;
  created_at: Date;
  resolved_at: Date | null;
  due_at: Date | null;
  first_answer_at: Date | null;
  first_contact_at: Date | null;
  escalated_at: Date[];
  lifted_at: Date | null;
  rating: string | null;
  rated_at: Date | null;
}

export interface DashboardRefreshTable {
  id: number;
  refreshed_at: Date;
  items_watermark: Date;
  full_at: Date;
  took_ms: number;
}

export interface DashboardTables {
  unit_women_counts: UnitWomenCountsTable;
  dashboard_facts: DashboardFactsTable;
  dashboard_items: DashboardItemsTable;
  dashboard_refresh: DashboardRefreshTable;
}
