// `app.swagger()` is declared by the plugin's own types; the server is seen here through its declarations, which do not bring them.
import type {} from "@fastify/swagger";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin, grant, smallTree } from "../../helpers/fixtures.js";

/** Characters PostgreSQL refuses (NUL in text, lone surrogates in jsonb) or that only look like text. */
const NASTY = ["\u0000", "\ud800", "\udfff", "\u200b", "\u200d", "\ufeff", "\u2060", "\u3164", "\u00ad", " ", "\n", "a", "ệ", "😀"];
/** In a query string a lone surrogate can only arrive as bytes that are not UTF-8; NUL as %00. */
const NASTY_QUERY = ["%00", "a%00b", "%ED%A0%80", "%E2%80%8B", "Infinity", "-Infinity", "NaN", "1e999", "-1", "0", "1.5", "", "%20", "true"];
/** Stands for a number JSON.stringify cannot write; replaced by 1e999 (parsed as Infinity) in the raw body. */
const HUGE = "__1e999__";
const ADMIN = "Quản trị tỉnh";

interface JsonSchema {
  type?: string;
  $ref?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

const nastyString = fc.oneof(
  fc.string(),
  fc.constantFrom("\u0000", "Chị\u0000Mai", "\ud800", "ab\udfff", "\u200b\u200b", "\u200d", " \ufeff ", "\u3164", "Infinity", "NaN", HUGE),
  fc.array(fc.constantFrom(...NASTY), { minLength: 1, maxLength: 6 }).map((a) => a.join("")),
);

/**
 * Every route in the OpenAPI document, whatever module adds it, is fed random input by a logged-in province admin
 * (the caller who gets furthest past the guards): write routes random bodies, GET routes random query parameters,
 * every route random path parameters — with the characters and numbers PostgreSQL refuses among them. A 5xx is a
 * bug: bad input must always get a clear 4xx.
 */
describe("random input on every route", () => {
  let ctx: TestContext;
  let sim: ZaloSimulator;
  let headers: { authorization: string };
  let routes: Array<{ method: "POST" | "PUT" | "PATCH"; path: string; body: JsonSchema | undefined }>;
  let components: Record<string, JsonSchema>;
  let reads: Array<{ path: string; query: string[] }>;
  let unitIds: string[];

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret" });
    ctx = await createTestContext({ zaloUrl: sim.url });
    const tree = await smallTree(ctx.deps.db);
    unitIds = Object.values(tree).map((u) => u.id);
    const admin = await devLogin(ctx.app, ADMIN);
    await grant(ctx.deps.db, admin.memberId, tree.tinh.id, "admin");
    await ctx.deps.db.updateTable("members").set({ unit_id: tree.chiHoiA.id }).where("id", "=", admin.memberId).execute();
    headers = admin.headers;
    type Op = { parameters?: Array<{ in: string; name: string }>; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
    const doc = ctx.app.swagger() as { paths: Record<string, Record<string, Op>>; components?: { schemas?: Record<string, JsonSchema> } };
    components = doc.components?.schemas ?? {};
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      (["post", "put", "patch"] as const)
        .filter((m) => m in ops)
        .map((m) => ({ method: m.toUpperCase() as "POST" | "PUT" | "PATCH", path, body: ops[m]?.requestBody?.content?.["application/json"]?.schema })),
    );
    reads = Object.entries(doc.paths).flatMap(([path, ops]) =>
      ops.get && !path.startsWith("/docs") ? [{ path, query: (ops.get.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name) }] : [],
    );
  });
  afterAll(async () => {
    await ctx?.close();
    await sim?.close();
  });

  it("finds the routes and their query parameters", () => {
    expect(routes.map((r) => r.path)).toContain("/api/auth/dev");
    expect(routes.map((r) => r.path)).toContain("/api/me/profile-tags");
    expect(routes.length).toBeGreaterThan(3);
    expect(reads.find((r) => r.path === "/api/submissions/mine")?.query).toEqual(expect.arrayContaining(["limit", "offset"]));
    expect(reads.find((r) => r.path === "/api/submissions/similar")?.query).toEqual(expect.arrayContaining(["q", "unitId"]));
  });

  const login = async () => (await devLogin(ctx.app, ADMIN)).headers;
  const uuid = () => fc.oneof(fc.uuid(), fc.constantFrom(...unitIds), fc.string(), nastyString);
  const fill = (path: string, id: string) => path.replace(/\{[^}]+\}/g, encodeURIComponent(id.replace(/[\ud800-\udfff]/g, "")) || "x");

  /** Input shaped like the route's own body schema, so that it gets past validation and down to the database. */
  const fromSchema = (schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> => {
    if (schema.$ref) return fromSchema(components[schema.$ref.split("/").pop() as string] ?? {}, depth);
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => fromSchema(s, depth)));
    switch (schema.type) {
      case "string":
        if (schema.format === "uuid") return fc.oneof(fc.constantFrom(...unitIds), fc.uuid());
        return schema.pattern ? fc.oneof(fc.stringMatching(new RegExp(schema.pattern)), nastyString) : nastyString;
      case "integer":
      case "number":
        return fc.oneof(fc.integer({ min: Math.ceil(schema.minimum ?? 0), max: Math.floor(schema.maximum ?? 1000) }), fc.constant(HUGE));
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "array":
        return depth > 4 || !schema.items ? fc.constant([]) : fc.array(fromSchema(schema.items, depth + 1), { maxLength: 3 });
      case "object": {
        const props = Object.entries(schema.properties ?? {});
        const required = new Set(schema.required ?? []);
        const fields = props.map(([k, v]) => fc.tuple(fc.constant(k), required.has(k) ? fromSchema(v, depth + 1) : fc.option(fromSchema(v, depth + 1), { nil: undefined })));
        // One field the schema does not know, as a careless or hostile client adds.
        return fc.tuple(fc.tuple(...fields), fc.option(nastyString, { nil: undefined })).map(([pairs, extra]) => {
          const o: Record<string, unknown> = Object.fromEntries(pairs.filter(([, v]) => v !== undefined));
          if (extra !== undefined) o.x = extra;
          return o;
        });
      }
    }
    return fc.anything();
  };

  it("never answers 5xx to a body", async () => {
    const value = fc.oneof(
      nastyString,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      uuid(),
      fc.array(nastyString, { maxLength: 5 }),
      fc.dictionary(fc.constantFrom("to", "xa", "statusUpdate", "\u0000", "x"), fc.oneof(nastyString, fc.integer())),
    );
    const loose = fc.oneof(
      fc.dictionary(
        fc.constantFrom(
          "name", "unitId", "parentId", "intoId", "body", "category", "kind", "text", "accessToken", "token", "memberId", "role", "anonymous",
          "media", "mediaIds", "q", "code", "note", "message", "agency", "targetLevel", "slaHours", "resolved", "public", "zaloId", "x", "\u0000",
        ),
        value,
      ),
      fc.anything(),
    );
    const seen = new Set<number>();
    for (const route of routes) {
      // A fresh session per route: the logout route ends the one before it.
      headers = await login();
      const body = route.body ? fc.oneof({ arbitrary: fromSchema(route.body), weight: 3 }, { arbitrary: loose, weight: 1 }) : loose;
      await fc.assert(
        fc.asyncProperty(body, uuid(), async (payload, id) => {
          const url = fill(route.path, id);
          const raw = (JSON.stringify(payload ?? null) ?? "null").replaceAll(`"${HUGE}"`, "1e999");
          const res = await ctx.app
            .inject({ method: route.method, url, headers: { ...headers, "content-type": "application/json" }, payload: raw })
            .catch((e: Error) => ({ statusCode: 599, body: e.message }));
          seen.add(res.statusCode);
          if (res.statusCode >= 500) throw new Error(`${route.method} ${url} → ${res.statusCode}: ${res.body} for ${raw}`);
        }),
        { numRuns: 40 },
      );
    }
    // The bodies must reach validation, not bounce off the content-type check.
    expect(seen.has(400)).toBe(true);
  }, 180_000);

  it("never answers 5xx to query or path parameters", async () => {
    const param = fc.oneof(fc.constantFrom(...NASTY_QUERY), fc.uuid(), fc.constantFrom(...unitIds), fc.string().map(encodeURIComponent));
    for (const read of reads) {
      headers = await login();
      const query = read.query.length > 0 ? fc.subarray(read.query).chain((names) => fc.tuple(...names.map((n) => param.map((v) => `${n}=${v}`)))) : fc.constant([]);
      await fc.assert(
        fc.asyncProperty(query, uuid(), async (pairs, id) => {
          const url = `${fill(read.path, id)}${pairs.length > 0 ? `?${pairs.join("&")}` : ""}`;
          const res = await ctx.app.inject({ method: "GET", url, headers }).catch((e: Error) => ({ statusCode: 599, body: e.message }));
          if (res.statusCode >= 500) throw new Error(`GET ${url} → ${res.statusCode}: ${res.body}`);
        }),
        { numRuns: 30 },
      );
    }
  }, 180_000);

  it("names the field and says why, in Vietnamese", async () => {
    headers = await login();
    const nul = await ctx.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Chị\u0000Mai" } });
    expect([nul.statusCode, nul.json().code, nul.json().field]).toEqual([400, "TEXT_INVALID_CHARACTERS", "name"]);
    expect(nul.json().message).toContain("ký tự không hợp lệ");
    const surrogate = await ctx.app.inject({
      method: "PUT",
      url: "/api/admin/feedback-settings",
      headers: { ...headers, "content-type": "application/json" },
      payload: '{"templateIds":{"statusUpdate":"\\ud800"}}',
    });
    expect([surrogate.statusCode, surrogate.json().field]).toEqual([400, "templateIds.statusUpdate"]);
    const huge = await ctx.app.inject({
      method: "POST",
      url: "/api/admin/routing-rules",
      headers: { ...headers, "content-type": "application/json" },
      payload: '{"category":"vay_von","targetLevel":"xa","slaHours":1e999}',
    });
    expect([huge.statusCode, huge.json().field]).toEqual([400, "slaHours"]);
    const inf = await ctx.app.inject({ method: "GET", url: "/api/submissions/mine?limit=Infinity", headers });
    expect(inf.statusCode).toBe(400);
    const q = await ctx.app.inject({ method: "GET", url: `/api/units?q=%00`, headers });
    expect([q.statusCode, q.json().code, q.json().field]).toEqual([400, "TEXT_INVALID_CHARACTERS", "q"]);
  });

  it("counts text made only of invisible characters as empty", async () => {
    headers = await login();
    const send = (body: string) =>
      ctx.app.inject({ method: "POST", url: "/api/submissions", headers, payload: { kind: "feedback", category: "khac", body } });
    for (const blank of ["\u200b\u200b\u200b", "\ufeff", " \u2060 \u200d ", "\u3164"]) {
      const res = await send(blank);
      expect([res.statusCode, res.json().code, res.json().field]).toEqual([400, "TEXT_EMPTY", "body"]);
    }
    const name = await ctx.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "\u200b\u200c" } });
    expect([name.statusCode, name.json().field]).toEqual([400, "name"]);
    // An emoji sequence joined by U+200D is text, not blank.
    expect((await send("👩‍👧 Cảm ơn Hội")).statusCode).toBe(201);
  });
});
