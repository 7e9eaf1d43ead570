import { serve } from "../../server/src/serve.js";

/**
 * `npm start`: the server with embedded mode's conveniences, the bundled Zalo simulator and the first-start seed.
 * They live in scripts/ and are wired in here, so the server never imports scripts/. Whether they run is still
 * config.ts's call (ZALO_SIMULATOR is refused in production, the seed touches only the embedded database), and they
 * are loaded only when they do.
 */
serve({
  startSimulator: async (c) => {
    const { startZaloSimulator } = await import("../zalo-sim/server.js");
    return startZaloSimulator({
      port: c.zalo.simulatorPort,
      appId: c.zalo.appId,
      appSecret: c.zalo.appSecret,
      oaId: c.zalo.oaId,
      oaSecret: c.zalo.oaSecret,
      csWindowHours: c.zalo.csWindowHours,
      ratePerSec: c.zalo.oaRatePerSec,
    });
  },
  seedIfEmpty: async (deps) => {
    if (deps.config.mode !== "embedded") return false;
    const { seedIfEmpty } = await import("../seed/seed.js");
    // The demo accounts exist to be reached through the development login; without it they are only a risk.
    return seedIfEmpty(deps.db, { demo: deps.config.devLogin });
  },
});
