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

/** Where a benchmark's server keeps its data and queue, and the Zalo simulator it talks to (its own when absent). */
export interface BenchServer {
  databaseUrl: string;
  backend: string;
  redisUrl: string;
  prefix: string;
  zaloUrl?: string;
}

/**
 * The environment of a server process a benchmark starts: development mode on its own database and queue prefix, the
 * development login, no Mini App, and the Zalo simulator (in the process, or the bench's own at `zaloUrl`). The login
 * limit per address is off: the load comes from one address by design. `extra` adds or overrides.
 */
export function benchServerEnv(s: BenchServer, extra: Record<string, string> = {}): Record<string, string> {
  const zalo: Record<string, string> = s.zaloUrl
    ? {
        ZALO_SIMULATOR: "false",
        ZALO_APP_ID: "sim-app",
        ZALO_APP_SECRET: "sim-app-secret",
        ZALO_OA_ID: "sim-oa",
        ZALO_OA_SECRET: "sim-oa-secret",
        ZALO_GRAPH_URL: s.zaloUrl,
        ZALO_OPENAPI_URL: s.zaloUrl,
        ZALO_OAUTH_URL: s.zaloUrl,
        ZALO_TEMPLATE_URL: s.zaloUrl,
      }
    : { ZALO_SIMULATOR: "true", ZALO_SIMULATOR_PORT: "0" };
  return {
    NODE_ENV: "development",
    DATABASE_URL: s.databaseUrl,
    ...(s.backend === "redis" ? { REDIS_URL: s.redisUrl } : {}),
    QUEUE_BACKEND: s.backend,
    QUEUE_PREFIX: s.prefix,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    DEV_LOGIN: "true",
    MINI_APP_DIR: "/nonexistent",
    RATE_LIMIT_LOGIN_PER_IP: "0",
    ...zalo,
    ...(process.env.WORKER_CONCURRENCY ? { WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY } : {}),
    ...extra,
  };
}
