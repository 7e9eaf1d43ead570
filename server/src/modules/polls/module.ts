import { sql } from "kysely";
import type { ServerModule } from "../contract.js";
import { retargetAudiences } from "../org/audience-merge.js";
import { pollRoutes } from "./routes.js";

/** Khảo sát nhanh (issue 16): a cán bộ's quick poll to a segment of her subtree, answered once, results aggregated. */
export const pollsModule: ServerModule = {
  name: "polls",
  routes: [pollRoutes],
  // a poll still open follows the surviving unit, so the merged unit's women can still answer it; a closed one keeps
  // the audience it had
  onUnitMerge: (tx, fromId, intoId) => retargetAudiences(tx, "polls", sql<boolean>`closes_at > now()`, fromId, intoId),
};
