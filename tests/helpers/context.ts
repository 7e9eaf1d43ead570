import crypto from "node:crypto";
import { buildApp } from "../../server/src/app.js";
import { loadConfig, withSimulatorUrls, type Config } from "../../server/src/config.js";
import type { AppDeps } from "../../server/src/deps.js";
import { checkModules, type ServerModule } from "../../server/src/modules/contract.js";
import { serverModules } from "../../server/src/modules/index.js";
import { openDatabase } from "../../server/src/db/pool.js";
import type { App } from "../../server/src/http/types-app.js";
import { createQueueFactory, type QueueBackendName } from "../../server/src/queue/connection.js";
import { createTestDatabase } from "./db.js";
import { dropRedisNamespace, TEST_REDIS_URL } from "./services.js";

const RATE_LIMITS = ["LOGIN_PER_IP", "SUBMIT_PER_MEMBER", "SUBMIT_PER_IP", "UPLOAD_PER_MEMBER", "UPLOAD_PER_IP", "SIGN_PER_MEMBER", "SIGN_PER_IP", "ANSWER_PER_MEMBER", "ANSWER_PER_IP",
  "WEBHOOK_PER_IP", "ATTEMPT_PER_MEMBER", "ATTEMPT_PER_IP"].map(
  (k) => `RATE_LIMIT_${k}`,
);

export interface TestContext {
  deps: AppDeps;
  app: App;
  config: Config;
  close(): Promise<void>;
}

export interface ContextOptions {
  backend?: QueueBackendName;
  /** Base URL of a running Zalo simulator; all Zalo URLs point at it. */
  zaloUrl?: string;
  env?: Record<string, string>;
  /** The modules the server runs; all of the real ones unless a test adds a stand-in or narrows them. */
  modules?: readonly ServerModule[];
}

/**
 * A whole server for one test file: its own database, its own queue namespace (Redis prefix or
 * PostgreSQL schema), real services, the app ready for inject(). Nothing is mocked.
 */
export async function createTestContext(opts: ContextOptions = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const backend = opts.backend ?? "postgres";
  let config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    ...(backend === "redis" ? { REDIS_URL: TEST_REDIS_URL } : {}),
    QUEUE_BACKEND: backend,
    QUEUE_PREFIX: `{t${crypto.randomBytes(5).toString("hex")}}`,
    ZALO_SIMULATOR: "true",
    DEV_LOGIN: "true",
    WORKER_CONCURRENCY: "4",
    // Tests send many requests from one address and one member: limits are off unless a test sets its own.
    ...Object.fromEntries(RATE_LIMITS.map((k) => [k, "0"])),
    ...opts.env,
  });
  if (opts.zaloUrl) config = withSimulatorUrls(config, opts.zaloUrl);
  const db = openDatabase(database.url, 10);
  const queues = createQueueFactory({
    backend,
    redisUrl: config.redisUrl,
    databaseUrl: database.url,
    namespace: config.queuePrefix,
    pgPoolMax: config.queuePgPoolMax,
  });
  const deps: AppDeps = { config, db: db.db, pool: db.pool, queues, modules: checkModules(opts.modules ?? serverModules) };
  const app = await buildApp(deps);
  await app.ready();
  return {
    deps,
    app,
    config,
    async close() {
      await app.close();
      await queues.close();
      if (backend === "redis") await dropRedisNamespace(config.queuePrefix);
      await db.close();
      await database.drop();
    },
  };
}
