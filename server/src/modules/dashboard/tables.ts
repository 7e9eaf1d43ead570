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

export interface DashboardTables {
  unit_women_counts: UnitWomenCountsTable;
}
