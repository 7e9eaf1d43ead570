import { startZaloSimulator } from "./server.js";

/** `npm run zalo-sim`: the simulator alone, for a server started with ZALO_*_URL pointing at it. */
const env = process.env;
const port = Number(env.ZALO_SIMULATOR_PORT ?? 3900);
const sim = await startZaloSimulator({
  port: Number.isInteger(port) ? port : 3900,
  host: env.ZALO_SIMULATOR_HOST ?? "127.0.0.1",
  appId: env.ZALO_APP_ID || "sim-app",
  appSecret: env.ZALO_APP_SECRET || "sim-app-secret",
  oaId: env.ZALO_OA_ID || "sim-oa",
  oaSecret: env.ZALO_OA_SECRET || "sim-oa-secret",
  csWindowHours: Number(env.ZALO_CS_WINDOW_HOURS ?? 168),
  ratePerSec: Number(env.ZALO_OA_RATE_PER_SEC ?? 20),
});
console.log(`Zalo simulator listening on ${sim.url}`);
console.log(`  control API: ${sim.url}/_sim/ (POST /_sim/users, GET /_sim/messages, POST /_sim/webhook, …)`);

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
