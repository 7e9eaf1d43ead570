import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botText, textFrom, TRANSLATION_FALLBACK } from "../../../server/src/modules/chatbot/texts.js";
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

  it("every sentence has a H'Mông and a Dao draft, or says how it falls back; drafts keep the placeholders and wait for review", async () => {
    const rows = await ctx.deps.db.selectFrom("chatbot_texts").select(["key", "language", "text", "needs_review"]).execute();
    const has = (key: string, lang: string) => rows.some((r) => r.key === key && r.language === lang);
    const vi = rows.filter((r) => r.language === "vi");
    const slots = (t: string) => [...new Set([...t.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();
    expect(vi.length).toBeGreaterThan(30);
    for (const { key, text } of vi) {
      for (const lang of ["hmn", "dao"]) {
        const instead = TRANSLATION_FALLBACK[key];
        expect(has(key, lang) || instead !== undefined, `${key}.${lang}: no draft and no fallback`).toBe(true);
        // A fallback to another sentence needs that sentence's draft in both languages.
        if (!has(key, lang) && instead && instead !== "vi") expect(has(instead, lang), `${key}.${lang} → ${instead}`).toBe(true);
      }
      for (const d of rows.filter((r) => r.key === key && r.language !== "vi")) {
        expect(slots(d.text), `${key}.${d.language}`).toEqual(slots(text));
        expect(d.needs_review, `${key}.${d.language}`).toBe(true);
      }
    }
    // No stale entry: a key listed is a real sentence still missing a draft somewhere.
    for (const key of Object.keys(TRANSLATION_FALLBACK)) {
      expect(has(key, "vi"), key).toBe(true);
      expect(has(key, "hmn") && has(key, "dao"), `${key} has both drafts: drop its fallback`).toBe(false);
    }
    const texts = new Map(rows.map((r) => [`${r.key}.${r.language}`, r.text]));
    expect(textFrom(texts, "safety_private", "hmn")).toBe(textFrom(texts, "safety", "hmn"));
    expect(textFrom(texts, "safety_private", "vi")).toContain("Chị cứ tiếp tục kể");
    expect(textFrom(texts, "fb_choose", "dao")).toBe(textFrom(texts, "fb_choose", "vi"));
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
