import type { Migration } from "../migrate.js";

/**
 * Tổng hợp's refreshed summaries (issue 17), kept by the `dashboard.refresh` job (modules/dashboard/refresh.ts):
 * - `dashboard_facts`: counts per (fact, grain, day, unit, key), each fact at three grains (the Lào Cai day, its month,
 *   its year) so that any period is a handful of ranges: whole years, whole months, loose days at either end; and for
 *   what is counted "by the end of the period", grain c: the running total before the 1st of each month. A dashboard
 *   sums a few rows per unit of the subtree instead of counting members, read records or items.
 * - `dashboard_items`: one narrow row per feedback item with what the figures need of its assignments, events and rating
 *   (the joins done once, incrementally by watermark), so medians and "as of the end of the period" stay exact.
 * - `dashboard_refresh`: when the figures were last refreshed (shown as "Số liệu cập nhật lúc …") and the watermarks.
 */
export const m121: Migration = {
  version: 121,
  name: "dashboard_summaries",
  sql: /* sql */ `
CREATE TABLE dashboard_facts (
  fact text NOT NULL,
  grain "char" NOT NULL CHECK (grain IN ('y', 'm', 'd', 'c')),
  day date NOT NULL,
  unit_id uuid NOT NULL,
  key text NOT NULL DEFAULT '',
  n bigint NOT NULL,
  -- key before the dates: one resolution's rows, or a fact without key, are one range of the index
  PRIMARY KEY (fact, key, grain, day, unit_id)
);

CREATE TABLE dashboard_items (
  submission_id uuid PRIMARY KEY,
  origin_unit_id uuid NOT NULL,
  category_code text NOT NULL,
  channel text NOT NULL,
  urgent boolean NOT NULL,
  created_at timestamptz NOT NULL,
  resolved_at timestamptz,
  due_at timestamptz,
  first_answer_at timestamptz,
  first_contact_at timestamptz,
  escalated_at timestamptz[] NOT NULL DEFAULT '{}',
  lifted_at timestamptz,
  rating text,
  rated_at timestamptz
);
CREATE INDEX dashboard_items_created_idx ON dashboard_items (created_at);
CREATE INDEX dashboard_items_resolved_idx ON dashboard_items (resolved_at) WHERE resolved_at IS NOT NULL;

CREATE TABLE dashboard_refresh (
  id integer PRIMARY KEY CHECK (id = 1),
  refreshed_at timestamptz NOT NULL,
  items_watermark timestamptz NOT NULL,
  full_at timestamptz NOT NULL,
  took_ms integer NOT NULL
);

-- the incremental item refresh reads what changed since its watermark
CREATE INDEX submissions_updated_idx ON submissions (updated_at);
CREATE INDEX submission_events_created_idx ON submission_events (created_at);
`,
};
