import { serve } from "./serve.js";

/**
 * `npm run start:api` / `start:worker`: the server alone. The Zalo simulator and the demo seed are not even loaded
 * here; `npm start` (scripts/start/main.ts) adds them for embedded mode.
 */
serve();
