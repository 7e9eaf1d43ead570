import type { Generated } from "kysely";

export interface OpsBoardPassesTable {
  token_hash: string;
  member_id: string;
  kind: "ticket" | "session";
  expires_at: Date;
  used_at: Date | null;
  created_at: Generated<Date>;
}

export interface OpsTables {
  ops_board_passes: OpsBoardPassesTable;
}
