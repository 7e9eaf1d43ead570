import type { Migration } from "../migrate.js";

/**
 * An toàn (issue 12): help for a woman in danger.
 * - `submissions.urgent`: an urgent report is a feedback item (private category, sensitive) flagged urgent; the
 *   cán bộ's inbox shows it first.
 * - `safety_reports`: what only an urgent report has — the callback number she chose, where she is in her words, and
 *   the location only when she agreed to share it (for that item only, never on her member row).
 * - `safety_alerts`: per assignment of an urgent item, when it must be acknowledged (minutes, a setting) and when
 *   the check ran and whether nobody had and the next level was brought in. Its partial index is what the reconciler reads.
 * - `safety_on_call`: who of a xã receives urgent alerts, and when (weekdays, minutes of the day in Lào Cai time).
 * - `trusted_addresses`: địa chỉ tin cậy and safe places of a commune: public data; nothing records who looked.
 */
export const m070: Migration = {
  version: 70,
  name: "safety",
  sql: /* sql */ `
ALTER TABLE submissions ADD COLUMN urgent boolean NOT NULL DEFAULT false;
CREATE INDEX submissions_urgent_idx ON submissions (created_at DESC) WHERE urgent;

CREATE TABLE safety_reports (
  submission_id uuid PRIMARY KEY REFERENCES submissions(id),
  callback_phone text,
  where_text text NOT NULL DEFAULT '',
  -- only when she agreed, exchanged from her Zalo location token on the server
  location_lat double precision,
  location_lng double precision,
  location_at timestamptz,
  CHECK ((location_lat IS NULL) = (location_lng IS NULL))
);

CREATE TABLE safety_alerts (
  assignment_id uuid PRIMARY KEY REFERENCES assignments(id),
  submission_id uuid NOT NULL REFERENCES submissions(id),
  unit_id uuid NOT NULL REFERENCES units(id),
  alerted_at timestamptz NOT NULL,
  ack_due_at timestamptz NOT NULL,
  -- when the acknowledgement check ran (once), and whether it had to bring in the next level
  checked_at timestamptz,
  escalated_at timestamptz
);
CREATE INDEX safety_alerts_due_idx ON safety_alerts (ack_due_at) WHERE checked_at IS NULL;
CREATE INDEX safety_alerts_submission_idx ON safety_alerts (submission_id);

CREATE TABLE safety_on_call (
  unit_id uuid NOT NULL REFERENCES units(id),
  member_id uuid NOT NULL REFERENCES members(id),
  -- 0 = Sunday … 6 = Saturday; minutes of the day in Lào Cai time; from > to wraps past midnight
  weekdays smallint[] NOT NULL DEFAULT '{0,1,2,3,4,5,6}',
  from_minute integer NOT NULL DEFAULT 0 CHECK (from_minute BETWEEN 0 AND 1440),
  to_minute integer NOT NULL DEFAULT 1440 CHECK (to_minute BETWEEN 0 AND 1440),
  updated_by uuid REFERENCES members(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, member_id)
);

CREATE TABLE trusted_addresses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units(id),
  kind text NOT NULL CHECK (kind IN ('dia_chi_tin_cay','nha_tam_lanh','cong_an','y_te','tu_van','khac')),
  name text NOT NULL,
  help text NOT NULL DEFAULT '',
  address text NOT NULL DEFAULT '',
  phone text,
  hours text NOT NULL DEFAULT '',
  managed_by text NOT NULL DEFAULT '',
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  sample boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES members(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX trusted_addresses_unit_idx ON trusted_addresses (unit_id, sort) WHERE active;

CREATE TABLE safety_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO safety_settings (key, value) VALUES ('ack_minutes', '15'), ('resolve_hours', '8');
`,
};
