import { Type, type Static } from "@sinclair/typebox";
import { ARTICLE_KINDS, CONTENT_LIMITS as L, CONTENT_STATUSES } from "../domain/content.js";
import { LANGUAGES } from "../domain/language.js";
import { Nullable, Timestamp, Uuid } from "./common.js";

/**
 * Tìm hiểu (issue 10): articles (nghị quyết, pháp luật, tin hoạt động, Dân vận khéo, khởi nghiệp) and public-service
 * guides, read by members; written, scheduled, published and measured by cán bộ for their subtree.
 *
 * Members only ever see published items (a scheduled one once its time has come) whose audience covers their unit;
 * the admin side sees everything in her subtree. Every read answers with an ETag and `Cache-Control: private, no-cache`:
 * the phone keeps the copy and asks again with If-None-Match, getting 304 when nothing changed.
 */

/** Stable codes for what can go wrong with content (clients branch on these). */
export const ContentErrorCode = {
  /** Not a kind of ARTICLE_KINDS. */
  CONTENT_KIND_UNKNOWN: "CONTENT_KIND_UNKNOWN",
  /** Every item has its Vietnamese text; other languages are optional. */
  CONTENT_VI_REQUIRED: "CONTENT_VI_REQUIRED",
  /** The same language given twice. */
  CONTENT_LANGUAGE_TWICE: "CONTENT_LANGUAGE_TWICE",
  /** A title or body over CONTENT_LIMITS. */
  CONTENT_TOO_LONG: "CONTENT_TOO_LONG",
  /** A publishing time that has passed (or is not a time). */
  CONTENT_SCHEDULE_PAST: "CONTENT_SCHEDULE_PAST",
  /** A target unit outside the publishing unit's subtree (or her own scope). */
  CONTENT_TARGET_OUT_OF_SCOPE: "CONTENT_TARGET_OUT_OF_SCOPE",
  /** A check question whose right answer is not one of its choices. */
  CONTENT_QUESTION_INVALID: "CONTENT_QUESTION_INVALID",
  /** A media id that is not hers, or not the right kind (a cover must be an image, a reading audio). */
  CONTENT_MEDIA_INVALID: "CONTENT_MEDIA_INVALID",
  /** Check answers that do not answer this article's questions. */
  CONTENT_ANSWERS_INVALID: "CONTENT_ANSWERS_INVALID",
  /** A target or profile tag that is not in the vocabulary (domain/profile-tags.ts). */
  PROFILE_TAG_UNKNOWN: "PROFILE_TAG_UNKNOWN",
  /** Two tags of a group that takes one (two ethnic groups, two age groups). */
  PROFILE_TAG_ONE_PER_GROUP: "PROFILE_TAG_ONE_PER_GROUP",
} as const;
export type ContentErrorCode = (typeof ContentErrorCode)[keyof typeof ContentErrorCode];

export const ArticleKind = Type.Union(
  ARTICLE_KINDS.map((k) => Type.Literal(k)),
  { description: "nghi_quyet = Nghị quyết, phap_luat = Pháp luật – chính sách, tin_hoat_dong = Tin hoạt động, dan_van_kheo = Mô hình \"Dân vận khéo\", khoi_nghiep = Khởi nghiệp – sinh kế" },
);
export type ArticleKind = Static<typeof ArticleKind>;

export const ContentStatus = Type.Union(
  CONTENT_STATUSES.map((s) => Type.Literal(s)),
  { description: "draft = not shown to members; scheduled = shown from publishAt on; published = shown" },
);
export type ContentStatus = Static<typeof ContentStatus>;

export const ContentLanguage = Type.Union(
  LANGUAGES.map((l) => Type.Literal(l)),
  { description: "vi = Tiếng Việt (always present), hmn = H'Mông, dao = Dao" },
);
export type ContentLanguage = Static<typeof ContentLanguage>;

/** A list's opaque position: pass `nextCursor` back as `cursor` for the next page. */
const Cursor = Type.String({ maxLength: 200, description: "nextCursor of the previous page" });
const PageLimit = Type.Integer({ minimum: 1, maximum: L.pageMax, default: 20 });
/** Calendar date, Lào Cai time (YYYY-MM-DD). */
export const CalendarDate = Type.String({ format: "date", description: "YYYY-MM-DD" });

// ---------- a member reading articles ----------

export const ArticleListQuery = Type.Object({
  kind: Type.Optional(Type.String({ maxLength: 40, description: "One of ArticleKind; an unknown kind is a 400 CONTENT_KIND_UNKNOWN" })),
  q: Type.Optional(Type.String({ maxLength: L.searchMax, description: "Words of the title or text, with or without diacritics (\"nghi quyet 29\")" })),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(PageLimit),
});
export type ArticleListQuery = Static<typeof ArticleListQuery>;

/** Where she is with one article. */
export const ArticleProgress = Type.Object({
  openedAt: Nullable(Timestamp),
  readToEndAt: Nullable(Timestamp),
  /** The furthest she listened, 0…1 (only grows). */
  listenedFraction: Type.Number({ minimum: 0, maximum: 1 }),
  /** When she first answered every check question right; null before that (retries allowed). */
  passedCheckAt: Nullable(Timestamp),
  /** Read to the end (or listened ≥ 80%) and passed the check: "Đã học". */
  studiedAt: Nullable(Timestamp),
});
export type ArticleProgress = Static<typeof ArticleProgress>;

/** "new" = never opened, "opened", "studied" (the list's badge). */
export const ReadState = Type.Union([Type.Literal("new"), Type.Literal("opened"), Type.Literal("studied")]);
export type ReadState = Static<typeof ReadState>;

export const ArticleSummary = Type.Object({
  id: Uuid,
  kind: ArticleKind,
  /** In her language when the union wrote that variant, else Vietnamese (`language` says which). */
  title: Type.String(),
  /** The first words of the text, plain (no markup). */
  excerpt: Type.String(),
  language: ContentLanguage,
  /** Image shown on the card and at the top of the article: GET /api/media/:id. */
  coverMediaId: Nullable(Uuid),
  /** An audio reading exists in the language shown. */
  hasAudio: Type.Boolean(),
  /** The publishing unit ("Hội LHPN tỉnh Lào Cai", "Hội LHPN xã …"). */
  unitName: Type.String(),
  tags: Type.Array(Type.String()),
  publishedAt: Timestamp,
  readState: ReadState,
  /** Written by the seed as sample content, not by the union. */
  sample: Type.Boolean(),
});
export type ArticleSummary = Static<typeof ArticleSummary>;

export const ArticleList = Type.Object({
  items: Type.Array(ArticleSummary),
  /** Null on the last page. */
  nextCursor: Nullable(Type.String()),
});
export type ArticleList = Static<typeof ArticleList>;

/** A check question as a member sees it: never its answer. */
export const CheckQuestion = Type.Object({
  id: Uuid,
  prompt: Type.String(),
  /** Answer with the index of the choice (0-based). */
  choices: Type.Array(Type.String()),
});
export type CheckQuestion = Static<typeof CheckQuestion>;

export const ArticleDetail = Type.Object({
  id: Uuid,
  kind: ArticleKind,
  title: Type.String(),
  /** The language shown: hers if the union wrote it, else Vietnamese. */
  language: ContentLanguage,
  /** Every language this article exists in (vi first); she may ask for another with ?lang=. */
  languages: Type.Array(ContentLanguage),
  /**
   * The text as HTML, rendered from Markdown when it was saved: headings, paragraphs, lists, emphasis, quotes, tables
   * and links (http, https, mailto, tel, or a path of the app) only; no raw HTML, scripts, styles or event handlers.
   * Safe to set as innerHTML.
   */
  html: Type.String(),
  coverMediaId: Nullable(Uuid),
  /** The audio reading of this language (GET /api/media/:id, Range supported); null when there is none. */
  audioMediaId: Nullable(Uuid),
  unitName: Type.String(),
  tags: Type.Array(Type.String()),
  publishedAt: Nullable(Timestamp),
  /** Changes whenever the article is edited: the Mini App's offline copy compares it. */
  updatedAt: Timestamp,
  /** The short check ("Kiểm tra nhanh"), 0–5 questions, in the language shown when translated, else Vietnamese. */
  questions: Type.Array(CheckQuestion),
  /** Hers; all empty in an admin preview. */
  progress: ArticleProgress,
  sample: Type.Boolean(),
});
export type ArticleDetail = Static<typeof ArticleDetail>;

export const ArticleDetailQuery = Type.Object({
  lang: Type.Optional(ContentLanguage),
});
export type ArticleDetailQuery = Static<typeof ArticleDetailQuery>;

export const CheckAnswer = Type.Object({
  questionId: Uuid,
  /** Index into the question's choices. */
  choice: Type.Integer({ minimum: 0, maximum: 20 }),
});
export type CheckAnswer = Static<typeof CheckAnswer>;

/**
 * What the reader reports as she goes; any subset. Sending the same thing twice changes nothing (opened and
 * read-to-end keep their first time, the listened fraction keeps its maximum).
 */
export const ProgressBody = Type.Object({
  /** She opened the article. */
  opened: Type.Optional(Type.Boolean()),
  /** She scrolled to the end of the text. */
  readToEnd: Type.Optional(Type.Boolean()),
  /** How far into the audio she has listened, 0…1. */
  listenedFraction: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  /** An attempt at the check: one answer per question, all of them. */
  answers: Type.Optional(Type.Array(CheckAnswer, { maxItems: L.questionsMax })),
});
export type ProgressBody = Static<typeof ProgressBody>;

export const CheckResult = Type.Object({
  passed: Type.Boolean(),
  /** Which answers were right; the right choice itself is not revealed, so she can try again. */
  results: Type.Array(Type.Object({ questionId: Uuid, correct: Type.Boolean() })),
});
export type CheckResult = Static<typeof CheckResult>;

export const ProgressResult = Type.Object({
  progress: ArticleProgress,
  /** Present when the body carried answers. */
  check: Nullable(CheckResult),
});
export type ProgressResult = Static<typeof ProgressResult>;

export const StudiedItem = Type.Object({ article: ArticleSummary, studiedAt: Timestamp });
export type StudiedItem = Static<typeof StudiedItem>;

/** Her profile's "Đã học": what she studied, newest first, and how far she is with the resolutions (the programme's target). */
export const StudiedList = Type.Object({
  items: Type.Array(StudiedItem),
  resolutions: Type.Object({
    /** Nghị quyết articles she may read. */
    available: Type.Integer(),
    /** Of those, studied. */
    studied: Type.Integer(),
  }),
});
export type StudiedList = Static<typeof StudiedList>;

// ---------- a member reading guides ----------

export const GuideListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: L.searchMax, description: "Words of the title or summary, diacritics optional" })),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(PageLimit),
});
export type GuideListQuery = Static<typeof GuideListQuery>;

/** Where the rules come from, shown to her so she knows how current the guide is. */
export const GuideSource = Type.Object({
  /** "Cổng Dịch vụ công quốc gia – thủ tục …", "Nghị định 123/2015/NĐ-CP". */
  name: Type.String(),
  url: Nullable(Type.String()),
  /** When a cán bộ last checked the guide against the source. */
  checkedOn: CalendarDate,
});
export type GuideSource = Static<typeof GuideSource>;

export const GuideSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  summary: Type.String(),
  unitName: Type.String(),
  checkedOn: CalendarDate,
  publishedAt: Timestamp,
  sample: Type.Boolean(),
});
export type GuideSummary = Static<typeof GuideSummary>;

export const GuideList = Type.Object({ items: Type.Array(GuideSummary), nextCursor: Nullable(Type.String()) });
export type GuideList = Static<typeof GuideList>;

/** One step of the checklist she ticks (ticks stay on her phone). */
export const GuideStep = Type.Object({
  title: Type.String({ minLength: 1, maxLength: L.titleMax }),
  detail: Type.Optional(Type.String({ maxLength: L.guideFieldMax })),
});
export type GuideStep = Static<typeof GuideStep>;

/** A question and its answer, kept as data: the chatbot answers from the same FAQ. */
export const GuideFaq = Type.Object({
  question: Type.String({ minLength: 1, maxLength: L.questionTextMax }),
  answer: Type.String({ minLength: 1, maxLength: L.guideFieldMax }),
});
export type GuideFaq = Static<typeof GuideFaq>;

/** The practical facts of a guide, plain text (shown as text, never as HTML). */
const guideFacts = {
  title: Type.String({ minLength: 1, maxLength: L.titleMax }),
  summary: Type.String({ maxLength: L.summaryMax }),
  steps: Type.Array(GuideStep, { maxItems: L.guideStepsMax }),
  /** Giấy tờ cần mang. */
  papers: Type.Array(Type.String({ minLength: 1, maxLength: L.questionTextMax }), { maxItems: L.guideListMax }),
  /** Nộp ở đâu. */
  where: Type.String({ maxLength: L.guideFieldMax }),
  /** Khi nào / bao lâu. */
  when: Type.String({ maxLength: L.guideFieldMax }),
  /** Lệ phí. */
  fees: Type.String({ maxLength: L.guideFieldMax }),
  /** Hỏi ai. */
  whoToAsk: Type.String({ maxLength: L.guideFieldMax }),
  faq: Type.Array(GuideFaq, { maxItems: L.faqMax }),
};

export const GuideDetail = Type.Object({
  id: Uuid,
  ...guideFacts,
  /** The service on the national public-service portal (dichvucong.gov.vn), or null. */
  portalUrl: Nullable(Type.String()),
  source: GuideSource,
  unitName: Type.String(),
  publishedAt: Nullable(Timestamp),
  updatedAt: Timestamp,
  sample: Type.Boolean(),
});
export type GuideDetail = Static<typeof GuideDetail>;

// ---------- a cán bộ writing (under /api/admin) ----------

/**
 * A profile tag of the vocabulary (domain/profile-tags.ts), such as "dan_toc:mong" or "tuoi:30_45". The schema only
 * checks its shape; a tag outside the vocabulary is a 400 PROFILE_TAG_UNKNOWN with a Vietnamese message.
 */
export const ContentTag = Type.String({ pattern: "^[a-z0-9_:-]{1,40}$", description: "group:value of the profile tag vocabulary" });

/**
 * Her profile tags (GET/PUT /api/me/profile-tags): optional, only so that content meant for her reaches her. Seen by
 * her alone; PUT replaces them all (an empty list clears them).
 */
export const ProfileTags = Type.Object({
  tags: Type.Array(ContentTag, { maxItems: 10, description: "Tags of the vocabulary; unknown: 400 PROFILE_TAG_UNKNOWN, two of a one-tag group: 400 PROFILE_TAG_ONE_PER_GROUP" }),
});
export type ProfileTags = Static<typeof ProfileTags>;

/** Who publishes and who reads: the publishing unit (in her scope) and, optionally, units of its subtree. */
const audienceFields = {
  /** The publishing unit; she must hold a cán bộ or admin role over it. */
  unitId: Uuid,
  /** Units of the publishing unit's subtree it is meant for; empty = the publishing unit's whole subtree. */
  targetUnitIds: Type.Optional(Type.Array(Uuid, { maxItems: L.targetsMax })),
  /**
   * Target tags: empty = every member of the units. Otherwise, for each tag group named, a member must hold one of its
   * named tags (domain/profile-tags.ts tagsAdmit): ["dan_toc:mong", "dan_toc:dao"] = H'Mông or Dao women;
   * ["dan_toc:mong", "tuoi:duoi_30"] = H'Mông women under 30.
   */
  tags: Type.Optional(Type.Array(ContentTag, { maxItems: L.tagsMax })),
};

export const ArticleVariantBody = Type.Object({
  language: ContentLanguage,
  title: Type.String({ minLength: 1, maxLength: L.titleMax * 4, description: `At most ${L.titleMax} characters (longer: 400 CONTENT_TOO_LONG)` }),
  /** Markdown; raw HTML is shown as text, unsafe links are dropped. */
  body: Type.String({ maxLength: L.bodyMax * 4, description: `At most ${L.bodyMax} characters (longer: 400 CONTENT_TOO_LONG)` }),
  /** Her upload (POST /api/media), an audio file. */
  audioMediaId: Type.Optional(Nullable(Uuid)),
});
export type ArticleVariantBody = Static<typeof ArticleVariantBody>;

/** Text in Vietnamese plus any translations the union has. */
export const LocalizedText = Type.Object({
  vi: Type.String({ minLength: 1, maxLength: L.questionTextMax }),
  hmn: Type.Optional(Type.String({ maxLength: L.questionTextMax })),
  dao: Type.Optional(Type.String({ maxLength: L.questionTextMax })),
});
export type LocalizedText = Static<typeof LocalizedText>;

export const CheckQuestionBody = Type.Object({
  prompt: LocalizedText,
  choices: Type.Array(LocalizedText, { minItems: L.choicesMin, maxItems: L.choicesMax }),
  /** Index of the right choice. */
  answer: Type.Integer({ minimum: 0, maximum: L.choicesMax - 1 }),
});
export type CheckQuestionBody = Static<typeof CheckQuestionBody>;

/** Create (POST /api/admin/articles) or replace (PUT /api/admin/articles/:id) an article; it starts as a draft. */
export const ArticleWriteBody = Type.Object({
  kind: Type.String({ maxLength: 40, description: "One of ArticleKind; unknown: 400 CONTENT_KIND_UNKNOWN" }),
  ...audienceFields,
  /** Her upload, an image. */
  coverMediaId: Type.Optional(Nullable(Uuid)),
  /** One per language; Vietnamese required. */
  variants: Type.Array(ArticleVariantBody, { minItems: 1, maxItems: 3 }),
  questions: Type.Optional(Type.Array(CheckQuestionBody, { maxItems: L.questionsMax })),
});
export type ArticleWriteBody = Static<typeof ArticleWriteBody>;

/** Schedule: shown to members from `publishAt` (in the future) on. */
export const ScheduleBody = Type.Object({
  publishAt: Type.String({ maxLength: 40, description: "ISO date-time in the future; a past time is 400 CONTENT_SCHEDULE_PAST" }),
  /** Tell the targeted members in the app when it goes out. */
  notify: Type.Optional(Type.Boolean({ default: false })),
});
export type ScheduleBody = Static<typeof ScheduleBody>;

export const PublishBody = Type.Object({
  /** Tell the targeted members in the app ("content.published"). */
  notify: Type.Optional(Type.Boolean({ default: false })),
});
export type PublishBody = Static<typeof PublishBody>;

/** Opened, read to the end, studied: counts of members. */
export const ReachCounts = Type.Object({ opened: Type.Integer(), readToEnd: Type.Integer(), studied: Type.Integer() });
export type ReachCounts = Static<typeof ReachCounts>;

/** What every admin view of an item starts with. */
const adminHead = {
  id: Uuid,
  status: ContentStatus,
  /** When it goes (or went) out; null for a draft never scheduled. */
  publishAt: Nullable(Timestamp),
  unitId: Uuid,
  unitName: Type.String(),
  targetUnitIds: Type.Array(Uuid),
  tags: Type.Array(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  authorName: Nullable(Type.String()),
  sample: Type.Boolean(),
};

export const AdminArticle = Type.Object({
  ...adminHead,
  kind: ArticleKind,
  coverMediaId: Nullable(Uuid),
  /** As written (Markdown), with the rendered HTML beside it. */
  variants: Type.Array(Type.Object({ language: ContentLanguage, title: Type.String(), body: Type.String(), html: Type.String(), audioMediaId: Nullable(Uuid) })),
  /** With their answers (the cán bộ's view only). */
  questions: Type.Array(Type.Object({ id: Uuid, prompt: LocalizedText, choices: Type.Array(LocalizedText), answer: Type.Integer() })),
});
export type AdminArticle = Static<typeof AdminArticle>;

export const AdminArticleSummary = Type.Object({ ...adminHead, kind: ArticleKind, title: Type.String(), reach: ReachCounts });
export type AdminArticleSummary = Static<typeof AdminArticleSummary>;

export const AdminArticleList = Type.Object({ items: Type.Array(AdminArticleSummary), nextCursor: Nullable(Type.String()) });
export type AdminArticleList = Static<typeof AdminArticleList>;

export const AdminListQuery = Type.Object({
  status: Type.Optional(ContentStatus),
  kind: Type.Optional(Type.String({ maxLength: 40 })),
  q: Type.Optional(Type.String({ maxLength: L.searchMax })),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(PageLimit),
});
export type AdminListQuery = Static<typeof AdminListQuery>;

/** An article's reach by unit: the units of its audience and their child units, each counting its subtree's members. */
export const ReachUnit = Type.Object({ unitId: Uuid, unitName: Type.String(), opened: Type.Integer(), readToEnd: Type.Integer(), studied: Type.Integer() });
export const ArticleReach = Type.Object({ total: ReachCounts, units: Type.Array(ReachUnit) });
export type ArticleReach = Static<typeof ArticleReach>;

export const PreviewQuery = Type.Object({ lang: Type.Optional(ContentLanguage) });
export type PreviewQuery = Static<typeof PreviewQuery>;

/** Create (POST /api/admin/guides) or replace (PUT /api/admin/guides/:id) a guide; it starts as a draft. */
export const GuideWriteBody = Type.Object({
  ...audienceFields,
  ...guideFacts,
  portalUrl: Type.Optional(Nullable(Type.String({ maxLength: 500, pattern: "^https://" }))),
  sourceName: Type.String({ minLength: 1, maxLength: L.titleMax }),
  sourceUrl: Type.Optional(Nullable(Type.String({ maxLength: 500, pattern: "^https?://" }))),
  checkedOn: CalendarDate,
});
export type GuideWriteBody = Static<typeof GuideWriteBody>;

export const AdminGuide = Type.Object({ ...adminHead, ...guideFacts, portalUrl: Nullable(Type.String()), source: GuideSource });
export type AdminGuide = Static<typeof AdminGuide>;

export const AdminGuideSummary = Type.Object({ ...adminHead, title: Type.String(), checkedOn: CalendarDate });
export const AdminGuideList = Type.Object({ items: Type.Array(AdminGuideSummary), nextCursor: Nullable(Type.String()) });
export type AdminGuideList = Static<typeof AdminGuideList>;
