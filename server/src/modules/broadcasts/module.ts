import type { ServerModule } from "../contract.js";
import { broadcastJobs } from "./jobs.js";
import { retargetScheduled } from "./merge.js";
import { broadcastRoutes } from "./routes.js";

/** Thông báo (issue 14): announcements from a cán bộ to her subtree, fanned out through notify's outbox. */
export const broadcastsModule: ServerModule = {
  name: "broadcasts",
  routes: [broadcastRoutes],
  ...broadcastJobs,
  onUnitMerge: retargetScheduled,
};
