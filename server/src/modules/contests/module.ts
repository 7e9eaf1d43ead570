import type { ServerModule } from "../contract.js";
import { finalizeDueRounds } from "./admin.js";
import { contestAdminRoutes } from "./admin-routes.js";
import { contestMedia } from "./media-access.js";
import { contestRoutes } from "./routes.js";

/** Thi: practice quizzes and online contests, scored and ranked on the server; the cán bộ's organising side. */
export const contestsModule: ServerModule = {
  name: "contests",
  routes: [contestRoutes, contestAdminRoutes],
  // a round whose time is over is finalised (prediction figure counted, final order fixed) without waiting for a cán bộ
  periodic: [{ name: "contests.finalize", everyMs: 60_000, run: (deps) => finalizeDueRounds(deps.db) }],
  media: contestMedia,
};
