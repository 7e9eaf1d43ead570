import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../server/src/app.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";

/** Security headers on every answer, API answers never stored, and the API reference kept out of production. */
describe("response headers", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  it("sends a CSP, nosniff and a referrer policy", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/health" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp, "no inline script beyond the hashed ones").not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("marks API answers no-store, errors included", async () => {
    for (const url of ["/api/health", "/api/me", "/api/khong-co"]) {
      const res = await ctx.app.inject({ method: "GET", url });
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
    const login = await ctx.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Lò Thị Hoa", zaloId: "hdr-hoa" } });
    expect(login.statusCode).toBe(200);
    expect(login.headers["cache-control"]).toBe("no-store");
  });

  it("compresses large API answers for a client that accepts it", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/docs/json", headers: { "accept-encoding": "gzip" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
  });

  it("serves the API reference with its own CSP outside production", async () => {
    const page = await ctx.app.inject({ method: "GET", url: "/docs/" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("swagger-ui");
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp, "plain http in development").not.toContain("upgrade-insecure-requests");
    expect((await ctx.app.inject({ method: "GET", url: "/docs/json" })).statusCode).toBe(200);
  });

  it("has no API reference at all in production", async () => {
    const prod = await buildApp({ ...ctx.deps, config: { ...ctx.config, env: "production" } });
    try {
      for (const url of ["/docs", "/docs/", "/docs/json", "/docs/static/index.html"]) {
        const res = await prod.inject({ method: "GET", url });
        expect(res.statusCode, url).toBe(404);
      }
    } finally {
      await prod.close();
    }
  });
});
