import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, devLoginExposed, loadConfig } from "../../../server/src/config.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { startProcess, startServerProcess } from "../../helpers/process.js";

// what production needs besides the database: Zalo credentials and the keys that seal phone numbers
const zalo = { ZALO_APP_ID: "app", ZALO_APP_SECRET: "secret", PHONE_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}` };

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.join("\n");
    throw err;
  }
  return "";
}

describe("what counts as production", () => {
  it("a DATABASE_URL without NODE_ENV is production: no development login, no simulator, all interfaces", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://h/db", ...zalo });
    expect(c).toMatchObject({ env: "production", devLogin: false, host: "0.0.0.0", zalo: { simulator: false } });
  });

  it("embedded mode is development: the development login on, listening on loopback only", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ env: "development", mode: "embedded", devLogin: true, host: "127.0.0.1", zalo: { simulator: true } });
    expect(devLoginExposed(c)).toBe(false);
  });

  it("HOST still overrides embedded mode's loopback default, and that exposure is flagged", () => {
    const c = loadConfig({ HOST: "0.0.0.0" });
    expect(c.host).toBe("0.0.0.0");
    expect(devLoginExposed(c)).toBe(true);
    expect(devLoginExposed(loadConfig({ HOST: "0.0.0.0", DEV_LOGIN: "false" }))).toBe(false);
  });

  it("embedded mode with NODE_ENV=production has neither the development login nor the simulator", () => {
    const c = loadConfig({ NODE_ENV: "production", ...zalo });
    expect(c).toMatchObject({ env: "production", devLogin: false, zalo: { simulator: false } });
  });

  it("a real database in development or test has the development login only when asked for", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://h/db", NODE_ENV: "development" }).devLogin).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgres://h/db", NODE_ENV: "development", DEV_LOGIN: "true" }).devLogin).toBe(true);
    // The test suite runs this way (tests/helpers/context.ts): NODE_ENV=test counts as development here.
    expect(loadConfig({ DATABASE_URL: "postgres://h/db", NODE_ENV: "test", DEV_LOGIN: "true" }).devLogin).toBe(true);
  });

  it("refuses DEV_LOGIN=true with a DATABASE_URL unless NODE_ENV is development or test", () => {
    expect(problems({ DATABASE_URL: "postgres://h/db", DEV_LOGIN: "true", ...zalo })).toMatch(/DEV_LOGIN=true is refused with a DATABASE_URL/);
    expect(problems({ DATABASE_URL: "postgres://h/db", DEV_LOGIN: "true", NODE_ENV: "production", ...zalo })).toMatch(/DEV_LOGIN/);
    expect(problems({ DEV_LOGIN: "true", NODE_ENV: "production", ...zalo })).toMatch(/DEV_LOGIN/);
  });

  it("refuses the Zalo simulator in production", () => {
    expect(problems({ NODE_ENV: "production", ZALO_SIMULATOR: "true", ...zalo })).toMatch(/ZALO_SIMULATOR=true is refused with NODE_ENV=production/);
    expect(problems({ DATABASE_URL: "postgres://h/db", ZALO_SIMULATOR: "true", ...zalo })).toMatch(/ZALO_SIMULATOR=true is refused with a DATABASE_URL/);
    expect(loadConfig({ DATABASE_URL: "postgres://h/db", NODE_ENV: "test", ZALO_SIMULATOR: "true" }).zalo.simulator).toBe(true);
  });
});

describe("a server started the README's production way", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("refuses the development login, even for the demo admin's id, and logs JSON lines", async () => {
    // `npm run start:api`: the server's own entry, without the development tools `npm start` wires in.
    const server = startProcess({ DATABASE_URL: database.url, ...zalo, PORT: "0", LOG_LEVEL: "info" }, ["server/src/main.ts", "--role=api"]);
    try {
      const m = await server.waitFor(/API:\s+http:\/\/localhost:(\d+)\//);
      const res = await fetch(`http://127.0.0.1:${m[1]}/api/auth/dev`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "x", zaloId: "demo-admin" }),
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe("DEV_LOGIN_DISABLED");
      expect(server.output()).not.toMatch(/CẢNH BÁO/);
      // For the log collector: Fastify's JSON records, not the short lines a person reads in embedded mode.
      await server.waitFor(/"msg":"request completed"/);
      expect(server.output()).toMatch(/\{"level":30,[^\n]*"url":"\/api\/auth\/dev"/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);

  it("does not start with DEV_LOGIN=true, and says why", async () => {
    for (const nodeEnv of [{}, { NODE_ENV: "production" }] as Array<Record<string, string>>) {
      const server = startServerProcess({ DATABASE_URL: database.url, ...zalo, ...nodeEnv, DEV_LOGIN: "true", PORT: "0" });
      expect(await server.exited, server.output()).toBe(1);
      expect(server.output()).toMatch(/DEV_LOGIN=true is refused/);
    }
  }, 120_000);

  it("start:api/start:worker have no simulator to start: embedded mode there stops at once and points at npm start", async () => {
    for (const role of ["--role=api", "--role=worker"]) {
      const server = startProcess({ DATA_DIR: "/nonexistent/hoiso-data", PORT: "0" }, ["server/src/main.ts", role]);
      expect(await server.exited, server.output()).toBe(1);
      expect(server.output()).toMatch(/Zalo simulator .* runs only under `npm start`/);
      expect(server.output()).not.toMatch(/PostgreSQL nhúng/);
    }
  }, 120_000);

  it("does not start with the Zalo simulator", async () => {
    for (const env of [{ NODE_ENV: "production" }, { DATABASE_URL: database.url }] as Array<Record<string, string>>) {
      const server = startServerProcess({ ...env, ...zalo, ZALO_SIMULATOR: "true", PORT: "0" });
      expect(await server.exited, server.output()).toBe(1);
      expect(server.output()).toMatch(/ZALO_SIMULATOR=true is refused/);
    }
  }, 120_000);
});
