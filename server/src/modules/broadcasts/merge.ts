import { sql, type Transaction } from "kysely";
import type { DB } from "../../db/types.js";
import { retargetAudiences } from "../org/audience-merge.js";

/** A unit merge: announcements not yet sent follow the surviving unit; what has gone out stays as it was sent. */
export function retargetScheduled(tx: Transaction<DB>, fromId: string, intoId: string): Promise<number> {
  return retargetAudiences(tx, "broadcasts", sql<boolean>`status = 'scheduled'`, fromId, intoId);
}
