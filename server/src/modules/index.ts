import { adminRoutes } from "./admin/routes.js";
import { authJobs } from "./auth/jobs.js";
import { authRoutes } from "./auth/routes.js";
import { broadcastsModule } from "./broadcasts/module.js";
import { checkModules, type ServerModule } from "./contract.js";
import { contentModule } from "./content/module.js";
import { contestsModule } from "./contests/module.js";
import { feedbackModule } from "./feedback/module.js";
import { healthRoutes } from "./health/routes.js";
import { mediaJobs } from "./media/jobs.js";
import { mediaRoutes } from "./media/routes.js";
import { notifyJobs } from "./notify/jobs.js";
import { notifyRoutes } from "./notify/routes.js";
import { orgRoutes } from "./org/routes.js";
import { zaloJobs } from "./zalo/jobs.js";
import { zaloLinkRoutes } from "./zalo/link-routes.js";
import { zaloRoutes } from "./zalo/routes.js";
import { safetyModule } from "./safety/module.js";
import { chatbotModule } from "./chatbot/module.js";
import { consultationsModule } from "./consultations/module.js";
import { pollsModule } from "./polls/module.js";
import { dashboardModule } from "./dashboard/module.js";

/**
 * Every module of this server, as the core sees it (contract.ts): routes, jobs, timers, what happens to its open work
 * when units merge, the media it references. A new module adds one entry here and edits no other module.
 */
export const serverModules: readonly ServerModule[] = checkModules([
  { name: "health", routes: [healthRoutes] },
  { name: "auth", routes: [authRoutes], ...authJobs },
  { name: "org", routes: [orgRoutes] },
  { name: "zalo", routes: [zaloRoutes, zaloLinkRoutes], ...zaloJobs },
  { name: "media", routes: [mediaRoutes], ...mediaJobs },
  feedbackModule,
  { name: "notify", routes: [notifyRoutes], ...notifyJobs },
  { name: "admin", routes: [adminRoutes] },
  contentModule,
  safetyModule,
  broadcastsModule,
  contestsModule,
  chatbotModule,
  consultationsModule,
  pollsModule,
  dashboardModule,
]);
