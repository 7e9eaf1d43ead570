import type { ServerModule } from "../contract.js";
import { refreshJob, refreshTimer } from "./jobs.js";
import { dashboardRoutes } from "./routes.js";

/**
 * Tổng hợp (issue 17): figures measured from the other modules' tables, through summaries a queue job refreshes. It
 * moves no work when units merge: what stays on a merged unit counts for the unit it was merged into when read.
 */
export const dashboardModule: ServerModule = {
  name: "dashboard",
  routes: [dashboardRoutes],
  jobs: [refreshJob],
  periodic: [refreshTimer],
};
