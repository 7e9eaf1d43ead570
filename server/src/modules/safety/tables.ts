import type { ColumnType, Generated } from "kysely";

type Auto<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type TrustedKind = "dia_chi_tin_cay" | "nha_tam_lanh" | "cong_an" | "y_te" | "tu_van" | "khac";

export interface SafetyReportsTable {
  submission_id: string;
  callback_phone: string | null;
  callback_phone_enc: ColumnType<string | null, string | null | undefined, string | null>;
  where_text: Auto<string>;
  location_lat: number | null;
  location_lng: number | null;
  location_at: Date | null;
}

export interface SafetyAlertsTable {
  assignment_id: string;
  submission_id: string;
  unit_id: string;
  alerted_at: Date;
  ack_due_at: Date;
  checked_at: Date | null;
  escalated_at: Date | null;
}

export interface SafetyOnCallTable {
  unit_id: string;
  member_id: string;
  weekdays: Auto<number[]>;
  from_minute: Auto<number>;
  to_minute: Auto<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface TrustedAddressesTable {
  id: Generated<string>;
  unit_id: string;
  kind: TrustedKind;
  name: string;
  help: Auto<string>;
  address: Auto<string>;
  phone: string | null;
  hours: Auto<string>;
  managed_by: Auto<string>;
  sort: Auto<number>;
  active: Auto<boolean>;
  sample: Auto<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SafetySettingsTable {
  key: string;
  value: unknown;
  updated_at: Timestamp;
}

export interface SafetyTables {
  safety_reports: SafetyReportsTable;
  safety_alerts: SafetyAlertsTable;
  safety_on_call: SafetyOnCallTable;
  trusted_addresses: TrustedAddressesTable;
  safety_settings: SafetySettingsTable;
}
