import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botText } from "../../../server/src/modules/chatbot/texts.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, type World } from "../feedback/world.js";

/** Everything the bot says is data: seeded by migration 100, edited by a province admin only, each change audited. */
let ctx: TestContext;
let w: World;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildWorld(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

describe("bot texts", () => {
  it("are seeded in Vietnamese, with the H'Mông draft where there is one; a missing translation reads in Vietnamese", async () => {
    expect(await botText(ctx.deps.db, "menu", "vi")).toContain("1 - Tin tức");
    expect(await botText(ctx.deps.db, "welcome", "hmn", { appLink: "X" })).toContain("nyob zoo");
    expect(await botText(ctx.deps.db, "news", "dao")).toContain("Tin tức mới");
  });

  it("only a province admin edits them; the change is audited and the bot says the new words", async () => {
    const put = (who: World["admin"], text: string) =>
      ctx.app.inject({ method: "PUT", url: "/api/admin/chatbot/texts/menu/vi", headers: who.headers, payload: { text } });
    expect((await put(w.staff.xaA, "Menu mới")).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: "GET", url: "/api/admin/chatbot/texts", headers: w.staff.xaA.headers })).statusCode).toBe(403);
    expect((await put(w.admin, "   ")).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: "PUT", url: "/api/admin/chatbot/texts/khong_co/vi", headers: w.admin.headers, payload: { text: "x" } })).statusCode).toBe(404);
    const ok = await put(w.admin, "Chị nhắn 1 Tin tức, 2 Phản ánh, 3 Dịch vụ công, 4 Cuộc thi.");
    expect(ok.statusCode).toBe(200);
    expect(await botText(ctx.deps.db, "menu", "vi")).toBe("Chị nhắn 1 Tin tức, 2 Phản ánh, 3 Dịch vụ công, 4 Cuộc thi.");
    const audit = await ctx.deps.db.selectFrom("audit_log").select(["actor_id", "detail"]).where("action", "=", "chatbot.text.update").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(w.admin.memberId);
    const list = (await ctx.app.inject({ method: "GET", url: "/api/admin/chatbot/texts", headers: w.admin.headers })).json<{ items: Array<{ key: string }> }>();
    expect(list.items.some((t) => t.key === "welcome")).toBe(true);
  });
});
