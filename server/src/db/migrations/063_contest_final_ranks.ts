import type { Migration } from "../migrate.js";

/**
 * Thi (issue 11): a closed round's ranks, stored once at the close. After the close no entry changes (no submission is
 * taken, the keys are final), so every entry's rank in the whole round is counted once (`rank()` over the stored keys:
 * tied entries share one) and her rank is then a read of her row. Before, a closed round under "correct → prediction →
 * time" counted her rank inside her bucket of the prediction's distance, and guesses cluster on round numbers: with
 * 300,000 entries the fullest bucket held over 9,000 of them and her rank took 15–50 ms. Open rounds keep the bucket
 * counts (their second key is the time under both rules since migration 062). Rounds already closed get their ranks here.
 *
 * The whole round's top 100 (CONTEST_LIMITS.leaderboardTop) is kept by API processes (modules/contests/top-cache.ts) and
 * dropped when a write may change it, announced on \`hoiso_contests\`: a round's id when a statement wrote or removed an
 * entry ranked within its first 100 (before or after the write; any write while the round holds fewer than 100), "m"
 * when a member's name or unit or a unit's name changed (the board shows them).
 */
export const m063: Migration = {
  version: 63,
  name: "contest_final_ranks_top_feed",
  sql: /* sql */ `
ALTER TABLE contest_entries ADD COLUMN final_rank integer;

UPDATE contest_entries e SET final_rank = r.rank
  FROM (SELECT x.round_id, x.member_id, rank() OVER (PARTITION BY x.round_id ORDER BY x.k1, x.k2, x.k3, x.k4) AS rank
          FROM contest_entries x JOIN contest_rounds cr ON cr.id = x.round_id WHERE cr.closed_at IS NOT NULL) r
 WHERE e.round_id = r.round_id AND e.member_id = r.member_id;

-- one check per round a statement touched: the key of the round's 100th entry after the write (on the rank index), and
-- whether any row written or removed ranks at or above it
CREATE FUNCTION contest_top_cut(round uuid) RETURNS TABLE (c1 bigint, c2 bigint, c3 bigint, c4 bigint) STABLE LANGUAGE sql AS $$
  SELECT k1, k2, k3, k4 FROM contest_entries WHERE round_id = round ORDER BY k1, k2, k3, k4, member_id OFFSET 99 LIMIT 1
$$;
CREATE FUNCTION contest_top_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r uuid;
  c1 bigint; c2 bigint; c3 bigint; c4 bigint;
  hit boolean;
BEGIN
  -- (each transition table is named only in the branch of the trigger that has it)
  IF TG_OP = 'INSERT' THEN
    FOR r IN SELECT DISTINCT round_id FROM contest_new_rows LOOP
      SELECT * INTO c1, c2, c3, c4 FROM contest_top_cut(r);
      hit := NOT FOUND OR EXISTS (SELECT 1 FROM contest_new_rows n WHERE n.round_id = r AND (n.k1, n.k2, n.k3, n.k4) <= (c1, c2, c3, c4));
      IF hit THEN PERFORM pg_notify('hoiso_contests', r::text); END IF;
    END LOOP;
  ELSIF TG_OP = 'UPDATE' THEN
    FOR r IN SELECT round_id FROM contest_new_rows UNION SELECT round_id FROM contest_old_rows LOOP
      SELECT * INTO c1, c2, c3, c4 FROM contest_top_cut(r);
      hit := NOT FOUND
          OR EXISTS (SELECT 1 FROM contest_new_rows n WHERE n.round_id = r AND (n.k1, n.k2, n.k3, n.k4) <= (c1, c2, c3, c4))
          OR EXISTS (SELECT 1 FROM contest_old_rows o WHERE o.round_id = r AND (o.k1, o.k2, o.k3, o.k4) <= (c1, c2, c3, c4));
      IF hit THEN PERFORM pg_notify('hoiso_contests', r::text); END IF;
    END LOOP;
  ELSE
    FOR r IN SELECT DISTINCT round_id FROM contest_old_rows LOOP
      SELECT * INTO c1, c2, c3, c4 FROM contest_top_cut(r);
      hit := NOT FOUND OR EXISTS (SELECT 1 FROM contest_old_rows o WHERE o.round_id = r AND (o.k1, o.k2, o.k3, o.k4) <= (c1, c2, c3, c4));
      IF hit THEN PERFORM pg_notify('hoiso_contests', r::text); END IF;
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER contest_entries_top_ins AFTER INSERT ON contest_entries REFERENCING NEW TABLE AS contest_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contest_top_changed();
CREATE TRIGGER contest_entries_top_upd AFTER UPDATE ON contest_entries REFERENCING OLD TABLE AS contest_old_rows NEW TABLE AS contest_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contest_top_changed();
CREATE TRIGGER contest_entries_top_del AFTER DELETE ON contest_entries REFERENCING OLD TABLE AS contest_old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contest_top_changed();

CREATE FUNCTION contest_top_names_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hoiso_contests', 'm');
  RETURN NULL;
END $$;
CREATE TRIGGER members_contest_top AFTER UPDATE OF name, unit_id ON members
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.unit_id IS DISTINCT FROM NEW.unit_id) EXECUTE FUNCTION contest_top_names_changed();
CREATE TRIGGER units_contest_top AFTER UPDATE OF name ON units
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION contest_top_names_changed();
`,
};
