import {
  CONTENT_LIMITS as L,
  ContentErrorCode,
  foldedWords,
  isArticleKind,
  type AdminArticle,
  type AdminArticleList,
  type AdminListQuery,
  type ArticleDetail,
  type ArticleKind,
  type ArticleWriteBody,
  type ContentLanguage,
} from "@hoiso/shared";
import { sql, type Selectable, type Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import { audit } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import type { DB } from "../../db/types.js";
import { badRequest } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { decodeCursor, encodeCursor, inStaffScope, searchPatterns } from "./access.js";
import { articleNotFound, badCursor, questionsIn, unknownKind } from "./articles.js";
import { checkAudience, checkMedia, checkTags, tooLong } from "./audience.js";
import { excerptOf, renderMarkdown, searchTextOf } from "./render.js";
import type { ArticlesTable } from "./tables.js";

type Tx = Transaction<DB>;

/** The write body, checked beyond its schema: kind, Vietnamese present, one variant per language, lengths, answers. */
function checkArticle(body: ArticleWriteBody) {
  if (!isArticleKind(body.kind)) throw unknownKind();
  const langs = new Set<string>();
  for (const v of body.variants) {
    if (langs.has(v.language)) throw badRequest("Mỗi ngôn ngữ chỉ có một bản.", "variants", ContentErrorCode.CONTENT_LANGUAGE_TWICE);
    langs.add(v.language);
    if (v.title.trim().length === 0) throw badRequest("Chị vui lòng nhập tiêu đề.", "variants.title");
    if (v.title.length > L.titleMax) throw tooLong("Tiêu đề", L.titleMax, "variants.title");
    if (v.body.length > L.bodyMax) throw tooLong("Nội dung bài", L.bodyMax, "variants.body");
  }
  if (!langs.has("vi")) throw badRequest("Bài viết cần có bản tiếng Việt.", "variants", ContentErrorCode.CONTENT_VI_REQUIRED);
  for (const q of body.questions ?? []) {
    if (q.answer >= q.choices.length) {
      throw badRequest("Đáp án đúng phải là một trong các lựa chọn của câu hỏi.", "questions", ContentErrorCode.CONTENT_QUESTION_INVALID);
    }
  }
  return { kind: body.kind, tags: checkTags(body.tags) };
}

/** Everything the body says, written into the article `id` (variants and questions replaced). */
async function writeParts(tx: Tx, auth: AuthContext, id: string, body: ArticleWriteBody, keepMedia: ReadonlySet<string>): Promise<{ searchText: string; cover: string | null }> {
  const cover = await checkMedia(tx, auth, body.coverMediaId, "image", keepMedia, "coverMediaId");
  await tx.deleteFrom("article_variants").where("article_id", "=", id).execute();
  await tx.deleteFrom("article_questions").where("article_id", "=", id).execute();
  const texts: string[] = [];
  for (const v of body.variants) {
    const html = renderMarkdown(v.body);
    const audio = await checkMedia(tx, auth, v.audioMediaId, "audio", keepMedia, "variants.audioMediaId");
    await tx
      .insertInto("article_variants")
      .values({ article_id: id, language: v.language, title: v.title.trim(), body: v.body, html, excerpt: excerptOf(html), audio_media_id: audio })
      .execute();
    texts.push(v.title, excerptOf(html, 5000));
  }
  const questions = body.questions ?? [];
  if (questions.length > 0) {
    await tx
      .insertInto("article_questions")
      .values(questions.map((q, i) => ({ article_id: id, position: i, prompt: JSON.stringify(q.prompt), choices: JSON.stringify(q.choices), answer: q.answer })))
      .execute();
  }
  return { searchText: searchTextOf(texts), cover };
}

/** What the audit row keeps: the validated fields, without the long texts. */
const auditDetail = (body: ArticleWriteBody, audience: { targets: string[] }) => ({
  kind: body.kind,
  unitId: body.unitId,
  targetUnitIds: audience.targets,
  targetTags: checkTags(body.tags),
  languages: body.variants.map((v) => v.language),
  titles: body.variants.map((v) => v.title),
  questions: body.questions?.length ?? 0,
});

export async function createArticle(deps: AppDeps, auth: AuthContext, body: ArticleWriteBody): Promise<AdminArticle> {
  const { kind, tags } = checkArticle(body);
  const id = await deps.db.transaction().execute(async (tx) => {
    const audience = await checkAudience(tx, auth, body.unitId, body.targetUnitIds);
    const now = new Date();
    const { id } = await tx
      .insertInto("articles")
      .values({ kind, unit_id: body.unitId, target_unit_ids: audience.targets, audience: audience.audience, tags, author_id: auth.memberId, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const parts = await writeParts(tx, auth, id, body, new Set());
    await tx.updateTable("articles").set({ search_text: parts.searchText, cover_media_id: parts.cover }).where("id", "=", id).execute();
    await audit(tx, { actorId: auth.memberId, action: "content.article.create", entityType: "article", entityId: id, detail: auditDetail(body, audience) });
    return id;
  });
  return adminArticle(deps.db, auth, id);
}

/** Loads an article she may edit (its publishing unit in her scope), locked for the rest of the transaction. */
export async function lockArticle(tx: Tx, auth: AuthContext, id: string) {
  const row = await tx.selectFrom("articles as a").selectAll("a").where("a.id", "=", id).where(inStaffScope("a", auth)).forUpdate().executeTakeFirst();
  if (!row) throw articleNotFound();
  return row;
}

export async function updateArticle(deps: AppDeps, auth: AuthContext, id: string, body: ArticleWriteBody): Promise<AdminArticle> {
  const { kind, tags } = checkArticle(body);
  await deps.db.transaction().execute(async (tx) => {
    const cur = await lockArticle(tx, auth, id);
    const audience = await checkAudience(tx, auth, body.unitId, body.targetUnitIds);
    const held = await tx.selectFrom("article_variants").select("audio_media_id").where("article_id", "=", id).execute();
    const keep = new Set([cur.cover_media_id, ...held.map((h) => h.audio_media_id)].filter((x): x is string => x !== null));
    const parts = await writeParts(tx, auth, id, body, keep);
    await tx
      .updateTable("articles")
      .set({ kind, unit_id: body.unitId, target_unit_ids: audience.targets, audience: audience.audience, tags, cover_media_id: parts.cover, search_text: parts.searchText, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    await audit(tx, { actorId: auth.memberId, action: "content.article.update", entityType: "article", entityId: id, detail: auditDetail(body, audience) });
  });
  return adminArticle(deps.db, auth, id);
}

/** The columns both of the cán bộ's views show, from an `articles` row joined with its unit's and author's names. */
function articleHead(a: Selectable<ArticlesTable> & { unit_name: string; author_name: string | null }) {
  return {
    id: a.id,
    status: a.status,
    publishAt: a.publish_at?.toISOString() ?? null,
    unitId: a.unit_id,
    unitName: a.unit_name,
    targetUnitIds: a.target_unit_ids,
    tags: a.tags,
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
    authorName: a.author_name,
    sample: a.sample,
    kind: a.kind as ArticleKind,
  };
}

/** The cán bộ's view: as written, with answers, status and dates. */
export async function adminArticle(db: Db, auth: AuthContext, id: string): Promise<AdminArticle> {
  const a = await db
    .selectFrom("articles as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .leftJoin("members as au", "au.id", "a.author_id")
    .selectAll("a")
    .select(["u.name as unit_name", "au.name as author_name"])
    .where("a.id", "=", id)
    .where(inStaffScope("a", auth))
    .executeTakeFirst();
  if (!a) throw articleNotFound();
  const [variants, questions] = await Promise.all([
    db.selectFrom("article_variants").selectAll().where("article_id", "=", id).orderBy(sql`language <> 'vi'`).orderBy("language").execute(),
    db.selectFrom("article_questions").selectAll().where("article_id", "=", id).orderBy("position").execute(),
  ]);
  return {
    ...articleHead(a),
    coverMediaId: a.cover_media_id,
    variants: variants.map((v) => ({ language: v.language as ContentLanguage, title: v.title, body: v.body, html: v.html, audioMediaId: v.audio_media_id })),
    questions: questions.map((q) => ({ id: q.id, prompt: q.prompt, choices: q.choices, answer: q.answer })),
  };
}

/** What a member would see, for any status: the author's preview. */
export async function previewArticle(db: Db, auth: AuthContext, id: string, lang: ContentLanguage = "vi"): Promise<ArticleDetail> {
  const a = await adminArticle(db, auth, id);
  const v = a.variants.find((x) => x.language === lang) ?? a.variants.find((x) => x.language === "vi") ?? a.variants[0];
  if (!v) throw articleNotFound();
  return {
    id: a.id,
    kind: a.kind,
    title: v.title,
    language: v.language,
    languages: a.variants.map((x) => x.language),
    html: v.html,
    coverMediaId: a.coverMediaId,
    audioMediaId: v.audioMediaId,
    unitName: a.unitName,
    tags: a.tags,
    publishedAt: a.publishAt,
    updatedAt: a.updatedAt,
    questions: questionsIn(a.questions, v.language),
    progress: { openedAt: null, readToEndAt: null, listenedFraction: 0, passedCheckAt: null, studiedAt: null },
    sample: a.sample,
  };
}

/** Articles of her subtree, most recently changed first, with their reach. */
export async function listAdminArticles(db: Db, auth: AuthContext, args: AdminListQuery): Promise<AdminArticleList> {
  if (args.kind !== undefined && !isArticleKind(args.kind)) throw unknownKind();
  const after = decodeCursor(args.cursor);
  if (args.cursor && !after) throw badCursor();
  const limit = args.limit ?? 20;
  let q = db
    .selectFrom("articles as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .innerJoin("article_variants as v", (j) => j.onRef("v.article_id", "=", "a.id").on("v.language", "=", "vi"))
    .leftJoin("members as au", "au.id", "a.author_id")
    .selectAll("a")
    .select(["u.name as unit_name", "au.name as author_name", "v.title"])
    .select([
      sql<number>`(SELECT count(*)::int FROM article_reads r WHERE r.article_id = a.id AND r.opened_at IS NOT NULL)`.as("opened"),
      sql<number>`(SELECT count(*)::int FROM article_reads r WHERE r.article_id = a.id AND r.read_to_end_at IS NOT NULL)`.as("read_to_end"),
      sql<number>`(SELECT count(*)::int FROM article_reads r WHERE r.article_id = a.id AND r.studied_at IS NOT NULL)`.as("studied"),
    ])
    .where(inStaffScope("a", auth));
  if (args.kind) q = q.where("a.kind", "=", args.kind);
  if (args.status) q = q.where("a.status", "=", args.status);
  for (const p of searchPatterns(foldedWords(args.q ?? ""))) q = q.where("a.search_text", "like", p);
  if (after) q = q.where(sql<boolean>`(a.updated_at, a.id) < (${after.at}, ${after.id}::uuid)`);
  const rows = await q.orderBy("a.updated_at", "desc").orderBy("a.id", "desc").limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((a) => ({
      ...articleHead(a),
      title: a.title,
      reach: { opened: a.opened, readToEnd: a.read_to_end, studied: a.studied },
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.updated_at, last.id) : null,
  };
}
