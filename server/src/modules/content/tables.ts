import type { ColumnType, Generated } from "kysely";

type Auto<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: written as a JSON string, read back parsed. */
type Json<T> = ColumnType<T, string | undefined, string>;

export type ContentStatusCode = "draft" | "scheduled" | "published";
export type LocalizedJson = { vi: string; hmn?: string; dao?: string };

/** What articles and guides share: who publishes, for whom, when. */
interface Published {
  id: Generated<string>;
  unit_id: string;
  target_unit_ids: Auto<string[]>;
  /** target_unit_ids, or [unit_id] when none: a member reads the item when one of her unit's ancestors is here. */
  audience: string[];
  tags: Auto<string[]>;
  status: Auto<ContentStatusCode>;
  publish_at: Date | null;
  search_text: Auto<string>;
  sample: Auto<boolean>;
  author_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ArticlesTable extends Published {
  kind: string;
  notify_on_publish: Auto<boolean>;
  notified_at: Date | null;
  cover_media_id: string | null;
}

export interface ArticleVariantsTable {
  article_id: string;
  language: string;
  title: string;
  body: string;
  html: string;
  excerpt: string;
  audio_media_id: string | null;
}

export interface ArticleQuestionsTable {
  id: Generated<string>;
  article_id: string;
  position: number;
  prompt: Json<LocalizedJson>;
  choices: Json<LocalizedJson[]>;
  answer: number;
}

export interface ArticleReadsTable {
  article_id: string;
  member_id: string;
  opened_at: Date | null;
  read_to_end_at: Date | null;
  listened_fraction: Auto<number>;
  check_attempts: Auto<number>;
  passed_check_at: Date | null;
  studied_at: Date | null;
  updated_at: Timestamp;
}

export interface GuidesTable extends Published {
  title: string;
  summary: Auto<string>;
  steps: Json<Array<{ title: string; detail?: string }>>;
  papers: Json<string[]>;
  where_text: Auto<string>;
  when_text: Auto<string>;
  fees: Auto<string>;
  who_to_ask: Auto<string>;
  faq: Json<Array<{ question: string; answer: string }>>;
  portal_url: string | null;
  source_name: string;
  source_url: string | null;
  /** A date column; select it with to_char(…, 'YYYY-MM-DD'), as pg would make it a local-midnight Date. */
  checked_on: ColumnType<Date, string, string>;
}

export interface ContentTables {
  articles: ArticlesTable;
  article_variants: ArticleVariantsTable;
  article_questions: ArticleQuestionsTable;
  article_reads: ArticleReadsTable;
  guides: GuidesTable;
}
