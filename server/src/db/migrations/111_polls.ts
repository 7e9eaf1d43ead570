import type { Migration } from "../migrate.js";

/**
 * Khảo sát nhanh (issue 16). Who answered and what was answered are kept apart on purpose:
 * - `poll_participants` (poll, member): the "one answer per member" rule is its primary key, so concurrent
 *   double-submits leave one row and the second insert finds the conflict.
 * - `poll_responses` / `poll_answers` / `poll_texts`: the ballot, with no member id and no time (a time would link it back
 *   to the participant row). Random uuids, so even the row order says nothing. The ballot carries the groups the
 *   results are broken down by, as they were when she answered: `unit_group` (the child of the poll's unit her unit is
 *   in, or the poll's unit itself), and her age / ethnic profile tag if she gave one (only ever counted, never shown
 *   per person, groups under five merged: shared/src/domain/polls.ts).
 * Results are read every second while a poll runs, so the database keeps the counts itself: statement-level triggers
 * add each ballot to `poll_tallies` (per question, option and group combination) and `poll_group_tallies` (respondents
 * per group combination), in the ballot's own transaction, rows upserted in key order (no deadlocks between ballots).
 * Reading results is then a grouped scan of a few hundred rows however many answered. '' stands for "did not say"
 * in the tallies (a key column cannot be NULL for ON CONFLICT on PostgreSQL 14).
 */
export const m111: Migration = {
  version: 111,
  name: "polls",
  sql: /* sql */ `
CREATE TABLE polls (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units(id),
  author_id uuid NOT NULL REFERENCES members(id),
  title text NOT NULL,
  intro text NOT NULL DEFAULT '',
  -- [{kind, text, options?}], validated by the API
  questions jsonb NOT NULL,
  target_unit_ids uuid[] NOT NULL DEFAULT '{}',
  -- the audience's unit paths, resolved when written (the targets', or the sending unit's)
  target_paths text[] NOT NULL,
  target_tags text[] NOT NULL DEFAULT '{}',
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  audience_size int NOT NULL DEFAULT 0,
  broadcast_id uuid REFERENCES broadcasts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (closes_at > opens_at)
);
CREATE INDEX polls_unit_idx ON polls (unit_id, created_at DESC);
CREATE INDEX polls_closes_idx ON polls (closes_at DESC);

CREATE TABLE poll_participants (
  poll_id uuid NOT NULL REFERENCES polls(id),
  member_id uuid NOT NULL REFERENCES members(id),
  answered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (poll_id, member_id)
);
CREATE INDEX poll_participants_member_idx ON poll_participants (member_id);

CREATE TABLE poll_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  poll_id uuid NOT NULL REFERENCES polls(id),
  unit_group uuid NOT NULL REFERENCES units(id),
  age_group text,
  ethnic_group text
);

CREATE TABLE poll_answers (
  response_id uuid NOT NULL REFERENCES poll_responses(id),
  poll_id uuid NOT NULL REFERENCES polls(id),
  question_idx smallint NOT NULL,
  -- the option index (single, multiple) or the point 1–5 (scale)
  option_idx smallint NOT NULL,
  unit_group uuid NOT NULL,
  age_group text,
  ethnic_group text,
  PRIMARY KEY (response_id, question_idx, option_idx)
);

CREATE TABLE poll_tallies (
  poll_id uuid NOT NULL REFERENCES polls(id),
  question_idx smallint NOT NULL,
  option_idx smallint NOT NULL,
  unit_group uuid NOT NULL,
  age_group text NOT NULL,
  ethnic_group text NOT NULL,
  n int NOT NULL,
  PRIMARY KEY (poll_id, question_idx, option_idx, unit_group, age_group, ethnic_group)
);
CREATE TABLE poll_group_tallies (
  poll_id uuid NOT NULL REFERENCES polls(id),
  unit_group uuid NOT NULL,
  age_group text NOT NULL,
  ethnic_group text NOT NULL,
  n int NOT NULL,
  PRIMARY KEY (poll_id, unit_group, age_group, ethnic_group)
);

CREATE FUNCTION hoiso_poll_answers_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO poll_tallies AS t (poll_id, question_idx, option_idx, unit_group, age_group, ethnic_group, n)
  SELECT poll_id, question_idx, option_idx, unit_group, coalesce(age_group, ''), coalesce(ethnic_group, ''), count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (poll_id, question_idx, option_idx, unit_group, age_group, ethnic_group) DO UPDATE SET n = t.n + excluded.n;
  RETURN NULL;
END $$;
CREATE TRIGGER poll_answers_tally AFTER INSERT ON poll_answers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hoiso_poll_answers_tally();

CREATE FUNCTION hoiso_poll_responses_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO poll_group_tallies AS t (poll_id, unit_group, age_group, ethnic_group, n)
  SELECT poll_id, unit_group, coalesce(age_group, ''), coalesce(ethnic_group, ''), count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (poll_id, unit_group, age_group, ethnic_group) DO UPDATE SET n = t.n + excluded.n;
  RETURN NULL;
END $$;
CREATE TRIGGER poll_responses_tally AFTER INSERT ON poll_responses REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hoiso_poll_responses_tally();

CREATE TABLE poll_texts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  response_id uuid NOT NULL REFERENCES poll_responses(id),
  poll_id uuid NOT NULL REFERENCES polls(id),
  question_idx smallint NOT NULL,
  text text NOT NULL
);
CREATE INDEX poll_texts_poll_idx ON poll_texts (poll_id, question_idx, id);
`,
};
