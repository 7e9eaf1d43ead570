import type { ServerModule } from "../contract.js";
import { contentAdminRoutes } from "./admin-routes.js";
import { contentMedia } from "./media-access.js";
import { scheduledNotifyTask } from "./publishing.js";
import { contentRoutes } from "./routes.js";

/** Tìm hiểu: articles and public-service guides, "đã học" tracking, and the cán bộ's writing, scheduling and reach. */
export const contentModule: ServerModule = {
  name: "content",
  routes: [contentRoutes, contentAdminRoutes],
  periodic: [scheduledNotifyTask],
  media: contentMedia,
};
