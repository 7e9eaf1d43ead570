import type { Migration } from "../migrate.js";

/**
 * Thi (issue 11): practice quizzes and contests, their rounds (Đợt) and question banks, attempts scored on the server,
 * and each member's entry per round (her best attempt), which the leaderboards read.
 *
 * Ranking: an entry carries `k1..k4`, the contest rule's keys in its order (shared/src/domain/contest-ranking.ts, smaller
 * is better), so one composite index per scope serves both published rules: the top 100 is an index range scan, and her
 * rank is 1 + the count of rows ahead of her — a row comparison `(k1,k2,k3,k4,member_id) < (…)` on the same index.
 * Entries keep the commune and chi hội the member belonged to when she first entered, for the scoped boards.
 * One open attempt per member and round is a partial unique index; expired attempts are closed lazily.
 */
export const m060: Migration = {
  version: 60,
  name: "contests",
  sql: /* sql */ `
CREATE TABLE contests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('contest','practice')),
  unit_id uuid NOT NULL REFERENCES units(id),
  audience uuid[] NOT NULL CHECK (cardinality(audience) > 0),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  rules text NOT NULL DEFAULT '',
  ranking text NOT NULL DEFAULT 'correct_time_prediction' CHECK (ranking IN ('correct_time_prediction','correct_prediction_time')),
  prize_tiers jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','closed')),
  sample boolean NOT NULL DEFAULT false,
  author_id uuid REFERENCES members(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contests_audience_idx ON contests USING gin (audience);
CREATE INDEX contests_unit_idx ON contests (unit_id, updated_at DESC);

CREATE TABLE contest_rounds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contest_id uuid NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
  position integer NOT NULL,
  title text NOT NULL,
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  question_count integer NOT NULL CHECK (question_count > 0),
  time_limit_seconds integer NOT NULL CHECK (time_limit_seconds > 0),
  max_attempts integer NOT NULL CHECK (max_attempts > 0),
  prediction_kind text CHECK (prediction_kind IN ('perfect_count','entries')),
  prediction_prompt text,
  closed_at timestamptz,
  prediction_actual integer,
  winners_picked_at timestamptz,
  UNIQUE (contest_id, position),
  CHECK (closes_at > opens_at)
);

CREATE TABLE contest_questions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES contest_rounds(id) ON DELETE CASCADE,
  position integer NOT NULL,
  prompt text NOT NULL,
  choices text[] NOT NULL CHECK (cardinality(choices) >= 2),
  answer integer[] NOT NULL CHECK (cardinality(answer) >= 1),
  explanation text NOT NULL DEFAULT '',
  image_media_id uuid REFERENCES media(id),
  UNIQUE (round_id, position)
);
CREATE INDEX contest_questions_image_idx ON contest_questions (image_media_id) WHERE image_media_id IS NOT NULL;

CREATE TABLE contest_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES contest_rounds(id) ON DELETE CASCADE,
  member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  number integer NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','submitted','expired')),
  question_ids uuid[] NOT NULL,
  -- per question, the order its choices were shown in (same order on resume)
  choice_orders jsonb NOT NULL,
  started_at timestamptz NOT NULL,
  deadline timestamptz NOT NULL,
  submitted_at timestamptz,
  answers jsonb,
  correct integer,
  duration_ms integer,
  prediction integer,
  UNIQUE (round_id, member_id, number)
);
CREATE UNIQUE INDEX contest_attempts_one_open ON contest_attempts (round_id, member_id) WHERE status = 'open';
CREATE INDEX contest_attempts_member_idx ON contest_attempts (member_id, started_at DESC);

CREATE TABLE contest_entries (
  round_id uuid NOT NULL REFERENCES contest_rounds(id) ON DELETE CASCADE,
  member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  attempt_id uuid NOT NULL REFERENCES contest_attempts(id) ON DELETE CASCADE,
  xa_id uuid REFERENCES units(id),
  chi_hoi_id uuid REFERENCES units(id),
  correct integer NOT NULL,
  duration_ms integer NOT NULL,
  prediction integer,
  submitted_at timestamptz NOT NULL,
  k1 bigint NOT NULL,
  k2 bigint NOT NULL,
  k3 bigint NOT NULL,
  k4 bigint NOT NULL,
  PRIMARY KEY (round_id, member_id)
);
CREATE INDEX contest_entries_rank_idx ON contest_entries (round_id, k1, k2, k3, k4, member_id);
CREATE INDEX contest_entries_xa_rank_idx ON contest_entries (round_id, xa_id, k1, k2, k3, k4, member_id);
CREATE INDEX contest_entries_chi_hoi_rank_idx ON contest_entries (round_id, chi_hoi_id, k1, k2, k3, k4, member_id);

-- members with an entry in a round, for the "of N" beside her rank without counting 300,000 rows: spread over 16 rows
-- (by member) so that a thousand first submissions in the same minute do not queue on one counter row
CREATE TABLE contest_entry_counts (
  round_id uuid NOT NULL REFERENCES contest_rounds(id) ON DELETE CASCADE,
  shard smallint NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (round_id, shard)
);

-- How many entries share each coarse position (k1, bucket of k2, bucket of k3): her rank is the sum of the buckets ahead
-- of hers (a few hundred small rows) plus a COUNT inside her own bucket, instead of a COUNT of everyone ahead of her
-- (150,000 index entries for a member in the middle of 300,000). Buckets are eight per doubling of the key.
CREATE FUNCTION contest_bucket(v bigint) RETURNS integer IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql
  AS $$ SELECT CASE WHEN v <= 0 THEN 0 ELSE floor(ln(v::float8) / ln(2::float8) * 8)::integer + 1 END $$;
-- a value at or below the smallest of bucket b (a lower bound for an index range; the bucket test keeps it exact)
CREATE FUNCTION contest_bucket_floor(b integer) RETURNS bigint IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql
  AS $$ SELECT CASE WHEN b <= 0 THEN -1 ELSE floor(power(2::float8, (b - 1)::float8 / 8) * (1 - 1e-9))::bigint - 1 END $$;
CREATE TABLE contest_rank_buckets (
  round_id uuid NOT NULL REFERENCES contest_rounds(id) ON DELETE CASCADE,
  k1 bigint NOT NULL,
  b2 integer NOT NULL,
  b3 integer NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (round_id, k1, b2, b3)
);

CREATE TABLE contest_winners (
  round_id uuid NOT NULL REFERENCES contest_rounds(id) ON DELETE CASCADE,
  member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  tier integer NOT NULL,
  label text NOT NULL,
  rank integer NOT NULL,
  -- what she gave the organisers to confirm who she is; read by cán bộ only, audited
  confirmed_at timestamptz,
  confirmation jsonb,
  PRIMARY KEY (round_id, member_id)
);
`,
};
