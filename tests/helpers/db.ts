import crypto from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { migrate } from "../../server/src/db/migrate.js";
import { migrations } from "../../server/src/db/migrations/index.js";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file (a clone of the run's template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const name = `hoiso_t_${inject("pgRunId")}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("pgTemplate")}`);
        break;
      } catch (err) {
        // Two clones of one template at the same instant can collide; a short wait resolves it.
        if (attempt >= 10 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    },
  };
}

/**
 * An empty database migrated only up to (not including) `version`, for a migration test: fill it as an older release
 * left it, then run `migrate(db.pool)` for the rest. `drop()` ends the pool and removes the database.
 */
export async function databaseBefore(version: number): Promise<{ pool: pg.Pool; drop(): Promise<void> }> {
  const adminUrl = inject("pgAdminUrl");
  const name = `hoiso_t_${inject("pgRunId")}_mig${version}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  await migrate(
    pool,
    migrations.filter((m) => m.version < version),
  );
  return {
    pool,
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
