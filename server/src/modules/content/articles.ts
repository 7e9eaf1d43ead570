import {
  ContentErrorCode,
  foldedWords,
  isArticleKind,
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
import { decodeCursor, encodeCursor, searchPatterns, visibleTo, type Reader } from "./access.js";
import type { LocalizedJson } from "./tables.js";

export const unknownKind = () => badRequest("Chuyên mục này không có trong mục Tìm hiểu.", "kind", ContentErrorCode.CONTENT_KIND_UNKNOWN);
export const badCursor = () => badRequest("Vị trí trang không hợp lệ, chị vui lòng tải lại danh sách.", "cursor");
export const articleNotFound = () => notFound("Không tìm thấy bài viết này, hoặc bài chưa được đăng cho đơn vị của chị.");

/**
 * Articles with the variant she reads (hers when written, else Vietnamese: `hv` is her language's row, `vv` the
 * Vietnamese one), the publishing unit and her reading, for the member's side.
 */
function articlesFor(db: Db, reader: Reader, now: Date) {
  return db
    .selectFrom("articles as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .innerJoin("article_variants as vv", (j) => j.onRef("vv.article_id", "=", "a.id").on("vv.language", "=", "vi"))
    .leftJoin("article_variants as hv", (j) => j.onRef("hv.article_id", "=", "a.id").on("hv.language", "=", reader.language))
    .leftJoin("article_reads as r", (j) => j.onRef("r.article_id", "=", "a.id").on("r.member_id", "=", reader.memberId))
    .where(visibleTo("a", reader.units, now));
}

const summaryColumns = [
  "a.id",
  "a.kind",
  "a.cover_media_id",
  "a.tags",
  "a.publish_at",
  "a.sample",
  "u.name as unit_name",
  "r.opened_at",
  "r.studied_at",
] as const;

type SummaryRow = {
  id: string;
  kind: string;
  cover_media_id: string | null;
  tags: string[];
  publish_at: Date | null;
  sample: boolean;
  unit_name: string;
  opened_at: Date | null;
  studied_at: Date | null;
  title: string;
  excerpt: string;
  language: string;
  has_audio: boolean;
};

const readState = (r: { opened_at: Date | null; studied_at: Date | null }): ReadState => (r.studied_at ? "studied" : r.opened_at ? "opened" : "new");

function toSummary(r: SummaryRow): ArticleSummary {
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
    readState: readState(r),
    sample: r.sample,
  };
}

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

/** Newest first, one page; search folds diacritics and needs every word. */
export async function listArticles(db: Db, reader: Reader, args: ListArgs, now = new Date()): Promise<ArticleList> {
  if (args.kind !== undefined && !isArticleKind(args.kind)) throw unknownKind();
  const after = decodeCursor(args.cursor);
  if (args.cursor && !after) throw badCursor();
  const limit = args.limit ?? 20;
  let q = articlesFor(db, reader, now).select([...summaryColumns, ...variantColumns]);
  if (args.kind) q = q.where("a.kind", "=", args.kind);
  for (const p of searchPatterns(foldedWords(args.q ?? ""))) q = q.where("a.search_text", "like", p);
  if (after) q = q.where(sql<boolean>`(a.publish_at, a.id) < (${after.at}, ${after.id}::uuid)`);
  const rows = await q.orderBy("a.publish_at", "desc").orderBy("a.id", "desc").limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > limit && last?.publish_at ? encodeCursor(last.publish_at, last.id) : null,
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

/** One article as a member reads it: `lang` (if written) overrides her own language. */
export async function articleDetail(db: Db, reader: Reader, id: string, lang?: ContentLanguage, now = new Date()): Promise<ArticleDetail> {
  const shown: Reader = lang ? { ...reader, language: lang } : reader;
  const row = await articlesFor(db, shown, now)
    .select([
      ...summaryColumns,
      "a.updated_at",
      "r.read_to_end_at",
      "r.listened_fraction",
      "r.passed_check_at",
      sql<string>`coalesce(hv.title, vv.title)`.as("title"),
      sql<string>`coalesce(hv.html, vv.html)`.as("html"),
      sql<string>`coalesce(hv.language, vv.language)`.as("language"),
      sql<string | null>`CASE WHEN hv.article_id IS NOT NULL THEN hv.audio_media_id ELSE vv.audio_media_id END`.as("audio_media_id"),
      sql<string[]>`ARRAY(SELECT language FROM article_variants WHERE article_id = a.id ORDER BY language <> 'vi', language)`.as("languages"),
    ])
    .where("a.id", "=", id)
    .executeTakeFirst();
  if (!row) throw articleNotFound();
  const questions = await db.selectFrom("article_questions").select(["id", "prompt", "choices"]).where("article_id", "=", id).orderBy("position").execute();
  const language = row.language as ContentLanguage;
  return {
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
    questions: questionsIn(questions, language),
    progress: row.opened_at || row.passed_check_at || row.listened_fraction ? progressOf(row) : emptyProgress,
    sample: row.sample,
  };
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
