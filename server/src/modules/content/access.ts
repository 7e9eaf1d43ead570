import { languageOf, type Language } from "@hoiso/shared";
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/pool.js";
import type { AuthContext } from "../../http/types.js";
import { scopeOf } from "../../policy/policy.js";

/** Who reads: the units whose audience includes her, her language and her profile tags (sorted: part of cache keys). */
export interface Reader {
  memberId: string;
  units: string[];
  language: Language;
  tags: string[];
}

/** What decides whether she may see an item. */
export type Audience = Pick<Reader, "units" | "tags">;

/**
 * Her unit and every unit above it (read off its materialised path), her language and her profile tags, in one query.
 * A member not yet in a unit reads only what the province publishes for everyone.
 */
export async function readerOf(db: Db, memberId: string): Promise<Reader> {
  const row = await db
    .selectFrom("members as m")
    .leftJoin("units as u", "u.id", "m.unit_id")
    .select(["u.path", "m.language", "m.profile_tags"])
    .where("m.id", "=", memberId)
    .executeTakeFirst();
  const language = languageOf(row?.language);
  const tags = [...(row?.profile_tags ?? [])].sort();
  if (row?.path) return { memberId, units: row.path.split("/").filter(Boolean), language, tags };
  const roots = await db.selectFrom("units").select("id").where("parent_id", "is", null).execute();
  return { memberId, units: roots.map((r) => r.id), language, tags };
}

/**
 * The item's target tags admit a member holding `memberTags` (an array expression): no tags, or for each tag group the
 * item names, one of its tags of that group is hers. The SQL twin of `tagsAdmit` in shared/src/domain/profile-tags.ts.
 */
export function tagsAdmitSql(itemTags: RawBuilder<string[]>, memberTags: RawBuilder<string[]>): RawBuilder<boolean> {
  return sql<boolean>`(cardinality(${itemTags}) = 0 OR NOT EXISTS (
    SELECT 1 FROM unnest(${itemTags}) it GROUP BY split_part(it, ':', 1) HAVING NOT bool_or(it = ANY(${memberTags}))))`;
}

/**
 * Members see an item when it is not a draft, its time has come, its audience holds one of her units and its target
 * tags admit her (`alias` is the articles or guides table). Drafts, future items and items targeted at other units or
 * other tags never match, in lists, search, detail or media.
 */
export function visibleTo(alias: "a" | "g", who: Audience, now: Date): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<boolean>`(${col("status")} <> 'draft' AND ${col("publish_at")} <= ${now}
    AND ${audienceAdmitsSql(alias, sql<string[]>`${sql.val(who.units)}::uuid[]`, sql<string[]>`${sql.val(who.tags)}::text[]`)})`;
}

/**
 * Who an item is for, whatever its status and time: its audience holds one of `units` (her unit and those above it) and
 * its target tags admit `tags`. `visibleTo` for a reader; the dashboard's "studied" for every member at once, with
 * `units` and `tags` as column expressions.
 */
export function audienceAdmitsSql(alias: "a" | "g", units: RawBuilder<string[]>, tags: RawBuilder<string[]>): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<boolean>`(${col("audience")} && ${units} AND ${tagsAdmitSql(sql<string[]>`${col("tags")}`, tags)})`;
}

/** A unit's id and its ancestors' (read off a `units.path` expression), as the `units` of `audienceAdmitsSql`. */
export const unitAndAncestorsSql = (path: RawBuilder<string>): RawBuilder<string[]> => sql<string[]>`string_to_array(trim(both '/' from ${path}), '/')::uuid[]`;

/** The admin side: items published by a unit of her subtree (cán bộ or admin role). */
export function inStaffScope(alias: "a" | "g", auth: AuthContext): RawBuilder<boolean> {
  const { paths } = scopeOf(auth);
  if (paths.length === 0) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM units su WHERE su.id = ${sql.ref(`${alias}.unit_id`)} AND su.path LIKE ANY (${sql.val(paths.map((p) => `${p}%`))}::text[]))`;
}

/** A page's position in a list ordered by (publish_at DESC, id DESC), opaque to the client. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(v) || typeof v[0] !== "string" || typeof v[1] !== "string") return null;
    const at = new Date(v[0]);
    if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(v[1])) return null;
    return { at, id: v[1] };
  } catch {
    return null;
  }
}

/** Search words as LIKE patterns on the folded text: every word must appear ("nghi quyet 29"). */
export function searchPatterns(words: readonly string[]): string[] {
  return words.slice(0, 8).map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
