import type { UnitLevelName } from "@hoiso/shared";
import { sql, type Transaction } from "kysely";
import { audit } from "../../db/audit.js";
import type { DB, UnitHistoryTable } from "../../db/types.js";
import { unitNotFound } from "../../http/errors.js";

export type Tx = Transaction<DB>;

/**
 * Structural changes (create, deactivate, merge) take one tree-wide lock: a merge rewrites the paths of a whole
 * subtree, and a concurrent change elsewhere in that subtree would otherwise work from a stale path. They are rare.
 */
export async function lockTree(tx: Tx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('hoiso.units.tree'))`.execute(tx);
}

export interface LockedUnit {
  id: string;
  parent_id: string | null;
  level: UnitLevelName;
  code: string;
  name: string;
  path: string;
  active: boolean;
  former_names: string[];
  search_text: string;
}

export async function lockUnit(tx: Tx, id: string): Promise<LockedUnit> {
  const row = await tx
    .selectFrom("units")
    .select(["id", "parent_id", "level", "code", "name", "path", "active", "former_names", "search_text"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw unitNotFound();
  return row;
}

type HistoryRow = Pick<UnitHistoryTable, "unit_id" | "action" | "old_name" | "new_name" | "actor_id"> & {
  detail?: Record<string, unknown>;
};

export async function recordHistory(tx: Tx, rows: HistoryRow[]): Promise<void> {
  await tx
    .insertInto("unit_history")
    .values(rows.map((r) => ({ ...r, detail: JSON.stringify(r.detail ?? {}) })))
    .execute();
}

/** Every admin change to the tree leaves an audit row (who, what, which unit). */
export async function recordAudit(tx: Tx, actorId: string, action: string, unitId: string, detail: Record<string, unknown>): Promise<void> {
  await audit(tx, { actorId, action, entityType: "unit", entityId: unitId, detail });
}

/** Trims and collapses spaces; the schema has already bounded the length. */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}
