import type { ServerModule } from "../contract.js";
import { dashboardRoutes } from "./routes.js";

/** Tổng hợp (issue 17): figures measured from the other modules' tables; it moves no work when units merge. */
export const dashboardModule: ServerModule = {
  name: "dashboard",
  routes: [dashboardRoutes],
};
