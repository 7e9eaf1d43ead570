import crypto from "node:crypto";
import {
  ContentErrorCode,
  foldedWords,
  isArticleKind,
  tagsAdmit,
  type ArticleDetail,
  type ArticleKind,
  type ArticleList,
  type ArticleProgress,
  type ArticleSummary,
  type CheckQuestion,
  type ContentLanguage,
  type ReadState,
  type StudiedList,
} from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import { badRequest, notFound } from "../../http/errors.js";
import { decodeCursor, encodeCursor, searchPatterns, visibleTo, type Audience, type Reader } from "./access.js";
import type { ContentCache } from "./cache.js";
import type { LocalizedJson } from "./tables.js";

export const unknownKind = () => badRequest("Chuyên mục này không có trong mục Tìm hiểu.", "kind", ContentErrorCode.CONTENT_KIND_UNKNOWN);
export const badCursor = () => badRequest("Vị trí trang không hợp lệ, chị vui lòng tải lại danh sách.", "cursor");
export const articleNotFound = () => notFound("Không tìm thấy bài viết này, hoặc bài chưa được đăng cho đơn vị của chị.");

/**
 * Articles with the variant she reads (hers when written, else Vietnamese: `hv` is her language's row, `vv` the
 * Vietnamese one) and the publishing unit, as every member with these units and this language sees them.
 */
function publishedFor(db: Db, who: Audience, language: string, now: Date) {
  return db
    .selectFrom("articles as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .innerJoin("article_variants as vv", (j) => j.onRef("vv.article_id", "=", "a.id").on("vv.language", "=", "vi"))
    .leftJoin("article_variants as hv", (j) => j.onRef("hv.article_id", "=", "a.id").on("hv.language", "=", language))
    .where(visibleTo("a", who, now));
}

/** The same with her reading records, for what is about her own reading ("Đã học"). */
function articlesFor(db: Db, reader: Reader, now: Date) {
  return publishedFor(db, reader, reader.language, now).leftJoin("article_reads as r", (j) =>
    j.onRef("r.article_id", "=", "a.id").on("r.member_id", "=", reader.memberId),
  );
}

const headColumns = ["a.id", "a.kind", "a.cover_media_id", "a.tags", "a.publish_at", "a.sample", "u.name as unit_name"] as const;
const summaryColumns = [...headColumns, "r.opened_at", "r.studied_at"] as const;

type HeadRow = {
  id: string;
  kind: string;
  cover_media_id: string | null;
  tags: string[];
  publish_at: Date | null;
  sample: boolean;
  unit_name: string;
  title: string;
  excerpt: string;
  language: string;
  has_audio: boolean;
};
type SummaryRow = HeadRow & { opened_at: Date | null; studied_at: Date | null };

const readState = (r: { opened_at: Date | null; studied_at: Date | null } | undefined): ReadState =>
  r?.studied_at ? "studied" : r?.opened_at ? "opened" : "new";

/** An article in a list, as everyone with the same units and language sees it; her read state is laid over it. */
type SharedSummary = Omit<ArticleSummary, "readState">;

function toShared(r: HeadRow): SharedSummary {
  return {
    id: r.id,
    kind: r.kind as ArticleKind,
    title: r.title,
    excerpt: r.excerpt,
    language: r.language as ContentLanguage,
    coverMediaId: r.cover_media_id,
    hasAudio: r.has_audio,
    unitName: r.unit_name,
    tags: r.tags,
    // visibleTo() only admits rows with a publishing time
    publishedAt: (r.publish_at ?? new Date(0)).toISOString(),
    sample: r.sample,
  };
}

const toSummary = (r: SummaryRow): ArticleSummary => ({ ...toShared(r), readState: readState(r) });

/** The columns of the variant shown, her language's when it exists. */
const variantColumns = [
  sql<string>`coalesce(hv.title, vv.title)`.as("title"),
  sql<string>`coalesce(hv.excerpt, vv.excerpt)`.as("excerpt"),
  sql<string>`coalesce(hv.language, vv.language)`.as("language"),
  sql<boolean>`CASE WHEN hv.article_id IS NOT NULL THEN hv.audio_media_id IS NOT NULL ELSE vv.audio_media_id IS NOT NULL END`.as("has_audio"),
];

export interface ListArgs {
  kind?: string;
  q?: string;
  cursor?: string;
  limit?: number;
}

/** Her reading records by article id: all of them (to keep), or those of some articles. */
async function readsOf(db: Db, memberId: string, articleIds?: readonly string[]): Promise<Map<string, ReadRow>> {
  if (articleIds?.length === 0) return new Map();
  let q = db
    .selectFrom("article_reads")
    .select(["article_id", "opened_at", "read_to_end_at", "listened_fraction", "passed_check_at", "studied_at"])
    .where("member_id", "=", memberId);
  if (articleIds) q = q.where("article_id", "in", articleIds);
  return new Map((await q.execute()).map((r) => [r.article_id, r]));
}

type ReadRow = {
  opened_at: Date | null;
  read_to_end_at: Date | null;
  listened_fraction: number;
  passed_check_at: Date | null;
  studied_at: Date | null;
};

function readsFor(db: Db, memberId: string, articleIds: readonly string[], cache?: ContentCache): Promise<Map<string, ReadRow>> {
  return cache ? cache.member("reads", memberId, () => readsOf(db, memberId)) : readsOf(db, memberId, articleIds);
}

/** When the next scheduled article comes out: what is cached for members must be read again then. */
function nextPublishing(db: Db, cache: ContentCache, now: Date): Promise<{ at: number | null }> {
  return cache.shared("next-publishing", async () => {
    const r = await db
      .selectFrom("articles")
      .select((e) => e.fn.min("publish_at").as("at"))
      .where("status", "<>", "draft")
      .where("publish_at", ">", now)
      .executeTakeFirst();
    const at = r?.at ? new Date(r.at).getTime() : null;
    return { value: { at }, expiresAt: at ?? Number.MAX_SAFE_INTEGER };
  });
}

/** What `load` reads at `now`, kept (with a cache) until the next scheduled article comes out. */
async function untilNextPublishing<V extends NonNullable<unknown>>(db: Db, key: string, now: Date, load: () => Promise<V>, cache?: ContentCache): Promise<V> {
  if (!cache) return load();
  const next = await nextPublishing(db, cache, now);
  return cache.shared(key, async () => ({ value: await load(), expiresAt: next.at ?? Number.MAX_SAFE_INTEGER }));
}

/** An answer and a short string that changes whenever it does (for its ETag, see http/etag.ts cachedByVersion). */
export interface Versioned<T> {
  body: T;
  version: string;
}

const digest = (v: unknown) => crypto.createHash("sha1").update(JSON.stringify(v)).digest("base64url");

/** Newest first, one page; search folds diacritics and needs every word. Her read state comes from her own records. */
export async function listArticles(db: Db, reader: Reader, args: ListArgs, now = new Date(), cache?: ContentCache): Promise<ArticleList> {
  return (await listArticlesVersioned(db, reader, args, now, cache)).body;
}

export async function listArticlesVersioned(db: Db, reader: Reader, args: ListArgs, now = new Date(), cache?: ContentCache): Promise<Versioned<ArticleList>> {
  if (args.kind !== undefined && !isArticleKind(args.kind)) throw unknownKind();
  const after = decodeCursor(args.cursor);
  if (args.cursor && !after) throw badCursor();
  const limit = args.limit ?? 20;
  const words = foldedWords(args.q ?? "");
  // her tags are part of the key: members of one unit with other tags see other pages
  const key = ["list", reader.units.join(","), reader.tags.join(","), reader.language, args.kind ?? "", words.join(" "), args.cursor ?? "", limit].join("|");
  const page = await untilNextPublishing(
    db,
    key,
    now,
    async () => {
      let q = publishedFor(db, reader, reader.language, now).select([...headColumns, ...variantColumns]);
      if (args.kind) q = q.where("a.kind", "=", args.kind);
      for (const p of searchPatterns(words)) q = q.where("a.search_text", "like", p);
      if (after) q = q.where(sql<boolean>`(a.publish_at, a.id) < (${after.at}, ${after.id}::uuid)`);
      const rows = await q.orderBy("a.publish_at", "desc").orderBy("a.id", "desc").limit(limit + 1).execute();
      const shown = rows.slice(0, limit);
      const last = shown.at(-1);
      const items = shown.map(toShared);
      const nextCursor = rows.length > limit && last?.publish_at ? encodeCursor(last.publish_at, last.id) : null;
      return { items, nextCursor, hash: digest([items, nextCursor]) };
    },
    cache,
  );
  const reads = await readsFor(db, reader.memberId, page.items.map((i) => i.id), cache);
  const states = page.items.map((i) => readState(reads.get(i.id)));
  return {
    body: { items: page.items.map((i, n) => ({ ...i, readState: states[n]! })), nextCursor: page.nextCursor },
    version: `${page.hash}|${states.join(",")}`,
  };
}

const emptyProgress: ArticleProgress = { openedAt: null, readToEndAt: null, listenedFraction: 0, passedCheckAt: null, studiedAt: null };

export function progressOf(r: {
  opened_at: Date | null;
  read_to_end_at: Date | null;
  listened_fraction: number | null;
  passed_check_at: Date | null;
  studied_at: Date | null;
}): ArticleProgress {
  return {
    openedAt: r.opened_at?.toISOString() ?? null,
    readToEndAt: r.read_to_end_at?.toISOString() ?? null,
    listenedFraction: r.listened_fraction ?? 0,
    passedCheckAt: r.passed_check_at?.toISOString() ?? null,
    studiedAt: r.studied_at?.toISOString() ?? null,
  };
}

/** Questions as a reader sees them: in `lang` where translated, else Vietnamese; never the answer. */
export function questionsIn(rows: ReadonlyArray<{ id: string; prompt: LocalizedJson; choices: LocalizedJson[] }>, lang: ContentLanguage): CheckQuestion[] {
  const pick = (t: LocalizedJson) => t[lang] || t.vi;
  return rows.map((q) => ({ id: q.id, prompt: pick(q.prompt), choices: q.choices.map(pick) }));
}

/** An article as everyone reading it in one language sees it, with what decides who may: checked per request. */
type SharedDetail =
  | { found: false }
  | { found: true; status: string; publishAt: number | null; audience: string[]; detail: Omit<ArticleDetail, "progress">; hash: string };

async function loadDetail(db: Db, id: string, lang: string): Promise<SharedDetail> {
  const row = await db
    .selectFrom("articles as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .innerJoin("article_variants as vv", (j) => j.onRef("vv.article_id", "=", "a.id").on("vv.language", "=", "vi"))
    .leftJoin("article_variants as hv", (j) => j.onRef("hv.article_id", "=", "a.id").on("hv.language", "=", lang))
    .select([
      ...headColumns,
      "a.status",
      "a.audience",
      "a.updated_at",
      sql<string>`coalesce(hv.title, vv.title)`.as("title"),
      sql<string>`coalesce(hv.html, vv.html)`.as("html"),
      sql<string>`coalesce(hv.language, vv.language)`.as("language"),
      sql<string | null>`CASE WHEN hv.article_id IS NOT NULL THEN hv.audio_media_id ELSE vv.audio_media_id END`.as("audio_media_id"),
      sql<string[]>`ARRAY(SELECT language FROM article_variants WHERE article_id = a.id ORDER BY language <> 'vi', language)`.as("languages"),
      // in the same round trip: a first read of an article costs one query
      sql<Array<{ id: string; prompt: LocalizedJson; choices: LocalizedJson[] }>>`coalesce((
        SELECT json_agg(json_build_object('id', q.id, 'prompt', q.prompt, 'choices', q.choices) ORDER BY q.position)
          FROM article_questions q WHERE q.article_id = a.id), '[]')`.as("questions"),
    ])
    .where("a.id", "=", id)
    .executeTakeFirst();
  if (!row) return { found: false };
  const language = row.language as ContentLanguage;
  const detail: Omit<ArticleDetail, "progress"> = {
    id: row.id,
    kind: row.kind as ArticleKind,
    title: row.title,
    language,
    languages: row.languages as ContentLanguage[],
    html: row.html,
    coverMediaId: row.cover_media_id,
    audioMediaId: row.audio_media_id,
    unitName: row.unit_name,
    tags: row.tags,
    publishedAt: row.publish_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    questions: questionsIn(row.questions, language),
    sample: row.sample,
  };
  return { found: true, status: row.status, publishAt: row.publish_at?.getTime() ?? null, audience: row.audience, detail, hash: digest(detail) };
}

/** visibleTo(), for an article already in memory. */
function visibleNow(a: Extract<SharedDetail, { found: true }>, who: Audience, now: Date): boolean {
  return (
    a.status !== "draft" &&
    a.publishAt !== null &&
    a.publishAt <= now.getTime() &&
    a.audience.some((u) => who.units.includes(u)) &&
    tagsAdmit(a.detail.tags, who.tags)
  );
}

/** One article as a member reads it: `lang` (if written) overrides her own language. */
export async function articleDetail(db: Db, reader: Reader, id: string, lang?: ContentLanguage, now = new Date(), cache?: ContentCache): Promise<ArticleDetail> {
  return (await articleDetailVersioned(db, reader, id, lang, now, cache)).body;
}

export async function articleDetailVersioned(
  db: Db,
  reader: Reader,
  id: string,
  lang?: ContentLanguage,
  now = new Date(),
  cache?: ContentCache,
): Promise<Versioned<ArticleDetail>> {
  const language = lang ?? reader.language;
  const shared = cache
    ? await cache.shared(`article|${id}|${language}`, async () => ({ value: await loadDetail(db, id, language), expiresAt: Number.MAX_SAFE_INTEGER }))
    : await loadDetail(db, id, language);
  if (!shared.found || !visibleNow(shared, reader, now)) throw articleNotFound();
  const r = (await readsFor(db, reader.memberId, [id], cache)).get(id);
  const progress = r && (r.opened_at || r.passed_check_at || r.listened_fraction) ? progressOf(r) : emptyProgress;
  return { body: { ...shared.detail, progress }, version: `${shared.hash}|${JSON.stringify(progress)}` };
}

/** Her "Đã học": studied articles she may still read, newest first, and her count of resolutions. */
export async function listStudied(db: Db, reader: Reader, now = new Date()): Promise<StudiedList> {
  const [rows, counts] = await Promise.all([
    articlesFor(db, reader, now)
      .select([...summaryColumns, ...variantColumns])
      .where("r.studied_at", "is not", null)
      .orderBy("r.studied_at", "desc")
      .limit(500)
      .execute(),
    articlesFor(db, reader, now)
      .select([sql<number>`count(*)::int`.as("available"), sql<number>`count(r.studied_at)::int`.as("studied")])
      .where("a.kind", "=", "nghi_quyet")
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ article: toSummary(r), studiedAt: (r.studied_at ?? now).toISOString() })),
    resolutions: { available: counts.available, studied: counts.studied },
  };
}
