import type { Transaction } from "kysely";
import type { DB } from "../../db/types.js";

/**
 * Moves the open work (unresolved submissions and assignments) of a merged unit to the unit that absorbs it, inside
 * the merge's transaction, and returns how many items moved.
 *
 * Placeholder: submissions and assignments do not exist yet. The feedback engineer fills this body in once those
 * tables land; until then nothing is open anywhere, so nothing moves and it returns 0.
 */
export async function moveOpenWork(_tx: Transaction<DB>, _fromId: string, _intoId: string): Promise<number> {
  return 0;
}
