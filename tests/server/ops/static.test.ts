import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../server/src/app.js";
import type { App } from "../../../server/src/http/types-app.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { ROOT } from "../../helpers/process.js";

describe("serving the built Mini App", () => {
  let ctx: TestContext;
  let app: App;
  beforeAll(async () => {
    const www = path.join(ROOT, "mini-app/www/index.html");
    if (!fs.existsSync(www)) throw new Error("mini-app/www is not built: run `npm run build:app` (npm test does it first)");
    ctx = await createTestContext({ env: { MINI_APP_DIR: path.join(ROOT, "mini-app/www") } });
    app = await buildApp(ctx.deps, { serveMiniApp: true });
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it("serves index.html at /, on deep links and under the Zalo prefix", async () => {
    for (const url of ["/", "/ca-nhan", "/zapps/123/phan-anh/abc"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"], url).toMatch(/text\/html/);
      expect(res.body, url).toMatch(/<div id="app"/);
    }
  });

  it("keeps unknown API paths as JSON 404s", async () => {
    const res = await app.inject({ method: "GET", url: "/api/khong-co" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: "NOT_FOUND" });
  });
});
