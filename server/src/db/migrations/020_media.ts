import type { Migration } from "../migrate.js";

/** Photos and voice notes women attach to feedback; the bytes live on disk under MEDIA_DIR. */
export const m020: Migration = {
  version: 20,
  name: "media",
  sql: /* sql */ `
CREATE TABLE media (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES members(id),
  kind text NOT NULL CHECK (kind IN ('image','audio')),
  -- sniffed from the bytes, never the client's declared type
  mime text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  -- of the stored bytes (photos: after metadata was removed)
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  duration_ms integer CHECK (duration_ms IS NULL OR duration_ms >= 0),
  -- path relative to MEDIA_DIR
  storage_key text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_owner_idx ON media(owner_id, created_at);
`,
};
