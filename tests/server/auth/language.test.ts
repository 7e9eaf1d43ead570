import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin } from "../../helpers/fixtures.js";

describe("PUT /api/me/language", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  it("reads Vietnamese until she chooses, then her choice, in /api/me and in the row", async () => {
    const she = await devLogin(ctx.app, "Thào Thị Mai");
    expect((await ctx.app.inject({ method: "GET", url: "/api/me", headers: she.headers })).json().language).toBe("vi");
    const res = await ctx.app.inject({ method: "PUT", url: "/api/me/language", headers: she.headers, payload: { language: "hmn" } });
    expect(res.statusCode).toBe(200);
    expect(res.json().language).toBe("hmn");
    expect((await ctx.app.inject({ method: "GET", url: "/api/me", headers: she.headers })).json().language).toBe("hmn");
    const row = await ctx.deps.db.selectFrom("members").select("language").where("id", "=", she.memberId).executeTakeFirstOrThrow();
    expect(row.language).toBe("hmn");
  });

  it("refuses a language the app does not have, naming the field, and changes nothing", async () => {
    const she = await devLogin(ctx.app, "Lý Thị Sử");
    const res = await ctx.app.inject({ method: "PUT", url: "/api/me/language", headers: she.headers, payload: { language: "en" } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "VALIDATION", field: "language" });
    expect((await ctx.app.inject({ method: "GET", url: "/api/me", headers: she.headers })).json().language).toBe("vi");
  });

  it("needs a session", async () => {
    const res = await ctx.app.inject({ method: "PUT", url: "/api/me/language", payload: { language: "dao" } });
    expect(res.statusCode).toBe(401);
  });
});
