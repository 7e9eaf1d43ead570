import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../server/src/app.js";
import type { App } from "../../../server/src/http/types-app.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { ROOT } from "../../helpers/process.js";

const WWW = path.join(ROOT, "mini-app/www");

/** The module script and modulepreloads the built index.html names: what a first visit downloads before it can run. */
function firstScreenScripts(): string[] {
  const html = fs.readFileSync(path.join(WWW, "index.html"), "utf8");
  return [...html.matchAll(/<(?:script type="module"[^>]*\ssrc|link rel="modulepreload"[^>]*\shref)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
}

describe("serving the built Mini App", () => {
  let ctx: TestContext;
  let app: App;
  beforeAll(async () => {
    if (!fs.existsSync(path.join(WWW, "index.html"))) throw new Error("mini-app/www is not built: run `npm run build:app` (npm test does it first)");
    ctx = await createTestContext({ env: { MINI_APP_DIR: WWW } });
    app = await buildApp(ctx.deps, { serveMiniApp: true });
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it("serves index.html at /, on deep links and under the Zalo prefix, always revalidated", async () => {
    for (const url of ["/", "/index.html", "/ca-nhan", "/zapps/123/phan-anh/abc"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"], url).toMatch(/text\/html/);
      expect(res.body, url).toMatch(/<div id="app"/);
      // A cached index.html would keep naming last release's files.
      expect(res.headers["cache-control"], url).toBe("no-cache");
    }
    const config = await app.inject({ method: "GET", url: "/app-config.json" });
    expect(config.headers["cache-control"]).toBe("no-cache");
  });

  it("serves hashed assets compressed and immutable for a year, at / and under the Zalo prefix", async () => {
    const scripts = firstScreenScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const css = /href="\.\/(assets\/[^"]+\.css)"/.exec(fs.readFileSync(path.join(WWW, "index.html"), "utf8"))?.[1];
    expect(css).toBeDefined();
    for (const file of [...scripts, css!]) {
      for (const url of [`/${file}`, `/zapps/123/${file}`]) {
        const res = await app.inject({ method: "GET", url, headers: { "accept-encoding": "br, gzip" } });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers["cache-control"], url).toBe("public, max-age=31536000, immutable");
        expect(res.headers["content-encoding"], url).toBe("br");
        const original = fs.readFileSync(path.join(WWW, file));
        const body = zlib.brotliDecompressSync(res.rawPayload);
        expect(body.equals(original), url).toBe(true);
        expect(res.rawPayload.length, url).toBeLessThan(original.length / 2);
      }
    }
    const gz = await app.inject({ method: "GET", url: `/${scripts[0]}`, headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.rawPayload).equals(fs.readFileSync(path.join(WWW, scripts[0]!)))).toBe(true);
  });

  it("answers a missing asset (an old release's chunk) with 404, not the page", async () => {
    const res = await app.inject({ method: "GET", url: "/assets/feedback.gone1234.module.js" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).not.toMatch(/text\/html/);
  });

  it("keeps unknown API paths as JSON 404s", async () => {
    const res = await app.inject({ method: "GET", url: "/api/khong-co" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: "NOT_FOUND" });
  });
});
