import type { Kysely, Transaction } from "kysely";
import type { UnitLevelName } from "@hoiso/shared";
import type { DB } from "../../db/types.js";

type Conn = Kysely<DB> | Transaction<DB>;

export interface ChainUnit {
  id: string;
  level: UnitLevelName;
  name: string;
  path: string;
  active: boolean;
}

/** The unit and its ancestors, province first: the ids are the segments of its materialised path. */
export async function unitChain(db: Conn, unitId: string): Promise<ChainUnit[]> {
  const unit = await db.selectFrom("units").select("path").where("id", "=", unitId).executeTakeFirst();
  if (!unit) return [];
  const ids = unit.path.split("/").filter(Boolean);
  const rows = await db.selectFrom("units").select(["id", "level", "name", "path", "active"]).where("id", "in", ids).execute();
  return rows.sort((a, b) => a.path.length - b.path.length);
}

export async function unitName(db: Conn, unitId: string): Promise<string> {
  const row = await db.selectFrom("units").select("name").where("id", "=", unitId).executeTakeFirst();
  return row?.name ?? "";
}
