import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { chatbotJobs } from "../../../server/src/modules/chatbot/jobs.js";
import { feedbackJobs } from "../../../server/src/modules/feedback/jobs.js";
import { notifyJobs } from "../../../server/src/modules/notify/jobs.js";
import { zaloJobs } from "../../../server/src/modules/zalo/jobs.js";
import { oaEventsQueue } from "../../../server/src/modules/zalo/queues.js";
import { startWorkers, type RunningWorkers } from "../../../server/src/queue/registry.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, primaryAssignment, waitUntil, type World } from "../feedback/world.js";
import { chatDriver } from "./chat.js";

/**
 * Issue 15: the OA chatbot driven end to end by signed simulator events, with the real workers (oa-events, chatbot
 * send, feedback routing, notify) and the replies observed where Zalo would deliver them (the simulator).
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

/** A follower linked (the verified way, here set directly) to a member of chi hội A1, xã A. */
async function linkedFollower(memberId: string, name: string) {
  const u = sim.createUser({ name });
  await ctx.deps.db.updateTable("members").set({ zalo_oa_user_id: u.oaUserId }).where("id", "=", memberId).execute();
  return u.oaUserId;
}

beforeAll(async () => {
  sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
  ctx = await createTestContext({ zaloUrl: sim.url });
  w = await buildWorld(ctx);
  workers = startWorkers(ctx.deps, [zaloJobs, chatbotJobs, feedbackJobs, notifyJobs], (err, where) => errors.push(`${where}: ${(err as Error).message}`));
});
afterAll(async () => {
  await workers?.stop(5000);
  await ctx?.close();
  await sim?.close();
});

describe("OA chatbot", () => {
  it("welcomes a new follower with the menu and the Mini App link (Zalo's follow event, ids and time as strings)", async () => {
    const u = sim.createUser({ name: "Hờ Thị Dế" });
    const [welcome] = await chat.sendEvent({ event_name: "follow", oa_id: "sim-oa", follower: { id: u.oaUserId }, source: "oa_profile", timestamp: String(Date.now()), app_id: "sim-app" }, u.oaUserId);
    expect(welcome).toContain("1 - Tin tức");
    expect(welcome).toContain("https://zalo.me/s/sim-app/");
    expect(typeof u.oaUserId).toBe("string");
    const [menu] = await chat.say(u.oaUserId, "4");
    expect(menu).toContain("cuộc thi");
  });

  it("drives a whole guided feedback to a tracking code; the item reaches its xã, and her code gives its status", async () => {
    const oa = await linkedFollower(w.woman.memberId, "Sùng Thị Mai");
    const [cats] = await chat.say(oa, "phan anh");
    expect(cats).toMatch(/1 - /);
    // 2 - Việc làm (not a private category: a private one is told in the app only, never on Zalo)
    const [ask] = await chat.say(oa, "2");
    expect(ask).toContain("kể rõ sự việc");
    const [anon] = await chat.say(oa, "Duong vao thon Lang Moi bi sat lo tu hom qua, xe may khong di duoc");
    expect(anon).toContain("giấu tên");
    const [confirm] = await chat.say(oa, "2");
    expect(confirm).toContain("Duong vao thon Lang Moi");
    expect(confirm).toContain("Để tên");
    const [sent] = await chat.say(oa, "1");
    const code = /Mã theo dõi: ((?:PA)-[0-9A-Z]{7})/.exec(sent ?? "")?.[1];
    expect(code, sent).toBeTruthy();

    const item = await ctx.deps.db.selectFrom("submissions").select(["id", "author_id", "anonymous", "body"]).where("tracking_code", "=", code as string).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ author_id: w.woman.memberId, anonymous: false, body: "Duong vao thon Lang Moi bi sat lo tu hom qua, xe may khong di duoc" });
    const routed = await waitUntil("routed", () => primaryAssignment(ctx.deps, item.id));
    // Việc làm from a woman of chi hội Làng Mới is handled by her xã, as the same item sent from the Mini App is.
    expect(routed.unit_id).toBe(w.units.xaA.id);

    // A status change later reaches her in the same chat (notify's OA message to her linked OA id).
    const staff = Object.values(w.staff);
    const officer = await (async () => {
      for (const s of staff) {
        const r = await ctx.app.inject({ method: "POST", url: `/api/assignments/${routed.id}/ack`, headers: s.headers });
        if (r.statusCode === 200) return s;
      }
      return null;
    })();
    expect(officer).not.toBeNull();
    await waitUntil("the status change in her chat", async () => chat.received(oa).some((m) => (m.text ?? "").includes("đã tiếp nhận") && (m.text ?? "").includes(code as string)));

    const [status] = await chat.say(oa, `ma ${(code as string).toLowerCase()}`);
    expect(status).toContain(code as string);
    // Another woman's code is never hers to read.
    const other = await linkedFollower(w.womanB.memberId, "Giàng Thị Sở");
    const [none] = await chat.say(other, `mã ${code as string}`);
    expect(none).toContain("không tìm thấy");
  });

  it("a bad or missing signature is refused with 401 and nothing is queued", async () => {
    const u = sim.createUser({ name: "Lý Thị Lan" });
    const event = sim.textEvent(u.oaUserId, "xin chao", "badsig0001");
    const s = sim.signedWebhook(event);
    const before = await oaEventsQueue.on(ctx.deps.queues).getJobCounts();
    expect((await chat.post(s.body, { ...s.headers, "x-zevent-signature": `mac=${"0".repeat(64)}` })).statusCode).toBe(401);
    const { ["x-zevent-signature"]: _dropped, ...unsigned } = s.headers;
    expect((await chat.post(s.body, unsigned)).statusCode).toBe(401);
    expect(await oaEventsQueue.on(ctx.deps.queues).getJob("oa-badsig0001")).toBeUndefined();
    expect(await oaEventsQueue.on(ctx.deps.queues).getJobCounts()).toEqual(before);
  });

  it("the same msg_id delivered twice gets one reply", async () => {
    const u = sim.createUser({ name: "Vàng Thị Chớ" });
    const event = sim.textEvent(u.oaUserId, "menu", "twice0001");
    await chat.deliver(event);
    await chat.deliver(event);
    await waitUntil("a reply", async () => chat.received(u.oaUserId).length >= 1);
    await chat.handled("oa-twice0001");
    // The redelivery maps to the same job and the same oa_events key; a third copy processed by hand changes nothing.
    const replies = await ctx.deps.db.selectFrom("chatbot_messages").select("id").where("event_key", "=", "oa-twice0001").where("direction", "=", "out").execute();
    expect(replies).toHaveLength(1);
    const sent = await waitUntil("sent", () => ctx.deps.db.selectFrom("chatbot_messages").select("status").where("event_key", "=", "oa-twice0001").where("direction", "=", "out").where("status", "=", "sent").executeTakeFirst());
    expect(sent.status).toBe("sent");
    expect(chat.received(u.oaUserId)).toHaveLength(1);
  });

  it("handover: 'gap can bo' silences the bot; the xã's cán bộ reads the history and her reply reaches the simulator; closing hands back to the bot", async () => {
    const oa = await linkedFollower(w.identified.memberId, "Lò Thị Xuân Hương");
    const [handover] = await chat.say(oa, "gap can bo");
    expect(handover).toContain("Xã Bảo Thắng");
    const ask = sim.textEvent(oa, "Chi muon hoi ve vay von cho con di hoc", chat.msgId());
    await chat.deliver(ask);
    await chat.handled(`oa-${(ask.message as { msg_id: string }).msg_id}`);
    const out = await ctx.deps.db
      .selectFrom("chatbot_messages")
      .select("id")
      .where("event_key", "=", `oa-${(ask.message as { msg_id: string }).msg_id}`)
      .where("direction", "=", "out")
      .execute();
    expect(out).toHaveLength(0);

    // Another commune's cán bộ does not see it; hers does.
    const listB = (await ctx.app.inject({ method: "GET", url: "/api/staff/chat/conversations", headers: w.staff.xaB.headers })).json<{ items: Array<{ id: string }> }>();
    const resA = await ctx.app.inject({ method: "GET", url: "/api/staff/chat/conversations", headers: w.staff.xaA.headers });
    expect(resA.statusCode, resA.body).toBe(200);
    const listA = resA.json<{ items: Array<{ id: string; who: string }> }>();
    const conv = listA.items.find((c) => c.who === "Lò Thị Xuân Hương");
    expect(conv).toBeTruthy();
    expect(listB.items.some((c) => c.id === conv?.id)).toBe(false);
    const detail = (await ctx.app.inject({ method: "GET", url: `/api/staff/chat/conversations/${conv?.id}`, headers: w.staff.xaA.headers })).json<{ messages: Array<{ text: string }> }>();
    expect(detail.messages.map((m) => m.text)).toContain("Chi muon hoi ve vay von cho con di hoc");
    expect((await ctx.app.inject({ method: "GET", url: `/api/staff/chat/conversations/${conv?.id}`, headers: w.staff.xaB.headers })).statusCode).toBe(404);

    const before = chat.received(oa).length;
    const r = await ctx.app.inject({ method: "POST", url: `/api/staff/chat/conversations/${conv?.id}/reply`, headers: w.staff.xaA.headers, payload: { text: "Chào chị, chị đến Ủy ban xã sáng thứ Hai nhé." } });
    expect(r.statusCode).toBe(200);
    await waitUntil("the cán bộ's reply at the simulator", async () => chat.received(oa).slice(before).some((m) => m.text === "Chào chị, chị đến Ủy ban xã sáng thứ Hai nhé."));

    expect((await ctx.app.inject({ method: "POST", url: `/api/staff/chat/conversations/${conv?.id}/close`, headers: w.staff.xaA.headers })).statusCode).toBe(200);
    await waitUntil("closing message", async () => chat.received(oa).some((m) => (m.text ?? "").includes("kết thúc")));
    const [menu] = await chat.say(oa, "menu");
    expect(menu).toContain("1 - Tin tức");
  });

  it("a cán bộ's answer after her 7 days without a message is not sent (Zalo's window, no template fallback) and shows as not sent", async () => {
    const oa = await linkedFollower(w.identified.memberId, "Lò Thị Xuân Hương");
    await chat.say(oa, "gap can bo");
    const conv = await ctx.deps.db.selectFrom("chatbot_conversations").select("id").where("oa_user_id", "=", oa).executeTakeFirstOrThrow();
    await ctx.deps.db.updateTable("oa_interactions").set({ last_interaction_at: new Date(Date.now() - 8 * 24 * 3_600_000) }).where("oa_user_id", "=", oa).execute();
    const before = sim.sentMessages().filter((m) => m.userId === oa).length;
    const text = "Chị ơi, cán bộ Hội hẹn chị sáng mai ở nhà văn hóa thôn.";
    const r = await ctx.app.inject({ method: "POST", url: `/api/staff/chat/conversations/${conv.id}/reply`, headers: w.staff.xaA.headers, payload: { text } });
    expect(r.statusCode).toBe(200);
    const row = await waitUntil("the answer handled", () =>
      ctx.deps.db.selectFrom("chatbot_messages").select(["status", "last_error"]).where("conversation_id", "=", conv.id).where("text", "=", text).where("status", "<>", "pending").executeTakeFirst(),
    );
    expect(row.status).toBe("skipped");
    expect(sim.sentMessages().filter((m) => m.userId === oa)).toHaveLength(before);
    const detail = (await ctx.app.inject({ method: "GET", url: `/api/staff/chat/conversations/${conv.id}`, headers: w.staff.xaA.headers })).json<{ messages: Array<{ text: string; status: string }> }>();
    expect(detail.messages.find((m) => m.text === text)?.status).toBe("skipped");
    await ctx.app.inject({ method: "POST", url: `/api/staff/chat/conversations/${conv.id}/close`, headers: w.staff.xaA.headers });
  });

  it("an anonymous item's text never reaches the cán bộ's chat view", async () => {
    const oa = await linkedFollower(w.woman.memberId, "Sùng Thị Mai");
    await chat.say(oa, "2");
    await chat.say(oa, "1"); // Bạo lực gia đình: a private category
    await chat.say(oa, "Nguoi hang xom hay danh vo, em so lam");
    await chat.say(oa, "1");
    const [sent] = await chat.say(oa, "1");
    // Discreet as every channel is for a sensitive item: no tracking code on Zalo.
    expect(sent).toContain("giữ kín");
    expect(sent).not.toMatch(/PA-/);
    const item = await ctx.deps.db.selectFrom("submissions").select(["anonymous", "sensitive"]).where("body", "=", "Nguoi hang xom hay danh vo, em so lam").executeTakeFirstOrThrow();
    expect(item).toEqual({ anonymous: true, sensitive: true });
    await chat.say(oa, "gap can bo");
    const list = (await ctx.app.inject({ method: "GET", url: "/api/staff/chat/conversations", headers: w.staff.xaA.headers })).json<{ items: Array<{ id: string; who: string }> }>();
    const conv = list.items.find((c) => c.who === "Sùng Thị Mai");
    const detail = (await ctx.app.inject({ method: "GET", url: `/api/staff/chat/conversations/${conv?.id}`, headers: w.staff.xaA.headers })).body;
    expect(detail).not.toContain("danh vo");
    expect(detail).not.toContain("Mã theo dõi");
  });

  it("bad input gets a polite Vietnamese reply; unknown events are stored and ignored", async () => {
    const u = sim.createUser({ name: "Thào Thị Pà" });
    const [sticker] = await chat.sendEvent(chat.base("user_send_sticker", u.oaUserId, { attachments: [{ type: "sticker", payload: { id: "abc", url: "https://zalo.me/sticker.png" } }] }), u.oaUserId);
    expect(sticker).toContain("chưa đọc được");
    const [loc] = await chat.sendEvent(chat.base("user_send_location", u.oaUserId, { attachments: [{ type: "location", payload: { coordinates: { latitude: "22.48", longitude: "103.97" } } }] }), u.oaUserId);
    expect(loc).toContain("chưa đọc được");
    // Unsupported attachments, and a photo outside a guided feedback (nothing to attach it to).
    for (const [name, attachment] of [
      ["user_send_file", { type: "file", payload: { url: "https://zalo.me/f/don.docx", name: "don.docx", size: "20480", type: "docx" } }],
      ["user_send_gif", { type: "gif", payload: { url: "https://zalo.me/g/cuoi.gif" } }],
      ["user_send_image", { type: "image", payload: { url: "https://zalo.me/i/anh.jpg" } }],
    ] as const) {
      const [reply] = await chat.sendEvent(chat.base(name, u.oaUserId, { attachments: [attachment] }), u.oaUserId);
      expect(reply, name).toContain("chưa đọc được");
    }
    const [long] = await chat.say(u.oaUserId, "a".repeat(5000));
    expect(long).toContain("dài quá");
    const [blank] = await chat.say(u.oaUserId, "   ");
    expect(blank).toContain("chưa nhận được nội dung");
    const odd = chat.base("user_did_something_new", u.oaUserId, {});
    await chat.deliver(odd);
    const key = `oa-${(odd.message).msg_id}`;
    await waitUntil("stored", () => ctx.deps.db.selectFrom("oa_events").select("event_key").where("event_key", "=", key).executeTakeFirst());
    expect(await ctx.deps.db.selectFrom("chatbot_messages").select("id").where("event_key", "=", key).execute()).toHaveLength(0);
  });

  it("a flood from one follower is limited to her; another follower is answered meanwhile", async () => {
    const flood = sim.createUser({ name: "Người nhắn liên tục" });
    const calm = sim.createUser({ name: "Phàn Thị Mẩy" });
    const events = Array.from({ length: 30 }, (_, i) => sim.textEvent(flood.oaUserId, i % 2 ? "menu" : "4", chat.msgId()));
    for (const e of events) await chat.deliver(e);
    const [answer] = await chat.say(calm.oaUserId, "menu");
    expect(answer).toContain("1 - Tin tức");
    for (const e of events) await chat.handled(`oa-${(e.message as { msg_id: string }).msg_id}`);
    const conv = await ctx.deps.db.selectFrom("chatbot_conversations").select("id").where("oa_user_id", "=", flood.oaUserId).executeTakeFirstOrThrow();
    const out = await ctx.deps.db.selectFrom("chatbot_messages").select("text").where("conversation_id", "=", conv.id).where("direction", "=", "out").execute();
    // 12 a minute answered, one "chị nhắn nhanh quá", then silence.
    expect(out.length).toBe(13);
    expect(out.filter((m) => m.text.includes("nhanh quá"))).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
