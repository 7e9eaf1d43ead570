import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin, grant, smallTree } from "../../helpers/fixtures.js";

/**
 * Every write route in the OpenAPI document, whatever module adds it, is fed random bodies by a logged-in province
 * admin (the caller who gets furthest past the guards). A 5xx is a bug: bad input must always get a clear 4xx.
 */
describe("random bodies on every write route", () => {
  let ctx: TestContext;
  let sim: ZaloSimulator;
  let headers: { authorization: string };
  let routes: Array<{ method: "POST" | "PUT" | "PATCH"; path: string }>;
  let unitIds: string[];

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret" });
    ctx = await createTestContext({ zaloUrl: sim.url });
    const tree = await smallTree(ctx.deps.db);
    unitIds = Object.values(tree).map((u) => u.id);
    const admin = await devLogin(ctx.app, "Quản trị tỉnh");
    await grant(ctx.deps.db, admin.memberId, tree.tinh.id, "admin");
    headers = admin.headers;
    const doc = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      (["post", "put", "patch"] as const).filter((m) => m in ops).map((m) => ({ method: m.toUpperCase() as "POST" | "PUT" | "PATCH", path })),
    );
  });
  afterAll(async () => {
    await ctx?.close();
    await sim?.close();
  });

  it("finds the write routes", () => {
    expect(routes.map((r) => r.path)).toContain("/api/auth/dev");
    expect(routes.length).toBeGreaterThan(3);
  });

  it("never answers 5xx", async () => {
    const uuid = fc.oneof(fc.uuid(), fc.constantFrom(...unitIds), fc.string());
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), uuid, fc.array(fc.string(), { maxLength: 5 }));
    const body = fc.oneof(
      fc.dictionary(
        fc.constantFrom("name", "unitId", "parentId", "intoId", "body", "category", "kind", "text", "accessToken", "token", "memberId", "role", "anonymous", "media", "q", "code", "note"),
        value,
      ),
      fc.anything(),
    );
    const seen = new Set<number>();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(body, uuid, async (payload, id) => {
          const url = route.path.replace(/\{[^}]+\}/g, encodeURIComponent(id) || "x");
          const res = await ctx.app.inject({ method: route.method, url, headers: { ...headers, "content-type": "application/json" }, payload: JSON.stringify(payload ?? null) }).catch((e: Error) => ({ statusCode: 599, body: e.message }));
          seen.add(res.statusCode);
          if (res.statusCode >= 500) throw new Error(`${route.method} ${url} → ${res.statusCode}: ${res.body} for ${JSON.stringify(payload)}`);
        }),
        { numRuns: 40 },
      );
    }
    // The bodies must reach validation, not bounce off the content-type check.
    expect(seen.has(400)).toBe(true);
  }, 120_000);
});
