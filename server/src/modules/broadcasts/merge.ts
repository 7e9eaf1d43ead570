import { sql, type Transaction } from "kysely";
import type { DB } from "../../db/types.js";

/**
 * A unit merge (ServerModule.onUnitMerge, inside the merge's transaction, after the tree's paths moved): announcements
 * not yet sent follow the surviving unit. The merged unit as sender or as a chosen unit becomes the survivor, and the
 * audience's paths are worked out again from the units' current paths (a chosen unit under the merged one moved with
 * it). What has gone out stays as it was sent. Answers how many announcements were retargeted.
 */
export async function retargetScheduled(tx: Transaction<DB>, fromId: string, intoId: string): Promise<number> {
  const from = await tx.selectFrom("units").select("path").where("id", "=", fromId).executeTakeFirstOrThrow();
  const rows = await tx
    .selectFrom("broadcasts")
    .select(["id", "unit_id", "target_unit_ids"])
    .where("status", "=", "scheduled")
    .where((eb) =>
      eb.or([
        eb("unit_id", "=", fromId),
        sql<boolean>`${fromId}::uuid = ANY (target_unit_ids)`,
        sql<boolean>`EXISTS (SELECT 1 FROM unnest(target_paths) p WHERE p LIKE ${`${from.path}%`})`,
      ]),
    )
    .forUpdate()
    .execute();
  for (const b of rows) {
    const unitId = b.unit_id === fromId ? intoId : b.unit_id;
    const targets = [...new Set(b.target_unit_ids.map((t) => (t === fromId ? intoId : t)))];
    const units = await tx
      .selectFrom("units")
      .select("path")
      .where("id", "in", targets.length > 0 ? targets : [unitId])
      .execute();
    // a unit inside another chosen one adds nobody (the survivor may now hold another chosen unit)
    const paths = units.map((u) => u.path).filter((p, _, all) => !all.some((q) => q !== p && p.startsWith(q)));
    const kept = targets.length > 0 ? await survivingTargets(tx, targets, paths) : [];
    await tx
      .updateTable("broadcasts")
      .set({ unit_id: unitId, target_unit_ids: kept, target_paths: [...new Set(paths)], updated_at: new Date() })
      .where("id", "=", b.id)
      .execute();
  }
  return rows.length;
}

/** The chosen units whose paths remain after dropping those inside another chosen one. */
async function survivingTargets(tx: Transaction<DB>, targets: string[], paths: string[]): Promise<string[]> {
  const rows = await tx.selectFrom("units").select(["id", "path"]).where("id", "in", targets).execute();
  return rows.filter((r) => paths.includes(r.path)).map((r) => r.id);
}
