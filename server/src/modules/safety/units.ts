import { SafetyErrorCode } from "@hoiso/shared";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/types.js";
import { badRequest, unitNotFound } from "../../http/errors.js";

type Conn = Kysely<DB> | Transaction<DB>;

export interface Commune {
  id: string;
  name: string;
  path: string;
}

/** The xã/phường a unit belongs to (itself when it is one), from its materialised path; null above the communes. */
export async function communeOfOrNull(db: Conn, unitId: string): Promise<Commune | null> {
  const u = await db.selectFrom("units").select("path").where("id", "=", unitId).executeTakeFirst();
  if (!u) throw unitNotFound();
  const ids = u.path.split("/").filter(Boolean);
  const c = await db.selectFrom("units").select(["id", "name", "path"]).where("id", "in", ids).where("level", "=", "xa").executeTakeFirst();
  return c ?? null;
}

export async function communeOf(db: Conn, unitId: string): Promise<Commune> {
  const c = await communeOfOrNull(db, unitId);
  if (!c) throw badRequest("Chị vui lòng chọn một xã/phường.", "unitId", SafetyErrorCode.SAFETY_NOT_A_COMMUNE);
  return c;
}
