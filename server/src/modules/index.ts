import type { App } from "../http/types-app.js";
import type { JobModule } from "../queue/registry.js";
import { healthRoutes } from "./health/routes.js";
import { authRoutes } from "./auth/routes.js";
import { mediaRoutes } from "./media/routes.js";
import { zaloRoutes } from "./zalo/routes.js";
import { orgRoutes } from "./org/routes.js";

/** Route plugins, mounted under /api. */
export const apiModules: Array<(app: App) => Promise<void>> = [healthRoutes, authRoutes, orgRoutes, zaloRoutes, mediaRoutes];

/** Queue processors and periodic tasks, started by worker processes. */
export const jobModules: JobModule[] = [];
