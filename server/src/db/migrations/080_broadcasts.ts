import type { Migration } from "../migrate.js";

/**
 * Thông báo (issue 14): a cán bộ's announcement to members of her subtree. The announcement is one row; who gets it
 * is written as notify `deliveries` (source_module 'broadcasts', source_id = announcement id, dedupe_key 'a'), so the
 * outbox's unique (source, key, recipient, channel) index is the "nobody gets it twice on a channel" rule, and the
 * in-app row is her feed entry (read_at = opened).
 *
 * Fan-out state lives here, never only in the queue: `status` and `send_at` (a scheduled one survives a restart of
 * everything), the chunks the audience was cut into (member id ranges, so a re-run of the expansion continues where it
 * stopped and a lost chunk job is re-added by the reconciler), and `done_at` per chunk.
 *
 * Two columns on the shared deliveries table, used by notify's sender for every module:
 * - sending_since: set (committed) just before the Zalo call and cleared with its outcome. A job that finds it set
 *   was interrupted mid-call (the worker died): whether Zalo got it is unknown, so it is not sent again (in doubt)
 *   rather than risk a second copy.
 * - template_fallback: whether an OA message Zalo refuses (-230/-213) may fall back to a template message; an
 *   announcement allows it only when the cán bộ chose the template channel.
 */
export const m080: Migration = {
  version: 80,
  name: "broadcasts",
  sql: /* sql */ `
ALTER TABLE deliveries
  ADD COLUMN sending_since timestamptz,
  ADD COLUMN template_fallback boolean NOT NULL DEFAULT true;

CREATE TABLE broadcasts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the sending unit: one of her units; the audience is its subtree or chosen units in it
  unit_id uuid NOT NULL REFERENCES units(id),
  author_id uuid NOT NULL REFERENCES members(id),
  title text NOT NULL,
  body text NOT NULL,
  link_kind text CHECK (link_kind IN ('article', 'guide')),
  link_id uuid,
  target_unit_ids uuid[] NOT NULL DEFAULT '{}',
  -- the audience's unit paths, resolved when written (the targets', or the sending unit's)
  target_paths text[] NOT NULL,
  who text NOT NULL CHECK (who IN ('all', 'members', 'can_bo')),
  languages text[] NOT NULL DEFAULT '{}',
  channels text[] NOT NULL DEFAULT '{}',
  urgent boolean NOT NULL DEFAULT false,
  status text NOT NULL CHECK (status IN ('scheduled', 'expanding', 'sending', 'done', 'cancelled')),
  send_at timestamptz NOT NULL,
  expanded_at timestamptz,
  chunk_count int,
  cancelled_at timestamptz,
  cancelled_by uuid REFERENCES members(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((link_kind IS NULL) = (link_id IS NULL))
);
CREATE INDEX broadcasts_unit_idx ON broadcasts (unit_id, created_at DESC);
CREATE INDEX broadcasts_open_idx ON broadcasts (send_at) WHERE status IN ('scheduled', 'expanding', 'sending');

CREATE TABLE broadcast_chunks (
  broadcast_id uuid NOT NULL REFERENCES broadcasts(id),
  idx int NOT NULL,
  -- inclusive range of member ids (uuid order) this chunk covers
  first_member uuid NOT NULL,
  last_member uuid NOT NULL,
  size int NOT NULL,
  done_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (broadcast_id, idx)
);
CREATE INDEX broadcast_chunks_open_idx ON broadcast_chunks (created_at) WHERE done_at IS NULL;
-- her feed: her in-app announcement rows, newest first
CREATE INDEX deliveries_feed_idx ON deliveries (recipient_id, created_at DESC) WHERE source_module = 'broadcasts' AND channel = 'in_app';
`,
};
