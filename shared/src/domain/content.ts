/**
 * Tìm hiểu: the kinds of articles, their one name each, the rules of "đã học" and the limits of written content.
 * Pure data, no schemas, so the Mini App imports it from `@hoiso/shared/domain`.
 */
export const ARTICLE_KINDS = ["nghi_quyet", "phap_luat", "tin_hoat_dong", "dan_van_kheo", "khoi_nghiep"] as const;
export type ArticleKindCode = (typeof ARTICLE_KINDS)[number];

/** The tabs of Tìm hiểu; guides ("Hướng dẫn dịch vụ công") are a list of their own, not an article kind. */
export const ARTICLE_KIND_LABEL = {
  nghi_quyet: "Nghị quyết",
  phap_luat: "Pháp luật – chính sách",
  tin_hoat_dong: "Tin hoạt động",
  dan_van_kheo: "Mô hình \"Dân vận khéo\"",
  khoi_nghiep: "Khởi nghiệp – sinh kế",
} as const satisfies Record<ArticleKindCode, string>;

export const GUIDES_LABEL = "Hướng dẫn dịch vụ công";

export function isArticleKind(x: unknown): x is ArticleKindCode {
  return typeof x === "string" && (ARTICLE_KINDS as readonly string[]).includes(x);
}

/**
 * Where a piece of content stands. `scheduled` turns visible by itself once `publishAt` has passed (no job flips it);
 * `draft` is never shown to members, whatever its date.
 */
export const CONTENT_STATUSES = ["draft", "scheduled", "published"] as const;
export type ContentStatusCode = (typeof CONTENT_STATUSES)[number];

/** She "listened to most of it" at this fraction of the audio (the "most of its audio"). */
export const STUDIED_LISTEN_FRACTION = 0.8;

/**
 * "Đã học": read to the end or listened to most of the audio, AND answered every check question right (retries
 * allowed; an article without questions needs only the reading). Kept here so the server and the Mini App agree.
 */
export function isStudied(p: { readToEnd: boolean; listenedFraction: number; passedCheck: boolean; hasQuestions: boolean }): boolean {
  const engaged = p.readToEnd || p.listenedFraction >= STUDIED_LISTEN_FRACTION;
  return engaged && (p.passedCheck || !p.hasQuestions);
}

/** Sizes of what a cán bộ writes; the server refuses more with a Vietnamese message, the editor warns before. */
export const CONTENT_LIMITS = {
  titleMax: 200,
  /** Markdown source of one language variant. */
  bodyMax: 60_000,
  summaryMax: 500,
  questionsMax: 5,
  choicesMin: 2,
  choicesMax: 5,
  questionTextMax: 300,
  /** Target tags of an item: the whole profile tag vocabulary fits (e.g. every ethnic group but one). */
  tagsMax: 20,
  targetsMax: 50,
  guideStepsMax: 30,
  guideListMax: 30,
  guideFieldMax: 2000,
  faqMax: 30,
  /** A page of a list. */
  pageMax: 50,
  searchMax: 100,
} as const;
