import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import type { Root } from "./figures.js";

/**
 * The number of women a unit counts in a year: what was entered for the unit itself and for units merged into it;
 * when nothing was, the sum over its child units (so a province need not enter its own figure); null when nobody entered
 * anything in its subtree.
 */
export async function womenCounts(db: Db, root: Root, years: number[]): Promise<(unitId: string, year: number) => number | null> {
  const r = await sql<{ id: string; parent_id: string | null; eff: string; merged: boolean; year: number | null; women: number | null }>`
    SELECT u.id, u.parent_id, COALESCE(u.merged_into, u.id) AS eff, u.merged_into IS NOT NULL AS merged, w.year, w.women
      FROM units u JOIN units e ON e.id = COALESCE(u.merged_into, u.id)
      LEFT JOIN unit_women_counts w ON w.unit_id = u.id AND w.year = ANY(${years}::int[])
     WHERE e.path LIKE ${`${root.path}%`}`.execute(db);
  const own = new Map<string, number>();
  const children = new Map<string, Set<string>>();
  for (const u of r.rows) {
    if (u.year !== null && u.women !== null) own.set(`${u.eff}|${u.year}`, (own.get(`${u.eff}|${u.year}`) ?? 0) + u.women);
    if (!u.merged && u.parent_id) {
      let c = children.get(u.parent_id);
      if (!c) children.set(u.parent_id, (c = new Set()));
      c.add(u.id);
    }
  }
  const memo = new Map<string, number | null>();
  const value = (unitId: string, year: number): number | null => {
    const k = `${unitId}|${year}`;
    if (memo.has(k)) return memo.get(k) ?? null;
    let v: number | null = own.get(k) ?? null;
    if (v === null) {
      for (const c of children.get(unitId) ?? []) {
        const cv = value(c, year);
        if (cv !== null) v = (v ?? 0) + cv;
      }
    }
    memo.set(k, v);
    return v;
  };
  return value;
}
