import type { Unit } from "@hoiso/shared";
import { sql, type Kysely } from "kysely";
import type { DB } from "../../db/types.js";

/** Every read of a unit goes through this select so responses always carry the same fields. */
export function selectUnits(db: Kysely<DB>) {
  return db
    .selectFrom("units as u")
    .leftJoin("units as p", "p.id", "u.parent_id")
    .select([
      "u.id",
      "u.parent_id",
      "u.level",
      "u.code",
      "u.name",
      "u.kind",
      "u.active",
      "u.merged_into",
      "u.former_names",
      "u.path",
      "p.name as parent_name",
    ])
    .select(sql<number>`(SELECT count(*) FROM units c WHERE c.parent_id = u.id AND c.active)`.as("child_count"));
}

export type UnitRow = Awaited<ReturnType<ReturnType<typeof selectUnits>["executeTakeFirstOrThrow"]>>;

export function toUnit(r: UnitRow): Unit {
  return {
    id: r.id,
    parentId: r.parent_id,
    level: r.level,
    code: r.code,
    name: r.name,
    kind: r.kind,
    active: r.active,
    mergedInto: r.merged_into,
    formerNames: r.former_names,
    childCount: Number(r.child_count),
    parentName: r.parent_name,
  };
}

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });
/** "Phường Sa Pa" sorts under S, beside "Xã Sơn Hà", not in a block of all phường before all xã. */
const sortKey = (name: string) => name.replace(/^(Xã|Phường|Thị trấn)\s+/i, "");

export function byVietnameseName(a: { name: string }, b: { name: string }): number {
  return collator.compare(sortKey(a.name), sortKey(b.name)) || collator.compare(a.name, b.name);
}

/** Ids on a path, root first: '/a/b/c/' → [a, b, c]. */
export function pathIds(path: string): string[] {
  return path.split("/").filter(Boolean);
}
