import type { Migration } from "../migrate.js";

/**
 * Phản ánh, second round (issue 13).
 * - `submissions.channel`: how the item reached the Hội — the Mini App, or entered on her behalf by a cán bộ after a
 *   phone call, in person, on paper or at a meeting. The dashboard groups by it.
 * - `submission_on_behalf`: what only an item entered on her behalf has: who entered it, the woman's name and phone
 *   (both optional), that she agreed to it being entered, and whether she agreed to be told on Zalo. The item's
 *   `author_id` is the cán bộ who entered it (she follows it for the woman); the woman is never a member row here.
 * - `submission_ratings`: her rating of the answer, once per item, with the unit that answered (per-unit figures).
 * - `media.kind` 'document' (PDF) and `submission_event_media`: photos and PDFs a cán bộ attaches to a reply or a
 *   resolution as proof; the media sweeper keeps what this table points at.
 * - `submissions.legal_route`: closed by a cán bộ as a khiếu nại (Luật Khiếu nại 2011) or tố cáo (Luật Tố cáo 2018),
 *   which follow their own legal procedures outside the Hội; she is shown where and how to file it.
 * - `submission_locations`: where, only when she agreed to share it (Zalo's location token exchanged on the server),
 *   for that item only, never on her member row; shown to the cán bộ who may read the item, as a map link.
 */
export const m090: Migration = {
  version: 90,
  name: "feedback_round2",
  sql: /* sql */ `
ALTER TABLE submissions ADD COLUMN channel text NOT NULL DEFAULT 'mini_app'
  CHECK (channel IN ('mini_app','dien_thoai','truc_tiep','giay','hop'));
CREATE INDEX submissions_channel_idx ON submissions (channel, created_at) WHERE channel <> 'mini_app';

CREATE TABLE submission_on_behalf (
  submission_id uuid PRIMARY KEY REFERENCES submissions(id),
  entered_by uuid NOT NULL REFERENCES members(id),
  woman_name text CHECK (woman_name IS NULL OR length(btrim(woman_name)) BETWEEN 1 AND 120),
  -- normalised (84…); kept only when she agreed to be told on Zalo or gave it as a contact
  woman_phone text CHECK (woman_phone IS NULL OR woman_phone ~ '^84[0-9]{9,10}$'),
  -- she agreed to the item being entered for her: without it nothing is stored
  consent boolean NOT NULL CHECK (consent),
  notify_consent boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX submission_on_behalf_entered_idx ON submission_on_behalf (entered_by, created_at DESC);

CREATE TABLE submission_ratings (
  submission_id uuid PRIMARY KEY REFERENCES submissions(id),
  -- the unit whose answer is rated (the resolving assignment's unit)
  unit_id uuid NOT NULL REFERENCES units(id),
  rating text NOT NULL CHECK (rating IN ('hai_long','binh_thuong','chua_hai_long')),
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 500),
  rated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX submission_ratings_unit_idx ON submission_ratings (unit_id, rated_at);

ALTER TABLE media DROP CONSTRAINT media_kind_check;
ALTER TABLE media ADD CONSTRAINT media_kind_check CHECK (kind IN ('image','audio','document'));

CREATE TABLE submission_event_media (
  event_id bigint NOT NULL REFERENCES submission_events(id),
  -- no foreign key to media, as submission_media: the sweeper reads this column instead
  media_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('image','document')),
  sort integer NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, media_id)
);
CREATE INDEX submission_event_media_media_idx ON submission_event_media (media_id);

CREATE TABLE submission_locations (
  submission_id uuid PRIMARY KEY REFERENCES submissions(id),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE submissions ADD COLUMN legal_route text CHECK (legal_route IN ('khieu_nai','to_cao'));
`,
};
