import path from "node:path";
import { withSimulatorUrls, type Config } from "./config.js";
import type { AppDeps } from "./deps.js";
import { startEmbeddedPostgres, type EmbeddedHandle } from "./db/embedded.js";
import { migrate } from "./db/migrate.js";
import { openDatabase, type Database } from "./db/pool.js";
import { serverModules } from "./modules/index.js";
import { createQueueFactory } from "./queue/connection.js";

export interface Runtime {
  deps: AppDeps;
  /** Where the in-process Zalo simulator listens, when it runs. */
  simulatorUrl: string | null;
  close(): Promise<void>;
}

export interface RuntimeHooks {
  log: (msg: string) => void;
  /** Starts the Zalo simulator; passed in by scripts/start/main.ts, so the server never imports scripts/. */
  startSimulator?(config: Config): Promise<{ url: string; close(): Promise<void> }>;
  /** Seeds an empty database (embedded mode's first start). */
  seedIfEmpty?(deps: AppDeps): Promise<boolean>;
}

/**
 * Assembles database, queue and Zalo endpoints for either deployment.
 * Embedded: bundled PostgreSQL in DATA_DIR/pg, BullMQ on PostgreSQL, the simulator in-process.
 */
export async function startRuntime(initial: Config, hooks: RuntimeHooks): Promise<Runtime> {
  let config = initial;
  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    let databaseUrl = config.databaseUrl;
    let embedded: EmbeddedHandle | null = null;
    if (!databaseUrl) {
      const dir = path.join(config.dataDir, "pg");
      hooks.log(`Đang khởi động PostgreSQL nhúng (${path.resolve(dir)}, cổng ${config.embeddedPgPort})…`);
      // In a session of its own, so a Ctrl-C reaches only us and the database is stopped after the workers (main.ts).
      embedded = await startEmbeddedPostgres(dir, config.embeddedPgPort, hooks.log, { ownSession: true });
      databaseUrl = embedded.url;
      const e = embedded;
      cleanups.push(() => e.stop());
    }
    const database: Database = openDatabase(databaseUrl, config.dbPoolMax);
    cleanups.push(() => database.close());
    const applied = await migrate(database.pool);
    if (applied.length > 0) hooks.log(`Đã áp dụng migration: ${applied.join(", ")}`);

    let simulatorUrl: string | null = null;
    if (config.zalo.simulator && hooks.startSimulator) {
      const sim = await hooks.startSimulator(config);
      simulatorUrl = sim.url;
      cleanups.push(() => sim.close());
      config = withSimulatorUrls(config, sim.url);
    }

    const queues = createQueueFactory({
      backend: config.queueBackend,
      redisUrl: config.redisUrl,
      databaseUrl,
      namespace: config.queuePrefix,
      pgPoolMax: config.queuePgPoolMax,
    });
    cleanups.push(() => queues.close());

    const deps: AppDeps = { config: { ...config, databaseUrl }, db: database.db, pool: database.pool, queues, modules: serverModules };
    if (hooks.seedIfEmpty && (await hooks.seedIfEmpty(deps))) hooks.log("Đã nạp dữ liệu mẫu: 99 xã/phường của tỉnh Lào Cai.");
    return { deps, simulatorUrl, close };
  } catch (err) {
    await close();
    throw err;
  }
}
