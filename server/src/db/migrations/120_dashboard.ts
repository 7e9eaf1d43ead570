import type { Migration } from "../migrate.js";

/**
 * Tổng hợp (issue 17). `unit_women_counts`: the number of women a unit counts, per year, entered or imported by an
 * admin (the denominator of "members gathered"). The indexes serve the dashboard's period filters, which otherwise scan
 * the largest tables (submissions by day, study records of one article by day, members seen lately).
 */
export const m120: Migration = {
  version: 120,
  name: "dashboard",
  sql: /* sql */ `
CREATE TABLE unit_women_counts (
  unit_id uuid NOT NULL REFERENCES units(id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  women integer NOT NULL CHECK (women >= 0),
  updated_by uuid REFERENCES members(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, year)
);
CREATE INDEX submissions_created_idx ON submissions (created_at);
CREATE INDEX article_reads_studied_idx ON article_reads (article_id, studied_at) WHERE studied_at IS NOT NULL;
CREATE INDEX members_seen_idx ON members (last_seen_at) WHERE last_seen_at IS NOT NULL;
CREATE INDEX contest_entries_submitted_idx ON contest_entries (submitted_at);
`,
};
