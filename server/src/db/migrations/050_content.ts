import type { Migration } from "../migrate.js";

/**
 * Tìm hiểu (issue 10): articles with one row per language variant, their check questions and each member's reading of
 * them; public-service guides. Both are published by a unit for an audience: `audience` is the target units, or the
 * publishing unit itself when none is named, and a member reads an item when one of her unit's ancestors (or her unit)
 * is in it — one array overlap on a GIN index. `status` + `publish_at` decide visibility without a job: a scheduled
 * item shows once its time has come. `search_text` is foldVietnamese() of the titles and text, for LIKE on trigrams.
 */
export const m050: Migration = {
  version: 50,
  name: "content",
  sql: /* sql */ `
CREATE TABLE articles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('nghi_quyet','phap_luat','tin_hoat_dong','dan_van_kheo','khoi_nghiep')),
  unit_id uuid NOT NULL REFERENCES units(id),
  target_unit_ids uuid[] NOT NULL DEFAULT '{}',
  audience uuid[] NOT NULL CHECK (cardinality(audience) > 0),
  tags text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','scheduled','published')),
  publish_at timestamptz,
  -- a scheduled article tells its readers when it goes out (content.notify job), once
  notify_on_publish boolean NOT NULL DEFAULT false,
  notified_at timestamptz,
  cover_media_id uuid REFERENCES media(id),
  search_text text NOT NULL DEFAULT '',
  sample boolean NOT NULL DEFAULT false,
  author_id uuid REFERENCES members(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'draft' OR publish_at IS NOT NULL)
);
CREATE INDEX articles_visible_idx ON articles (publish_at DESC, id DESC) WHERE status <> 'draft';
CREATE INDEX articles_kind_visible_idx ON articles (kind, publish_at DESC, id DESC) WHERE status <> 'draft';
CREATE INDEX articles_audience_idx ON articles USING gin (audience);
CREATE INDEX articles_search_trgm ON articles USING gin (search_text gin_trgm_ops);
CREATE INDEX articles_unit_idx ON articles (unit_id, updated_at DESC);

CREATE TABLE article_variants (
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  language text NOT NULL CHECK (language IN ('vi','hmn','dao')),
  title text NOT NULL,
  -- as the cán bộ wrote it (Markdown), and as members get it (sanitized HTML rendered at write time)
  body text NOT NULL,
  html text NOT NULL,
  excerpt text NOT NULL,
  audio_media_id uuid REFERENCES media(id),
  PRIMARY KEY (article_id, language)
);
CREATE INDEX article_variants_audio_idx ON article_variants (audio_media_id) WHERE audio_media_id IS NOT NULL;
CREATE INDEX articles_cover_idx ON articles (cover_media_id) WHERE cover_media_id IS NOT NULL;

-- prompt and each choice are {"vi": …, "hmn"?: …, "dao"?: …}; answer indexes choices
CREATE TABLE article_questions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position integer NOT NULL,
  prompt jsonb NOT NULL,
  choices jsonb NOT NULL,
  answer integer NOT NULL CHECK (answer >= 0),
  UNIQUE (article_id, position)
);

CREATE TABLE article_reads (
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  opened_at timestamptz,
  read_to_end_at timestamptz,
  listened_fraction double precision NOT NULL DEFAULT 0 CHECK (listened_fraction >= 0 AND listened_fraction <= 1),
  check_attempts integer NOT NULL DEFAULT 0,
  passed_check_at timestamptz,
  studied_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, member_id)
);
CREATE INDEX article_reads_member_idx ON article_reads (member_id, studied_at DESC);

CREATE TABLE guides (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units(id),
  target_unit_ids uuid[] NOT NULL DEFAULT '{}',
  audience uuid[] NOT NULL CHECK (cardinality(audience) > 0),
  tags text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','scheduled','published')),
  publish_at timestamptz,
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  -- [{title, detail?}], [text], [{question, answer}]: data, so the chatbot answers from the same FAQ
  steps jsonb NOT NULL DEFAULT '[]',
  papers jsonb NOT NULL DEFAULT '[]',
  where_text text NOT NULL DEFAULT '',
  when_text text NOT NULL DEFAULT '',
  fees text NOT NULL DEFAULT '',
  who_to_ask text NOT NULL DEFAULT '',
  faq jsonb NOT NULL DEFAULT '[]',
  portal_url text,
  source_name text NOT NULL,
  source_url text,
  checked_on date NOT NULL,
  search_text text NOT NULL DEFAULT '',
  sample boolean NOT NULL DEFAULT false,
  author_id uuid REFERENCES members(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'draft' OR publish_at IS NOT NULL)
);
CREATE INDEX guides_visible_idx ON guides (publish_at DESC, id DESC) WHERE status <> 'draft';
CREATE INDEX guides_audience_idx ON guides USING gin (audience);
CREATE INDEX guides_search_trgm ON guides USING gin (search_text gin_trgm_ops);
CREATE INDEX guides_unit_idx ON guides (unit_id, updated_at DESC);
`,
};
