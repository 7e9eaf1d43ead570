import { foldedWords, type GuideDetail, type GuideList } from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import { notFound } from "../../http/errors.js";
import { decodeCursor, encodeCursor, searchPatterns, visibleTo, type Reader } from "./access.js";
import { badCursor } from "./articles.js";

export const guideNotFound = () => notFound("Không tìm thấy hướng dẫn này, hoặc hướng dẫn chưa được đăng cho đơn vị của chị.");

const checkedOn = sql<string>`to_char(g.checked_on, 'YYYY-MM-DD')`.as("checked_on");

/** Public-service guides she may read, newest first; search folds diacritics and needs every word. */
export async function listGuides(db: Db, reader: Reader, args: { q?: string; cursor?: string; limit?: number }, now = new Date()): Promise<GuideList> {
  const after = decodeCursor(args.cursor);
  if (args.cursor && !after) throw badCursor();
  const limit = args.limit ?? 20;
  let q = db
    .selectFrom("guides as g")
    .innerJoin("units as u", "u.id", "g.unit_id")
    .select(["g.id", "g.title", "g.summary", "u.name as unit_name", checkedOn, "g.publish_at", "g.sample"])
    .where(visibleTo("g", reader, now));
  for (const p of searchPatterns(foldedWords(args.q ?? ""))) q = q.where("g.search_text", "like", p);
  if (after) q = q.where(sql<boolean>`(g.publish_at, g.id) < (${after.at}, ${after.id}::uuid)`);
  const rows = await q.orderBy("g.publish_at", "desc").orderBy("g.id", "desc").limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      title: r.title,
      summary: r.summary,
      unitName: r.unit_name,
      checkedOn: r.checked_on,
      publishedAt: (r.publish_at ?? now).toISOString(),
      sample: r.sample,
    })),
    nextCursor: rows.length > limit && last?.publish_at ? encodeCursor(last.publish_at, last.id) : null,
  };
}

/** The columns a guide's full view needs, for members and the admin's preview alike. */
export function guideColumns() {
  return [
    "g.id",
    "g.title",
    "g.summary",
    "g.steps",
    "g.papers",
    "g.where_text",
    "g.when_text",
    "g.fees",
    "g.who_to_ask",
    "g.faq",
    "g.portal_url",
    "g.source_name",
    "g.source_url",
    checkedOn,
    "g.publish_at",
    "g.updated_at",
    "g.sample",
    "u.name as unit_name",
  ] as const;
}

type GuideRow = {
  id: string;
  title: string;
  summary: string;
  steps: Array<{ title: string; detail?: string }>;
  papers: string[];
  where_text: string;
  when_text: string;
  fees: string;
  who_to_ask: string;
  faq: Array<{ question: string; answer: string }>;
  portal_url: string | null;
  source_name: string;
  source_url: string | null;
  checked_on: string;
  publish_at: Date | null;
  updated_at: Date;
  sample: boolean;
  unit_name: string;
};

export function toGuideDetail(r: GuideRow): GuideDetail {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    steps: r.steps,
    papers: r.papers,
    where: r.where_text,
    when: r.when_text,
    fees: r.fees,
    whoToAsk: r.who_to_ask,
    faq: r.faq,
    portalUrl: r.portal_url,
    source: { name: r.source_name, url: r.source_url, checkedOn: r.checked_on },
    unitName: r.unit_name,
    publishedAt: r.publish_at?.toISOString() ?? null,
    updatedAt: r.updated_at.toISOString(),
    sample: r.sample,
  };
}

export async function guideDetail(db: Db, reader: Reader, id: string, now = new Date()): Promise<GuideDetail> {
  const row = await db
    .selectFrom("guides as g")
    .innerJoin("units as u", "u.id", "g.unit_id")
    .select(guideColumns())
    .where("g.id", "=", id)
    .where(visibleTo("g", reader, now))
    .executeTakeFirst();
  if (!row) throw guideNotFound();
  return toGuideDetail(row);
}
