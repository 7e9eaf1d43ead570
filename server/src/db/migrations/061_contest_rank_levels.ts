import type { Migration } from "../migrate.js";

/**
 * Thi (issue 11): her rank in a round of 300,000 entries without counting thousands of index entries.
 *
 * "Ahead of her" is decided on (k1, k2) and then counted exactly (migration 060's bucket of k3 said nothing about the
 * order and only multiplied the rows). The counts now come in two levels of one table, both over k2 on a log scale:
 *  - level 0: (k1, coarse bucket), 8 per doubling of k2 — the few hundred rows ahead of her bucket are summed;
 *  - level 1: (k1, fine bucket), 256 per doubling, each nested in one coarse bucket (fine → coarse is integer division,
 *    never a second float computation) — at most 32 rows inside her coarse bucket are summed;
 * and only the entries of her own fine bucket (a hundred or so among 300,000) are counted on the rank index.
 * The table is written on every submission (n ± 1): a low fillfactor keeps those updates HOT.
 */
export const m061: Migration = {
  version: 61,
  name: "contest_rank_levels",
  sql: /* sql */ `
CREATE FUNCTION contest_fine_bucket(v bigint) RETURNS integer IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql
  AS $$ SELECT CASE WHEN v <= 0 THEN 0 ELSE floor(ln(v::float8) / ln(2::float8) * 256)::integer + 1 END $$;
-- the coarse bucket holding a fine one (32 fine per coarse; 0 holds every value <= 0)
CREATE FUNCTION contest_coarse_bucket(f integer) RETURNS integer IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql
  AS $$ SELECT CASE WHEN f <= 0 THEN 0 ELSE (f - 1) / 32 + 1 END $$;
-- a value at or below the smallest of fine bucket f: a lower bound for an index range (the bucket test keeps it exact)
CREATE FUNCTION contest_fine_floor(f integer) RETURNS bigint IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql
  AS $$ SELECT CASE WHEN f <= 0 THEN -9223372036854775807 ELSE floor(power(2::float8, (f - 1)::float8 / 256) * (1 - 1e-9))::bigint - 1 END $$;

DROP TABLE contest_rank_buckets;
DROP FUNCTION contest_bucket_floor(integer);
DROP FUNCTION contest_bucket(bigint);

CREATE TABLE contest_rank_buckets (
  round_id uuid NOT NULL REFERENCES contest_rounds(id) ON DELETE CASCADE,
  level smallint NOT NULL CHECK (level IN (0, 1)),
  k1 bigint NOT NULL,
  b integer NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (round_id, level, k1, b)
) WITH (fillfactor = 50);

INSERT INTO contest_rank_buckets (round_id, level, k1, b, n)
SELECT round_id, 1, k1, contest_fine_bucket(k2), count(*) FROM contest_entries GROUP BY 1, 3, 4;
INSERT INTO contest_rank_buckets (round_id, level, k1, b, n)
SELECT round_id, 0, k1, contest_coarse_bucket(b), sum(n) FROM contest_rank_buckets WHERE level = 1 GROUP BY 1, 3, 4;
`,
};
