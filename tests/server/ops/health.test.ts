import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../server/src/config.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";

describe("operations basics", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { CORS_ORIGINS: "https://h5.zdn.vn,http://localhost:3000" } });
  });
  afterAll(() => ctx?.close());

  it("health reports database, queue and Zalo configuration", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      ok: true,
      mode: "production",
      database: { ok: true },
      queue: { ok: true, backend: "postgres" },
      zalo: { configured: true, simulator: true },
    });
  });

  it("serves the OpenAPI document with the auth routes", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/docs/json" });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining(["/api/auth/zalo", "/api/me", "/api/health"]));
  });

  it("echoes a request id and keeps a caller's one", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/health", headers: { "x-request-id": "abc-123" } });
    expect(res.headers["x-request-id"]).toBe("abc-123");
    const other = await ctx.app.inject({ method: "GET", url: "/api/nope" });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: "NOT_FOUND", requestId: other.headers["x-request-id"] });
  });

  it("allows CORS only for configured origins", async () => {
    const allowed = await ctx.app.inject({ method: "GET", url: "/api/health", headers: { origin: "https://h5.zdn.vn" } });
    expect(allowed.headers["access-control-allow-origin"]).toBe("https://h5.zdn.vn");
    const denied = await ctx.app.inject({ method: "GET", url: "/api/health", headers: { origin: "https://evil.example" } });
    expect(denied.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("reports an unreachable queue as unhealthy instead of hanging", async () => {
    const broken = await createTestContext({ backend: "redis", env: { REDIS_URL: "redis://127.0.0.1:1" } });
    try {
      const t0 = Date.now();
      const res = await broken.app.inject({ method: "GET", url: "/api/health" });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ ok: false, database: { ok: true }, queue: { ok: false, backend: "redis" } });
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      await broken.close();
    }
  });
});

describe("configuration", () => {
  it("lists every bad value at once", () => {
    let err: unknown;
    try {
      loadConfig({ PORT: "abc", DATABASE_URL: "mysql://x", QUEUE_BACKEND: "kafka" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join("\n");
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/QUEUE_BACKEND/);
  });

  it("refuses the development login in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production", DEV_LOGIN: "true", ZALO_APP_ID: "a", ZALO_APP_SECRET: "b", DATABASE_URL: "postgres://x/y" })).toThrow(
      /DEV_LOGIN/,
    );
  });

  it("chooses embedded mode and the PostgreSQL queue without URLs", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ mode: "embedded", queueBackend: "postgres", devLogin: true, zalo: { simulator: true } });
    const p = loadConfig({ DATABASE_URL: "postgres://h/db", REDIS_URL: "redis://h:6379", ZALO_APP_ID: "1", ZALO_APP_SECRET: "s", NODE_ENV: "production", PHONE_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}` });
    expect(p).toMatchObject({ mode: "production", queueBackend: "redis", devLogin: false, queuePrefix: "{hoiso}" });
  });
});
