import type { ServerModule } from "../contract.js";
import { feedbackAdminRoutes } from "./admin-routes.js";
import { feedbackJobs } from "./jobs.js";
import { feedbackMedia } from "./media-access.js";
import { moveOpenWork } from "./open-work.js";
import { publicRecordRoutes } from "./public-record-routes.js";
import { feedbackRoutes } from "./routes.js";
import { feedbackStaffRoutes } from "./staff-routes.js";

/** Feedback, reports and petitions: the woman's side, the cán bộ's inbox, the admin's categories and rules. */
export const feedbackModule: ServerModule = {
  name: "feedback",
  routes: [feedbackRoutes, feedbackStaffRoutes, feedbackAdminRoutes, publicRecordRoutes],
  ...feedbackJobs,
  onUnitMerge: moveOpenWork,
  media: feedbackMedia,
};
