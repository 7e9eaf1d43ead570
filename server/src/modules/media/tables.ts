import type { ColumnType } from "kysely";

export interface MediaTable {
  id: string;
  owner_id: string;
  kind: "image" | "audio" | "document";
  mime: string;
  size_bytes: number;
  sha256: string;
  duration_ms: number | null;
  storage_key: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MediaTables {
  media: MediaTable;
}
