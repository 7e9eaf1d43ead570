import type pg from "pg";
import type { Config } from "./config.js";
import type { Db } from "./db/pool.js";
import type { ServerModule } from "./modules/contract.js";
import type { QueueFactory } from "./queue/connection.js";

/** What every route and job processor may use; built once per process in runtime.ts (or per test). */
export interface AppDeps {
  config: Config;
  db: Db;
  pool: pg.Pool;
  queues: QueueFactory;
  /** The modules this process serves (modules/index.ts; a test may add a stand-in). */
  modules: readonly ServerModule[];
}
