import type { ServerModule } from "../contract.js";
import { safetyJobs } from "./jobs.js";
import { moveSafetyWork } from "./merge.js";
import { safetyRoutes } from "./routes.js";

/** An toàn: help for a woman in danger — trusted addresses, urgent reports on the feedback pipeline, on-call alerts. */
export const safetyModule: ServerModule = {
  name: "safety",
  routes: [safetyRoutes],
  ...safetyJobs,
  onUnitMerge: moveSafetyWork,
};
