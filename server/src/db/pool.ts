import pg from "pg";
import { Kysely, PostgresDialect } from "kysely";
import type { DB } from "./types.js";

// node-postgres returns int8 as string by default; our counts fit in a JS number, ids are uuids.
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = Kysely<DB>;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

export function openDatabase(connectionString: string, max = 20): Database {
  // Named, so pg_stat_activity tells the app's connections from the queue's ("hoiso-queue") and BullMQ's LISTENs.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 10_000, application_name: "hoiso" });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    pool,
    db,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // also ends the pool
    },
  };
}
