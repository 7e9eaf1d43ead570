import type { Transaction } from "kysely";
import type { DB } from "../../db/types.js";

/**
 * When communes merge, their trusted addresses go to the surviving unit; the merged commune's on-call list is dropped
 * (its cán bộ's roles move, and the survivor sets who is on call). Urgent items themselves move with feedback's work.
 */
export async function moveSafetyWork(tx: Transaction<DB>, fromId: string, intoId: string): Promise<number> {
  const moved = await tx.updateTable("trusted_addresses").set({ unit_id: intoId, updated_at: new Date() }).where("unit_id", "=", fromId).executeTakeFirst();
  await tx.deleteFrom("safety_on_call").where("unit_id", "=", fromId).execute();
  return Number(moved.numUpdatedRows);
}
