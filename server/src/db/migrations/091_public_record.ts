import type { Migration } from "../migrate.js";

/**
 * Kết quả xử lý, the public record (issue 13).
 * - `submission_publications`: one row per item whose author answered the question "may it be published?" (on the
 *   send form or later on her item), and the cán bộ's decision. `public_id` is what the public sees instead of the
 *   item's id, so that a public page can never be matched with the item (or its tracking code). The text and the
 *   answer are the cán bộ's reviewed copy (names removed), never read from the item itself; `search_text` is their
 *   folded form (diacritics optional). `unit_id`/`commune_id`/`due_at`/`resolved_at` are taken at publication time.
 * - `submission_public_media`: the proof photos of the answer she chose to show (no faces); `/api/media/:id` serves
 *   them without a session while the item is published.
 */
export const m091: Migration = {
  version: 91,
  name: "public_record",
  sql: /* sql */ `
CREATE TABLE submission_publications (
  submission_id uuid PRIMARY KEY REFERENCES submissions(id),
  consent boolean NOT NULL,
  consent_at timestamptz NOT NULL DEFAULT now(),
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','published','declined','unpublished')),
  public_id uuid UNIQUE,
  public_text text,
  public_answer text,
  search_text text,
  unit_id uuid REFERENCES units(id),
  commune_id uuid REFERENCES units(id),
  due_at timestamptz,
  resolved_at timestamptz,
  decided_by uuid REFERENCES members(id),
  decided_at timestamptz,
  published_at timestamptz,
  CHECK (state <> 'published' OR (consent AND public_id IS NOT NULL AND public_text IS NOT NULL AND public_answer IS NOT NULL
                                   AND unit_id IS NOT NULL AND commune_id IS NOT NULL AND published_at IS NOT NULL))
);
CREATE INDEX submission_publications_public_idx ON submission_publications (commune_id, published_at DESC) WHERE state = 'published';
CREATE INDEX submission_publications_search_trgm ON submission_publications USING gin (search_text gin_trgm_ops) WHERE state = 'published';

CREATE TABLE submission_public_media (
  submission_id uuid NOT NULL REFERENCES submission_publications(submission_id),
  -- no foreign key to media, as submission_media: the sweeper reads this column instead
  media_id uuid NOT NULL,
  sort integer NOT NULL DEFAULT 0,
  PRIMARY KEY (submission_id, media_id)
);
CREATE INDEX submission_public_media_media_idx ON submission_public_media (media_id);
`,
};
