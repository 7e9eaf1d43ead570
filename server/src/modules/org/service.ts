import type { UnitDetail, UnitHistory, UnitList, UnitListQuery } from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import { unitNotFound } from "../../http/errors.js";
import { byVietnameseName, pathIds, selectUnits, toUnit } from "./rows.js";
import { searchPattern } from "./search-text.js";

/** Enough for the biggest commune's chi hội; a search that hits more than this should be refined. */
export const SEARCH_LIMIT = 30;
const CHILDREN_LIMIT = 500;

const LEVEL_ORDER = sql<number>`array_position(ARRAY['tinh','xa','chi_hoi','to']::text[], u.level)`;

/**
 * Children of a unit (the province root when nothing is asked), or a search over the whole tree — or only under
 * parentId when both are given. Search matches the current and the former names, with or without diacritics.
 */
export async function listUnits(db: Db, query: UnitListQuery): Promise<UnitList> {
  const pattern = query.q === undefined ? null : searchPattern(query.q);
  let q = selectUnits(db);
  if (!query.includeInactive) q = q.where("u.active", "=", true);

  if (pattern) {
    if (query.parentId) {
      const parent = await db.selectFrom("units").select("path").where("id", "=", query.parentId).executeTakeFirst();
      if (!parent) throw unitNotFound();
      q = q.where("u.path", "like", `${parent.path}%`).where("u.id", "!=", query.parentId);
    }
    // The first two segments of search_text are the current name (see buildSearchText): those hits come first.
    const onCurrentName = sql<boolean>`(split_part(u.search_text, ' | ', 1) LIKE ${pattern} OR split_part(u.search_text, ' | ', 2) LIKE ${pattern})`;
    const rows = await q
      .where("u.search_text", "like", pattern)
      .orderBy(onCurrentName, "desc")
      .orderBy(LEVEL_ORDER)
      .orderBy("u.name")
      .limit(SEARCH_LIMIT + 1)
      .execute();
    const truncated = rows.length > SEARCH_LIMIT;
    return { items: rows.slice(0, SEARCH_LIMIT).map(toUnit), truncated };
  }

  if (query.parentId) {
    const exists = await db.selectFrom("units").select("id").where("id", "=", query.parentId).executeTakeFirst();
    if (!exists) throw unitNotFound();
    q = q.where("u.parent_id", "=", query.parentId);
  } else {
    q = q.where("u.parent_id", "is", null);
  }
  const rows = await q.limit(CHILDREN_LIMIT + 1).execute();
  const items = rows.slice(0, CHILDREN_LIMIT).map(toUnit).sort(byVietnameseName);
  return { items, truncated: rows.length > CHILDREN_LIMIT };
}

export async function getUnit(db: Db, id: string): Promise<UnitDetail> {
  const row = await selectUnits(db).where("u.id", "=", id).executeTakeFirst();
  if (!row) throw unitNotFound();
  const ancestorIds = pathIds(row.path).filter((a) => a !== id);
  const ancestors = ancestorIds.length
    ? await selectUnits(db).where("u.id", "in", ancestorIds).orderBy(sql`length(u.path)`).execute()
    : [];
  return { unit: toUnit(row), ancestors: ancestors.map(toUnit) };
}

export async function unitHistory(db: Db, id: string): Promise<UnitHistory> {
  const exists = await db.selectFrom("units").select("id").where("id", "=", id).executeTakeFirst();
  if (!exists) throw unitNotFound();
  const rows = await db
    .selectFrom("unit_history")
    .select(["id", "action", "old_name", "new_name", "detail", "at"])
    .where("unit_id", "=", id)
    .orderBy("at")
    .orderBy("id")
    .limit(1000)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      action: r.action,
      oldName: r.old_name,
      newName: r.new_name,
      detail: (r.detail ?? {}) as Record<string, unknown>,
      at: new Date(r.at).toISOString(),
    })),
  };
}
