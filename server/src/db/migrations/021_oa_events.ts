import type { Migration } from "../migrate.js";

/**
 * OA webhook events stored once each (the future chatbot reads them), follow state ordered by the event's own
 * time, and the codes that prove which OA user a member is.
 */
export const m021: Migration = {
  version: 21,
  name: "oa_events",
  sql: /* sql */ `
CREATE TABLE oa_events (
  -- msg_id, else event name + timestamp + user: a redelivery hits the same key
  event_key text PRIMARY KEY,
  event_name text NOT NULL,
  oa_user_id text,
  occurred_at timestamptz NOT NULL,
  payload jsonb NOT NULL,
  outcome text,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oa_events_user_idx ON oa_events(oa_user_id, occurred_at);

ALTER TABLE oa_interactions ADD COLUMN follow_changed_at timestamptz;

CREATE TABLE oa_link_codes (
  code text PRIMARY KEY,
  -- one live code per member: asking again replaces it
  member_id uuid NOT NULL UNIQUE REFERENCES members(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
`,
};
