import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { chatbotCacheOf } from "../../../server/src/modules/chatbot/cache.js";
import { chatbotJobs } from "../../../server/src/modules/chatbot/jobs.js";
import { zaloJobs } from "../../../server/src/modules/zalo/jobs.js";
import { startWorkers, type RunningWorkers } from "../../../server/src/queue/registry.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, waitUntil, type World } from "../feedback/world.js";
import { chatDriver } from "./chat.js";

/**
 * Issue 15, second round: danger phrases reach the safety answer before anything else; the bot's data is cached per
 * process and a change made by plain SQL elsewhere is seen; hmn/dao sentences where the union has them; odd input.
 */
let sim: ZaloSimulator;
let ctx: TestContext;
let w: World;
let workers: RunningWorkers;
const errors: string[] = [];
const chat = chatDriver(
  () => ctx,
  () => sim,
);
const SAFETY = "gọi ngay 113";

beforeAll(async () => {
  sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
  ctx = await createTestContext({ zaloUrl: sim.url });
  w = await buildWorld(ctx);
  workers = startWorkers(ctx.deps, [zaloJobs, chatbotJobs], (err, where) => errors.push(`${where}: ${(err as Error).message}`));
});
afterAll(async () => {
  await workers?.stop(5000);
  await ctx?.close();
  await sim?.close();
});

const conversationOf = (oa: string) =>
  ctx.deps.db.selectFrom("chatbot_conversations").select(["id", "mode", "urgent_at", "unit_id"]).where("oa_user_id", "=", oa).executeTakeFirstOrThrow();

describe("danger first", () => {
  it("'toi bi chong danh' gets the hotlines at once, and a cán bộ of her xã sees the conversation first, marked urgent", async () => {
    const u = sim.createUser({ name: "Lò Thị Hoa" });
    await ctx.deps.db.updateTable("members").set({ zalo_oa_user_id: u.oaUserId }).where("id", "=", w.identified.memberId).execute();
    const [reply, ...more] = await chat.say(u.oaUserId, "toi bi chong danh");
    expect(reply).toContain(SAFETY);
    expect(reply).toContain("1900969680");
    expect(more).toEqual([]);
    const c = await conversationOf(u.oaUserId);
    expect(c.mode).toBe("human");
    expect(c.urgent_at).not.toBeNull();
    const list = (await ctx.app.inject({ method: "GET", url: "/api/staff/chat/conversations", headers: w.staff.xaA.headers })).json<{ items: Array<{ id: string; urgent: boolean; lastText: string }> }>();
    expect(list.items[0]).toMatchObject({ id: c.id, urgent: true, lastText: expect.stringContaining("113") as unknown });
    // Handed over, the bot is silent for ordinary messages, but a danger phrase still gets the hotlines.
    const [again] = await chat.say(u.oaUserId, "CỨU TÔI với, anh ấy đang đánh");
    expect(again).toContain(SAFETY);
  });

  it("goes ahead of her flood limit and of an expired step", async () => {
    const u = sim.createUser({ name: "Người nhắn nhiều" });
    await chat.say(u.oaUserId, "menu");
    await ctx.deps.db.updateTable("chatbot_conversations").set({ rate_count: 500, rate_window_at: new Date(), state: "fb_text", expires_at: new Date(Date.now() - 60_000) }).where("oa_user_id", "=", u.oaUserId).execute();
    const [reply] = await chat.say(u.oaUserId, "chi oi cuu em, chong dang doa giet em");
    expect(reply).toContain(SAFETY);
    expect(reply).not.toContain("hết hạn");
  });

  it("inside a guided feedback she is answered discreetly and her draft goes on", async () => {
    const u = sim.createUser({ name: "Vàng Thị Dua" });
    await chat.say(u.oaUserId, "menu");
    await ctx.deps.db.updateTable("chatbot_conversations").set({ state: "fb_text", data: JSON.stringify({ category: "bao_luc", categoryName: "Bạo lực", private: true, media: [] }), expires_at: new Date(Date.now() + 600_000) }).where("oa_user_id", "=", u.oaUserId).execute();
    // Two replies, sent by two jobs: their order at Zalo is not asserted.
    const replies = await chat.say(u.oaUserId, "toi bi chong danh suot, toi so lam", 2);
    expect(replies.some((r) => r.includes(SAFETY))).toBe(true);
    expect(replies.some((r) => r.includes("giấu tên"))).toBe(true);
    const rows = await ctx.deps.db.selectFrom("chatbot_messages").select(["private"]).innerJoin("chatbot_conversations as c", "c.id", "conversation_id").where("c.oa_user_id", "=", u.oaUserId).where("direction", "=", "in").orderBy("chatbot_messages.id", "desc").limit(1).execute();
    expect(rows[0]?.private).toBe(true);
    expect((await conversationOf(u.oaUserId)).mode).toBe("bot");
  });
});

describe("the bot's data is cached per process and dropped by the database", () => {
  it("keeps one copy while nothing changes, and sees a change made by plain SQL from elsewhere", async () => {
    const cache = chatbotCacheOf(ctx.deps);
    await waitUntil("the feed listens", async () => (cache.feed.live ? true : null));
    const a = await cache.get(ctx.deps.db);
    expect(await cache.get(ctx.deps.db)).toBe(a);
    await ctx.deps.pool.query("UPDATE chatbot_texts SET text = 'Tin mới của Hội: {{appLink}}' WHERE key = 'news' AND language = 'vi'");
    await cache.feed.barrier();
    const b = await cache.get(ctx.deps.db);
    expect(b).not.toBe(a);
    expect(b.texts.get("news.vi")).toBe("Tin mới của Hội: {{appLink}}");
    const u = sim.createUser({ name: "Hầu Thị Chá" });
    const [news] = await chat.say(u.oaUserId, "tin tuc");
    expect(news).toContain("Tin mới của Hội");

    await ctx.deps.pool.query("UPDATE chatbot_settings SET value = '3' WHERE key = 'per_follower_per_minute'");
    await cache.feed.barrier();
    expect((await cache.get(ctx.deps.db)).settings.perFollowerPerMinute).toBe(3);
    await ctx.deps.pool.query("UPDATE chatbot_intents SET keywords = array_append(keywords, 'bang tin') WHERE intent = 'news'");
    await ctx.deps.pool.query("UPDATE chatbot_settings SET value = '12' WHERE key = 'per_follower_per_minute'");
    await cache.feed.barrier();
    const [byNewWord] = await chat.say(u.oaUserId, "Bảng tin");
    expect(byNewWord).toContain("Tin mới của Hội");
  });
});

describe("her language", () => {
  it("a H'Mông or Dao reader gets the union's draft where there is one, Vietnamese otherwise", async () => {
    const u = sim.createUser({ name: "Sùng Thị Mai" });
    await ctx.deps.db.updateTable("members").set({ zalo_oa_user_id: u.oaUserId, language: "hmn" }).where("id", "=", w.woman.memberId).execute();
    const [hmn] = await chat.say(u.oaUserId, "menu");
    expect(hmn).toContain("Xov xwm");
    await ctx.deps.db.updateTable("members").set({ language: "dao" }).where("id", "=", w.woman.memberId).execute();
    const [dao] = await chat.say(u.oaUserId, "xin chao");
    expect(dao).toContain("Sinx fienx");
    const [contests] = await chat.say(u.oaUserId, "4");
    expect(contests).toContain("Các cuộc thi của Hội");
    await ctx.deps.db.updateTable("members").set({ language: "vi", zalo_oa_user_id: null }).where("id", "=", w.woman.memberId).execute();
  });
});

describe("odd input never fails the event", () => {
  it("a huge text, a sticker, an unknown event, an event without a sender", async () => {
    const u = sim.createUser({ name: "Ly Thị Sa" });
    const [huge] = await chat.say(u.oaUserId, "xin chao ".repeat(20_000));
    expect(huge).toContain("dài quá");
    const [sticker] = await chat.sendEvent(chat.base("user_send_sticker", u.oaUserId, { attachments: [{ type: "sticker", payload: { id: "x" } }] }), u.oaUserId);
    expect(sticker).toContain("chưa đọc được");
    const odd = chat.base("user_reacted_message", u.oaUserId, { react_icon: "/-heart" });
    await chat.deliver(odd);
    await waitUntil("stored", () => ctx.deps.db.selectFrom("oa_events").select("event_key").where("event_key", "=", `oa-${odd.message.msg_id}`).executeTakeFirst());
    expect(errors).toEqual([]);
  });
});
