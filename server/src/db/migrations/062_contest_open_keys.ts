import type { Migration } from "../migrate.js";

/**
 * Thi (issue 11): while a round's prediction figure is unknown, both ranking rules store time as the second key
 * (`rankKey` in shared/src/domain/contest-ranking.ts). Under "correct → prediction → time" the second key used to be the
 * prediction's distance, 0 for every entry until the close, so the rank buckets of migration 061 (counted over k2) put
 * every entry with the same score in one bucket and her rank counted them all on the index. The order is unchanged
 * (a key that is 0 for everyone decides nothing); entries of such rounds swap k2 and k3 and their buckets are recounted.
 * Rounds whose figure is known (closed with a prediction question) keep their keys.
 */
export const m062: Migration = {
  version: 62,
  name: "contest_open_keys",
  sql: /* sql */ `
CREATE TEMP TABLE rekeyed ON COMMIT DROP AS
SELECT r.id FROM contest_rounds r JOIN contests c ON c.id = r.contest_id
 WHERE c.ranking = 'correct_prediction_time' AND r.prediction_actual IS NULL;

UPDATE contest_entries e SET k2 = e.k3, k3 = 0 FROM rekeyed x WHERE e.round_id = x.id AND e.k2 = 0;

DELETE FROM contest_rank_buckets b USING rekeyed x WHERE b.round_id = x.id;
INSERT INTO contest_rank_buckets (round_id, level, k1, b, n)
SELECT e.round_id, 1, e.k1, contest_fine_bucket(e.k2), count(*) FROM contest_entries e JOIN rekeyed x ON x.id = e.round_id GROUP BY 1, 3, 4;
INSERT INTO contest_rank_buckets (round_id, level, k1, b, n)
SELECT b.round_id, 0, b.k1, contest_coarse_bucket(b.b), sum(b.n) FROM contest_rank_buckets b JOIN rekeyed x ON x.id = b.round_id WHERE b.level = 1 GROUP BY 1, 3, 4;
`,
};
