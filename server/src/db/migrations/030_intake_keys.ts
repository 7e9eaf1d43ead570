import type { Migration } from "../migrate.js";

/**
 * Idempotency keys of POST /api/submissions: a retry with the same key by the same member finds the first item.
 * The key row is inserted before the submission in the same transaction (so a racing duplicate waits on the primary
 * key), hence the deferred foreign key.
 */
export const m030: Migration = {
  version: 30,
  name: "intake_keys",
  sql: /* sql */ `
CREATE TABLE submission_keys (
  member_id uuid NOT NULL REFERENCES members(id),
  key text NOT NULL,
  submission_id uuid NOT NULL REFERENCES submissions(id) DEFERRABLE INITIALLY DEFERRED,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (member_id, key)
);
CREATE INDEX submission_keys_created_idx ON submission_keys(created_at);
`,
};
