import { sql, type RawBuilder, type Transaction } from "kysely";
import type { DB } from "../../db/types.js";

/** Tables whose rows address an audience as (unit_id, target_unit_ids, target_paths): announcements and polls. */
export type AudienceTable = "broadcasts" | "polls";

interface AudienceRow {
  id: string;
  unit_id: string;
  target_unit_ids: string[];
}

/**
 * A unit merge (ServerModule.onUnitMerge, inside the merge's transaction, after the tree's paths moved): the rows of
 * `table` still reaching women (`pending`, e.g. not yet sent, not yet closed) follow the surviving unit. The merged
 * unit as sender or as a chosen unit becomes the survivor, and the audience's paths are worked out again from the
 * units' current paths (a chosen unit under the merged one moved with it). Finished rows stay as they were. Answers
 * how many rows were retargeted.
 */
export async function retargetAudiences(
  tx: Transaction<DB>,
  table: AudienceTable,
  pending: RawBuilder<boolean>,
  fromId: string,
  intoId: string,
): Promise<number> {
  const from = await tx.selectFrom("units").select("path").where("id", "=", fromId).executeTakeFirstOrThrow();
  const t = sql.table(table);
  const { rows } = await sql<AudienceRow>`
    SELECT id, unit_id, target_unit_ids FROM ${t}
     WHERE ${pending}
       AND (unit_id = ${fromId}::uuid OR ${fromId}::uuid = ANY (target_unit_ids)
            OR EXISTS (SELECT 1 FROM unnest(target_paths) p WHERE p LIKE ${`${from.path}%`}))
       FOR UPDATE`.execute(tx);
  for (const row of rows) {
    const unitId = row.unit_id === fromId ? intoId : row.unit_id;
    const targets = [...new Set(row.target_unit_ids.map((id) => (id === fromId ? intoId : id)))];
    const units = await tx
      .selectFrom("units")
      .select(["id", "path"])
      .where("id", "in", targets.length > 0 ? targets : [unitId])
      .execute();
    // a unit inside another chosen one adds nobody (the survivor may now hold another chosen unit)
    const outer = units.filter((u) => !units.some((o) => o.path !== u.path && u.path.startsWith(o.path)));
    const kept = targets.length > 0 ? outer.map((u) => u.id) : [];
    const paths = [...new Set(outer.map((u) => u.path))];
    await sql`UPDATE ${t} SET unit_id = ${unitId}::uuid, target_unit_ids = ${kept}::uuid[], target_paths = ${paths}::text[], updated_at = now()
               WHERE id = ${row.id}::uuid`.execute(tx);
  }
  return rows.length;
}
