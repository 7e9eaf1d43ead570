import type { App } from "../http/types-app.js";
import type { JobModule } from "../queue/registry.js";
import { healthRoutes } from "./health/routes.js";
import { authJobs } from "./auth/jobs.js";
import { authRoutes } from "./auth/routes.js";
import { mediaJobs } from "./media/jobs.js";
import { mediaRoutes } from "./media/routes.js";
import { zaloRoutes } from "./zalo/routes.js";
import { zaloLinkRoutes } from "./zalo/link-routes.js";
import { zaloJobs } from "./zalo/jobs.js";
import { orgRoutes } from "./org/routes.js";
import { feedbackRoutes } from "./feedback/routes.js";
import { feedbackStaffRoutes } from "./feedback/staff-routes.js";
import { feedbackAdminRoutes } from "./feedback/admin-routes.js";
import { feedbackJobs } from "./feedback/jobs.js";
import { notifyRoutes } from "./notify/routes.js";
import { notifyJobs } from "./notify/jobs.js";
import { adminRoutes } from "./admin/routes.js";

/** Route plugins, mounted under /api. */
export const apiModules: Array<(app: App) => Promise<void>> = [healthRoutes, authRoutes, orgRoutes, zaloRoutes, zaloLinkRoutes, mediaRoutes, feedbackRoutes, feedbackStaffRoutes, feedbackAdminRoutes, notifyRoutes, adminRoutes];

/** Queue processors and periodic tasks, started by worker processes. */
export const jobModules: JobModule[] = [feedbackJobs, notifyJobs, mediaJobs, zaloJobs, authJobs];
