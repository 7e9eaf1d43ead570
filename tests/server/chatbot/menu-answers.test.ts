import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../../scripts/seed/seed.js";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { closestGuides, judge } from "../../../server/src/modules/chatbot/match.js";
import { chatbotJobs } from "../../../server/src/modules/chatbot/jobs.js";
import { zaloJobs } from "../../../server/src/modules/zalo/jobs.js";
import { startWorkers, type RunningWorkers } from "../../../server/src/queue/registry.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { waitUntil } from "../feedback/world.js";
import { chatDriver } from "./chat.js";
import { BHYT, KHAI_SINH, VNEID } from "./questions.fixture.js";

/**
 * Issue 15, what a woman types in the OA chat, end to end through signed webhooks and the real workers, against the
 * demo seed's guides: the menu by number and by word, a question answered from its guide (its FAQ entry when she asks
 * one of them), the three closest topics when the bot is unsure (a number opens one), two answers that did not help
 * hand her to a cán bộ, and a conversation left in the middle of a step that expired.
 */
let sim: ZaloSimulator;
let ctx: TestContext;
let workers: RunningWorkers;
const errors: string[] = [];
const chat = chatDriver(
  () => ctx,
  () => sim,
);
const titles = new Map<string, string>();

beforeAll(async () => {
  sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
  ctx = await createTestContext({ zaloUrl: sim.url });
  await seed(ctx.deps.db, { demo: true });
  for (const g of await ctx.deps.db.selectFrom("guides").select(["id", "title"]).execute()) titles.set(g.id, g.title);
  workers = startWorkers(ctx.deps, [zaloJobs, chatbotJobs], (err, where) => errors.push(`${where}: ${(err as Error).message}`));
});
afterAll(async () => {
  await workers?.stop(5000);
  await ctx?.close();
  await sim?.close();
});

const conversationOf = (oa: string) =>
  ctx.deps.db.selectFrom("chatbot_conversations").select(["id", "mode", "unit_id", "state", "failed_answers"]).where("oa_user_id", "=", oa).executeTakeFirstOrThrow();
/** "2 - Gia hạn thẻ…" lines of a numbered list, as [number, title]. */
const numbered = (text: string) => [...text.matchAll(/^([1-9]) - (.+)$/gm)].map((m) => [m[1] as string, m[2] as string] as const);

describe("the OA chat menu and answers", () => {
  it("answers the menu by number and by word: 1 tin tức, 2 phản ánh, 3 dịch vụ công (a number opens a guide), 4 cuộc thi", async () => {
    const u = sim.createUser({ name: "Hoàng Thị Sen" }).oaUserId;
    const [news] = await chat.say(u, "1");
    expect(news).toContain("Tin tức mới của Hội");
    expect(news).toContain("https://zalo.me/s/sim-app/");
    expect((await chat.say(u, "Tin tức"))[0]).toContain("Tin tức mới của Hội");

    // Not linked to a member record: the guided feedback needs one, and the bot says how to link.
    expect((await chat.say(u, "2"))[0]).toContain("liên kết Zalo");
    expect((await chat.say(u, "phản ánh"))[0]).toContain("liên kết Zalo");

    const [services] = await chat.say(u, "3");
    const listed = numbered(services ?? "");
    expect(listed.map(([, t]) => t).sort()).toEqual([...titles.values()].sort());
    expect((await chat.say(u, "dich vu cong"))[0]).toContain(titles.get(BHYT) as string);
    const [n] = listed.find(([, t]) => t === titles.get(KHAI_SINH)) ?? [];
    const [guide] = await chat.say(u, n as string);
    expect(guide).toContain(titles.get(KHAI_SINH));
    // The guide as written: its steps, never a sentence the bot composed.
    expect(guide).toContain("1. Đăng nhập Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID");

    expect((await chat.say(u, "4"))[0]).toContain("Các cuộc thi của Hội");
    expect((await chat.say(u, "cuoc thi"))[0]).toContain("Các cuộc thi của Hội");
    expect(errors).toEqual([]);
  });

  it("answers a question typed without diacritics from its guide, with the FAQ entry she asked about", async () => {
    const u = sim.createUser({ name: "Lù Thị Vân" }).oaUserId;
    const [answer] = await chat.say(u, "lam the nao de dang ky khai sinh cho con");
    expect(answer).toContain(titles.get(KHAI_SINH));
    expect(answer).toContain("Xem đầy đủ");

    const [faq] = await chat.say(u, "co nguoi goi dien xin ma kich hoat vneid thi co dua khong");
    expect(faq).toContain(titles.get(VNEID));
    expect(faq).toContain("Không đưa mã cho bất kỳ ai");
    expect((await conversationOf(u)).failed_answers).toBe(0);
  });

  it("when unsure offers the closest topics, and her number opens the one she means", async () => {
    const question = "can giay to gi";
    // The premise, from the matcher itself: this question is one the bot must not answer outright.
    const verdict = judge(await closestGuides(ctx.deps.db, question));
    expect(verdict.kind).toBe("unsure");
    const offered = verdict.kind === "unsure" ? verdict.guides.map((g) => g.title) : [];
    expect(offered).toHaveLength(3);

    const u = sim.createUser({ name: "Tráng Thị Mỷ" }).oaUserId;
    const [unsure] = await chat.say(u, question);
    expect(unsure).toContain("Có phải chị hỏi về");
    expect(numbered(unsure ?? "").map(([, t]) => t)).toEqual(offered);
    const [opened] = await chat.say(u, "2");
    expect(opened).toContain(offered[1]);
    expect(opened).toContain("Xem đầy đủ");
    expect((await conversationOf(u)).failed_answers).toBe(0);
  });

  it("asks back on a question too vague to pick a guide, listing the guides; her number opens one; not counted as a failed answer", async () => {
    const u = sim.createUser({ name: "Vàng Thị Dính" }).oaUserId;
    for (const vague of ["lam the nao", "cho hoi", "giup em voi", "thu tuc gi"]) {
      const [reply] = await chat.say(u, vague);
      expect(reply, vague).toContain("Chị muốn hỏi về việc gì");
      expect(numbered(reply ?? "").map(([, t]) => t).sort(), vague).toEqual([...titles.values()].sort());
    }
    // Four vague messages in a row: still the bot, nothing handed over, nothing counted against her.
    expect(await conversationOf(u)).toMatchObject({ mode: "bot", failed_answers: 0 });
    const [clarify] = await chat.say(u, "Làm thế nào ạ");
    const [n] = numbered(clarify ?? "").find(([, t]) => t === titles.get(VNEID)) ?? [];
    const [opened] = await chat.say(u, n as string);
    expect(opened).toContain(titles.get(VNEID));
    expect(opened).toContain("Xem đầy đủ");

    const [account] = await chat.say(u, "dang ky tai khoan");
    expect(account).toContain(titles.get(VNEID));
    expect(account).not.toContain(titles.get(KHAI_SINH));
    expect(errors).toEqual([]);
  });

  it("never makes an answer up; a second answer that did not help hands her to a cán bộ and the bot falls silent", async () => {
    const u = sim.createUser({ name: "Giàng Thị Chư" }).oaUserId;
    const [none] = await chat.say(u, "cho em hoi gia vang hom nay");
    expect(none).toContain("Hội chưa có hướng dẫn cho câu hỏi này");
    expect((await conversationOf(u)).mode).toBe("bot");
    const [handover] = await chat.say(u, "xe khach len sa pa may gio chay");
    expect(handover).toContain("Hội đã chuyển tin nhắn của chị đến cán bộ Hội");
    const c = await conversationOf(u);
    // Not linked to a member record: the province's cán bộ take it.
    const tinh = await ctx.deps.db.selectFrom("units").select("id").where("level", "=", "tinh").executeTakeFirstOrThrow();
    expect(c).toMatchObject({ mode: "human", unit_id: tinh.id });

    const quiet = sim.textEvent(u, "menu", chat.msgId());
    await chat.deliver(quiet);
    await chat.handled(`oa-${(quiet.message as { msg_id: string }).msg_id}`);
    const out = await ctx.deps.db.selectFrom("chatbot_messages").select("id").where("event_key", "=", `oa-${(quiet.message as { msg_id: string }).msg_id}`).where("direction", "=", "out").execute();
    expect(out).toEqual([]);
  });

  it("a step left until it expired starts again: she is told so and her message is answered from the menu", async () => {
    const u = sim.createUser({ name: "Sần Thị Lả" }).oaUserId;
    await chat.say(u, "menu");
    await ctx.deps.db
      .updateTable("chatbot_conversations")
      .set({ state: "fb_anonymous", data: JSON.stringify({ category: "viec_lam", text: "nháp cũ" }), expires_at: new Date(Date.now() - 60_000) })
      .where("oa_user_id", "=", u)
      .execute();
    // Two replies, sent by two jobs: their order at Zalo is not asserted.
    const replies = await chat.say(u, "4", 2);
    expect(replies.some((r) => r.includes("Cuộc trò chuyện trước đã hết hạn"))).toBe(true);
    expect(replies.some((r) => r.includes("Các cuộc thi của Hội"))).toBe(true);
    // Without the expiry "4" would have been an answer to "giấu tên?" and asked again.
    expect(replies.some((r) => r.includes("giấu tên"))).toBe(false);
    await waitUntil("back to idle", async () => ((await conversationOf(u)).state === "idle" ? true : null));
    expect(errors).toEqual([]);
  });
});
