import type { Migration } from "../migrate.js";

/**
 * Running it for real (issue 18).
 *
 * The queue board is a web page a province admin opens in a desktop browser, which sends no bearer token: she asks the
 * API for a one-time pass (kind 'ticket', two minutes), the board exchanges it for a cookie (kind 'session', half an
 * hour). Only hashes are stored, like sessions.
 *
 * The session purge (auth/jobs.ts) deletes expired sessions in batches; without an index on expires_at each batch read
 * the whole table.
 */
export const m053: Migration = {
  version: 53,
  name: "ops",
  sql: /* sql */ `
CREATE TABLE ops_board_passes (
  token_hash text PRIMARY KEY,
  member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('ticket', 'session')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ops_board_passes_expires_idx ON ops_board_passes (expires_at);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
`,
};
