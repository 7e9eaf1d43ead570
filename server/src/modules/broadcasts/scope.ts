import { sql, type RawBuilder, type Transaction } from "kysely";
import type { Db } from "../../db/pool.js";
import type { DB } from "../../db/types.js";
import { notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { scopeOf } from "../../policy/policy.js";

/** Announcements sent by a unit of her subtree (a province admin's covers every one). */
export function inStaffScope(auth: AuthContext): RawBuilder<boolean> {
  const { paths } = scopeOf(auth);
  if (paths.length === 0) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM units su WHERE su.id = b.unit_id AND su.path LIKE ANY (${sql.val(paths.map((p) => `${p}%`))}::text[]))`;
}

/** One announcement of her subtree (404 otherwise: she learns nothing of others'), optionally locked for a change. */
export async function staffBroadcast(db: Db | Transaction<DB>, auth: AuthContext, id: string, lock = false) {
  let q = db.selectFrom("broadcasts as b").selectAll("b").where("b.id", "=", id).where(inStaffScope(auth));
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy thông báo này.");
  return row;
}
