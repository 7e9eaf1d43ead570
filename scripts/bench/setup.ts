import crypto from "node:crypto";
import pg from "pg";
import { migrate } from "../../server/src/db/migrate.js";
import { openDatabase } from "../../server/src/db/pool.js";
import { seed } from "../seed/seed.js";

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated, seeded database on the machine's PostgreSQL, so every run starts from the same state. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `hoiso_bench_${Date.now().toString(36)}_${crypto.randomBytes(2).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const database = openDatabase(u.toString(), 4);
  await migrate(database.pool);
  await seed(database.db, { demo: true });
  await database.close();
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface Woman {
  token: string;
  unitId: string;
}

/** Women logged in through the API (dev login), each with a chi hội chosen, so intake runs its real checks. */
export async function createWomen(base: string, count: number, unitIds: string[]): Promise<Woman[]> {
  const women: Woman[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${base}/api/auth/dev`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: `Phụ nữ thử tải ${i}`, zaloId: `bench-${i}` }),
    });
    const { token } = (await res.json()) as { token: string };
    const unitId = unitIds[i % unitIds.length]!;
    await fetch(`${base}/api/me/unit`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ unitId }),
    });
    women.push({ token, unitId });
  }
  return women;
}

/** A benchmark leaves nothing behind: its queues' keys (both prefixes: ours and the yardstick's "<prefix>b") go with it. */
export async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const { Redis } = await import("ioredis");
  const redis = new Redis(redisUrl);
  for (const match of [`${prefix}:*`, `${prefix}b:*`]) {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", match, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== "0");
  }
  await redis.quit();
}
