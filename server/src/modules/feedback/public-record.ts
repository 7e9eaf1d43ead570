import { foldVietnamese, foldedWords, publicCount, type PublicCommuneList, type PublicFiguresList, type PublicRecordItem, type PublicRecordList } from "@hoiso/shared";
import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import { notFound } from "../../http/errors.js";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * What the public record ever reads: published items whose item is still neither sensitive, nor anonymous, nor in a
 * category that is private now (a category made private later takes its items off at once).
 */
function published(deps: AppDeps) {
  return deps.db
    .selectFrom("submission_publications as p")
    .innerJoin("submissions as s", "s.id", "p.submission_id")
    .innerJoin("categories as c", "c.code", "s.category_code")
    .innerJoin("units as cu", "cu.id", "p.commune_id")
    .innerJoin("units as hu", "hu.id", "p.unit_id")
    .leftJoin("submission_ratings as r", "r.submission_id", "s.id")
    .where("p.state", "=", "published")
    .where("s.sensitive", "=", false)
    .where("s.anonymous", "=", false)
    .where("c.private", "=", false);
}

/** Only public columns: never the item's id, code, author, origin unit, place or anything a cán bộ noted inside. */
const COLUMNS = [
  "p.submission_id",
  "p.public_id",
  "p.public_text",
  "p.public_answer",
  "p.due_at",
  "p.resolved_at",
  "p.published_at",
  "s.created_at",
  "c.name as category_name",
  "cu.name as commune_name",
  "hu.name as unit_name",
  "r.rating",
] as const;

async function photosOf(deps: AppDeps, submissionIds: string[]): Promise<Map<string, Array<{ id: string }>>> {
  const out = new Map<string, Array<{ id: string }>>();
  if (submissionIds.length === 0) return out;
  const rows = await deps.db.selectFrom("submission_public_media").select(["submission_id", "media_id"]).where("submission_id", "in", submissionIds).orderBy("submission_id").orderBy("sort").execute();
  for (const r of rows) out.set(r.submission_id, [...(out.get(r.submission_id) ?? []), { id: r.media_id }]);
  return out;
}

type Row = { submission_id: string; public_id: string | null; public_text: string | null; public_answer: string | null; due_at: Date | null; resolved_at: Date | null; published_at: Date | null; created_at: Date; category_name: string; commune_name: string; unit_name: string; rating: PublicRecordItem["rating"] };

function toItem(r: Row, photos: Array<{ id: string }>): PublicRecordItem {
  // the publication CHECK guarantees these are set while published
  const due = r.due_at ?? r.created_at;
  const resolved = r.resolved_at ?? due;
  return {
    id: r.public_id as string,
    categoryName: r.category_name,
    communeName: r.commune_name,
    unitName: r.unit_name,
    text: r.public_text ?? "",
    answer: r.public_answer ?? "",
    receivedAt: r.created_at.toISOString(),
    dueAt: due.toISOString(),
    resolvedAt: resolved.toISOString(),
    onTime: resolved.getTime() <= due.getTime(),
    rating: r.rating ?? null,
    photos,
    publishedAt: (r.published_at ?? resolved).toISOString(),
  };
}

/** Newest first, of a commune if asked, matching the words if asked (with or without diacritics, a typo allowed). */
export async function listPublic(deps: AppDeps, query: { communeId?: string; q?: string; limit?: number; offset?: number }): Promise<PublicRecordList> {
  let q = published(deps);
  if (query.communeId) q = q.where("p.commune_id", "=", query.communeId);
  const folded = foldVietnamese(query.q ?? "").trim();
  if (folded.length > 0) {
    const words = [...new Set(foldedWords(folded))].slice(0, 8);
    // every word must be found, exactly or nearly (a missing letter): a search narrows, it never widens
    q = q.where((eb) =>
      eb.and(words.map((w) => eb.or([eb("p.search_text", "like", `%${escapeLike(w)}%`), sql<boolean>`${w} <% p.search_text`]))),
    );
  }
  const total = await q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .select(COLUMNS)
    .orderBy("p.published_at", "desc")
    .orderBy("p.public_id")
    .limit(query.limit ?? 20)
    .offset(query.offset ?? 0)
    .execute();
  const photos = await photosOf(deps, rows.map((r) => r.submission_id));
  return { items: rows.map((r) => toItem(r, photos.get(r.submission_id) ?? [])), total: total.n };
}

export async function publicItem(deps: AppDeps, publicId: string): Promise<PublicRecordItem> {
  const r = await published(deps).select(COLUMNS).where("p.public_id", "=", publicId).executeTakeFirst();
  if (!r) throw notFound("Không tìm thấy kết quả này.");
  return toItem(r, (await photosOf(deps, [r.submission_id])).get(r.submission_id) ?? []);
}

/** The communes (xã/phường) one can browse by, in name order. */
export async function publicCommunes(deps: AppDeps): Promise<PublicCommuneList> {
  const rows = await deps.db.selectFrom("units").select(["id", "name"]).where("level", "=", "xa").where("active", "=", true).orderBy("name").execute();
  return { items: rows };
}

/**
 * Per unit that handled anything: received (items assigned to it, except those it handed on as not its own),
 * handled (resolved by it), on time (resolved by its deadline), rated, satisfied (hài lòng). Every item of a private
 * category or marked sensitive is left out before counting, so such a unit does not even appear; every figure drawn
 * from fewer than 5 items is null ("dưới 5").
 */
export async function publicFigures(deps: AppDeps, communeId?: string): Promise<PublicFiguresList> {
  const commune = communeId ? await deps.db.selectFrom("units").select("path").where("id", "=", communeId).executeTakeFirst() : undefined;
  if (communeId && !commune) return { items: [] };
  const within = commune ? sql`AND u.path LIKE ${`${escapeLike(commune.path)}%`}` : sql``;
  const rows = await sql<{ unit_id: string; unit_name: string; received: number; handled: number; on_time: number; rated: number; satisfied: number }>`
    WITH open_items AS (
      SELECT s.id, s.resolved_assignment_id
        FROM submissions s JOIN categories c ON c.code = s.category_code
       WHERE NOT s.sensitive AND NOT c.private
    ), received AS (
      SELECT a.unit_id, count(DISTINCT a.submission_id)::int AS n
        FROM assignments a JOIN open_items i ON i.id = a.submission_id
       WHERE NOT EXISTS (SELECT 1 FROM assignments h WHERE h.from_assignment_id = a.id AND h.reason = 'reroute')
       GROUP BY a.unit_id
    ), handled AS (
      SELECT a.unit_id, count(*)::int AS n, (count(*) FILTER (WHERE a.resolved_at <= a.due_at))::int AS on_time
        FROM open_items i JOIN assignments a ON a.id = i.resolved_assignment_id
       GROUP BY a.unit_id
    ), rated AS (
      SELECT r.unit_id, count(*)::int AS n, (count(*) FILTER (WHERE r.rating = 'hai_long'))::int AS satisfied
        FROM submission_ratings r JOIN open_items i ON i.id = r.submission_id
       GROUP BY r.unit_id
    )
    SELECT u.id AS unit_id, u.name AS unit_name, coalesce(rc.n, 0) AS received, coalesce(h.n, 0) AS handled,
           coalesce(h.on_time, 0) AS on_time, coalesce(ra.n, 0) AS rated, coalesce(ra.satisfied, 0) AS satisfied
      FROM units u
      LEFT JOIN received rc ON rc.unit_id = u.id
      LEFT JOIN handled h ON h.unit_id = u.id
      LEFT JOIN rated ra ON ra.unit_id = u.id
     WHERE (rc.n IS NOT NULL OR h.n IS NOT NULL OR ra.n IS NOT NULL) ${within}
     ORDER BY u.name, u.id`.execute(deps.db);
  return {
    items: rows.rows.map((r) => ({
      unitId: r.unit_id,
      unitName: r.unit_name,
      received: publicCount(r.received),
      handled: publicCount(r.handled),
      onTime: publicCount(r.on_time, r.handled),
      rated: publicCount(r.rated),
      satisfied: publicCount(r.satisfied, r.rated),
    })),
  };
}

/** A proof photo chosen for a published item is public (served without a session) while the item is on the record. */
export async function isPublicProof(deps: AppDeps, mediaId: string): Promise<boolean> {
  const r = await published(deps).innerJoin("submission_public_media as pm", "pm.submission_id", "p.submission_id").select("pm.media_id").where("pm.media_id", "=", mediaId).executeTakeFirst();
  return r !== undefined;
}
