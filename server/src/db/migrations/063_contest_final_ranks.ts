import type { Migration } from "../migrate.js";

/**
 * Thi (issue 11): a closed round's ranks, stored once at the close. After the close no entry changes (no submission is
 * taken, the keys are final), so every entry's rank in the whole round is counted once (`rank()` over the stored keys:
 * tied entries share one) and her rank is then a read of her row. Before, a closed round under "correct → prediction →
 * time" counted her rank inside her bucket of the prediction's distance, and guesses cluster on round numbers: with
 * 300,000 entries the fullest bucket held over 9,000 of them and her rank took 15–50 ms. Open rounds keep the bucket
 * counts (their second key is the time under both rules since migration 062). Rounds already closed get their ranks here.
 */
export const m063: Migration = {
  version: 63,
  name: "contest_final_ranks",
  sql: /* sql */ `
ALTER TABLE contest_entries ADD COLUMN final_rank integer;

UPDATE contest_entries e SET final_rank = r.rank
  FROM (SELECT x.round_id, x.member_id, rank() OVER (PARTITION BY x.round_id ORDER BY x.k1, x.k2, x.k3, x.k4) AS rank
          FROM contest_entries x JOIN contest_rounds cr ON cr.id = x.round_id WHERE cr.closed_at IS NOT NULL) r
 WHERE e.round_id = r.round_id AND e.member_id = r.member_id;
`,
};
