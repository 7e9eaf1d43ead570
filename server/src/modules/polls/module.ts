import type { ServerModule } from "../contract.js";
import { pollRoutes } from "./routes.js";

/** Khảo sát nhanh (issue 16): a cán bộ's quick poll to a segment of her subtree, answered once, results aggregated. */
export const pollsModule: ServerModule = {
  name: "polls",
  routes: [pollRoutes],
};
