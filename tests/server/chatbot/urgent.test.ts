import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { OA_FOLLOWER_STAND_IN } from "../../../server/src/db/migrations/102_chatbot_urgent.js";
import { chatbotJobs } from "../../../server/src/modules/chatbot/jobs.js";
import { feedbackJobs } from "../../../server/src/modules/feedback/jobs.js";
import { notifyJobs } from "../../../server/src/modules/notify/jobs.js";
import { safetyJobs } from "../../../server/src/modules/safety/jobs.js";
import { zaloJobs } from "../../../server/src/modules/zalo/jobs.js";
import { startWorkers, type RunningWorkers } from "../../../server/src/queue/registry.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, waitUntil, type Login, type World } from "../feedback/world.js";
import { chatDriver } from "./chat.js";

/**
 * Issue 15, third round: a danger phrase in the OA chat alerts the cán bộ on call exactly as the Mini App's "Cần giúp
 * đỡ" does — the urgent record, the alert on Zalo, the acknowledgement deadline and the escalation — once per msg_id and
 * once per open record; what she wrote is read only under the private-item rule, and every look is audited.
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
const oaOf: Record<string, string> = {};
const WORDS = "toi bi chong danh, anh ay dang cam dao";

beforeAll(async () => {
  sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
  ctx = await createTestContext({ zaloUrl: sim.url });
  w = await buildWorld(ctx);
  // The cán bộ of xã A and of the province, reachable by OA message (their window open).
  for (const [key, who] of [
    ["xaA", w.staff.xaA],
    ["tinh", w.staff.tinh],
  ] as const) {
    const u = sim.createUser({ name: key });
    oaOf[key] = u.oaUserId;
    await ctx.deps.db.updateTable("members").set({ zalo_oa_user_id: u.oaUserId }).where("id", "=", who.memberId).execute();
    sim.interact(u.oaUserId, new Date());
    await ctx.deps.db.insertInto("oa_interactions").values({ oa_user_id: u.oaUserId, last_interaction_at: new Date(), following: true }).execute();
  }
  const put = await ctx.app.inject({
    method: "PUT",
    url: "/api/admin/safety/on-call",
    headers: w.staff.xaA.headers,
    payload: { unitId: w.units.xaA.id, entries: [{ memberId: w.staff.xaA.memberId, weekdays: [0, 1, 2, 3, 4, 5, 6], fromMinute: 0, toMinute: 1440 }] },
  });
  expect(put.statusCode, put.body).toBe(200);
  workers = startWorkers(ctx.deps, [zaloJobs, chatbotJobs, feedbackJobs, notifyJobs, safetyJobs], (err, where) => errors.push(`${where}: ${(err as Error).message}`));
});
afterAll(async () => {
  await workers?.stop(10_000);
  await ctx?.close();
  await sim?.close();
});
beforeEach(async () => {
  await ctx.deps.db.updateTable("safety_settings").set({ value: JSON.stringify(60) }).where("key", "=", "ack_minutes").execute();
});

/** A follower whose OA id is linked (the verified way) to the member `who`. */
async function linked(who: Login): Promise<string> {
  const u = sim.createUser({ name: who.memberId });
  await ctx.deps.db.updateTable("members").set({ zalo_oa_user_id: u.oaUserId }).where("id", "=", who.memberId).execute();
  return u.oaUserId;
}
const urgentOf = (oa: string) =>
  ctx.deps.db
    .selectFrom("chatbot_conversations as c")
    .innerJoin("submissions as s", "s.id", "c.urgent_submission_id")
    .select(["c.id as conversationId", "s.id", "s.tracking_code", "s.author_id", "s.body", "s.urgent", "s.sensitive", "s.category_code", "s.origin_unit_id"])
    .where("c.oa_user_id", "=", oa)
    .executeTakeFirst();
const urgentCount = (authorId: string) => ctx.deps.db.selectFrom("submissions").select("id").where("author_id", "=", authorId).where("urgent", "=", true).execute();
const csTo = (key: string, mark: number) => sim.sentMessages().slice(mark).filter((m) => m.kind === "cs" && m.userId === oaOf[key]);
const assignmentAt = (submissionId: string, unitId: string) =>
  ctx.deps.db.selectFrom("assignments").selectAll().where("submission_id", "=", submissionId).where("unit_id", "=", unitId).executeTakeFirst();

describe("a danger phrase in the OA chat", () => {
  it("files one urgent record per msg_id and per open record, and alerts the xã's cán bộ on call on Zalo without her words", async () => {
    const oa = await linked(w.identified);
    const mark = sim.sentMessages().length;
    const msgId = chat.msgId();
    const event = sim.textEvent(oa, WORDS, msgId);
    await chat.deliver(event);
    // Zalo redelivers the same msg_id: it is stored once, so nothing is filed or alerted twice.
    await chat.deliver(event);
    const r = await waitUntil("the urgent record", () => urgentOf(oa));
    expect(r).toMatchObject({ author_id: w.identified.memberId, body: WORDS, urgent: true, sensitive: true, category_code: "bao_luc", origin_unit_id: w.units.chiA1.id });
    const alert = await waitUntil("the on-call alert on Zalo", async () => csTo("xaA", mark)[0]);
    expect(alert.text).toContain("KHẨN");
    expect(alert.text).toContain(r.tracking_code);
    expect(alert.text).not.toContain("chong danh");
    const alerts = await ctx.deps.db.selectFrom("safety_alerts").select(["unit_id", "ack_due_at", "alerted_at"]).where("submission_id", "=", r.id).execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.unit_id).toBe(w.units.xaA.id);
    expect(alerts[0]!.ack_due_at.getTime() - alerts[0]!.alerted_at.getTime()).toBe(60 * 60_000);
    // Counted by Tổng hợp as an item that came through the OA chat.
    const key = await ctx.deps.db.selectFrom("submission_keys").select("key").where("submission_id", "=", r.id).executeTakeFirstOrThrow();
    expect(key.key).toMatch(/^oa-chat\.urgent\./);
    await chat.handled(`oa-${msgId}`);
    // She writes again while it is open: the hotlines again, but no second record and no second alert.
    const [again] = await chat.say(oa, "cuu toi voi");
    expect(again).toContain("113");
    expect(await urgentCount(w.identified.memberId)).toHaveLength(1);
    expect(csTo("xaA", mark).filter((m) => m.text?.includes("KHẨN"))).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("is read only under the private-item rule, each look audited; another xã's cán bộ cannot open it", async () => {
    const oa = await linked(w.identified);
    await chat.say(oa, "toi bi chong danh");
    const r = await waitUntil("the urgent record", () => urgentOf(oa));
    const list = (await ctx.app.inject({ method: "GET", url: "/api/staff/chat/conversations", headers: w.staff.xaA.headers })).json<{ items: Array<{ id: string; urgent: boolean }> }>();
    expect(list.items.find((c) => c.id === r.conversationId)).toMatchObject({ urgent: true });
    const before = await ctx.deps.db.selectFrom("audit_log").select("id").where("entity_id", "=", r.id).where("action", "=", "submission.read").execute();
    const open = await ctx.app.inject({ method: "GET", url: `/api/staff/chat/conversations/${r.conversationId}`, headers: w.staff.xaA.headers });
    expect(open.statusCode, open.body).toBe(200);
    expect(open.body).toContain("chong danh");
    const after = await ctx.deps.db.selectFrom("audit_log").select(["actor_id", "detail"]).where("entity_id", "=", r.id).where("action", "=", "submission.read").execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ actor_id: w.staff.xaA.memberId, detail: { screen: "chatbot.conversation" } });
    for (const other of [w.staff.xaB, w.staff.chiA1]) {
      expect((await ctx.app.inject({ method: "GET", url: `/api/staff/chat/conversations/${r.conversationId}`, headers: other.headers })).statusCode).toBe(404);
      const theirs = (await ctx.app.inject({ method: "GET", url: "/api/staff/chat/conversations", headers: other.headers })).json<{ items: Array<{ id: string }> }>();
      expect(theirs.items.map((c) => c.id)).not.toContain(r.conversationId);
    }
  });

  it("brings in the province, alerted on Zalo, when nobody acknowledges in time", async () => {
    // 0.02 minutes: the check comes due about a second after the alert.
    await ctx.deps.db.updateTable("safety_settings").set({ value: JSON.stringify(0.02) }).where("key", "=", "ack_minutes").execute();
    const oa = await linked(w.woman);
    const mark = sim.sentMessages().length;
    await chat.say(oa, "chi oi cuu em, chong dang doa giet em");
    const r = await waitUntil("the urgent record", () => urgentOf(oa));
    const tinh = await waitUntil("the province's assignment", () => assignmentAt(r.id, w.units.tinh.id), 30_000);
    expect(tinh.reason).toBe("escalation");
    const alert = await waitUntil("the province alerted on Zalo", async () => csTo("tinh", mark)[0], 30_000);
    expect(alert.text).toContain("chưa được Xã Bảo Thắng xác nhận");
    expect(alert.text).not.toContain("doa giet");
    expect((await assignmentAt(r.id, w.units.xaA.id))?.escalated_at).not.toBeNull();
    expect(errors).toEqual([]);
  });

  it("from a follower not linked to a member: the province is alerted, with a stand-in author (nobody's identity)", async () => {
    const oa = sim.createUser({ name: "Chưa liên kết" }).oaUserId;
    const mark = sim.sentMessages().length;
    const [reply] = await chat.say(oa, "toi bi danh dap, cuu toi");
    expect(reply).toContain("113");
    const r = await waitUntil("the urgent record", () => urgentOf(oa));
    expect(r).toMatchObject({ author_id: OA_FOLLOWER_STAND_IN, origin_unit_id: w.units.tinh.id });
    await waitUntil("the province alerted", async () => csTo("tinh", mark).find((m) => m.text?.includes(r.tracking_code)));
    expect(csTo("xaA", mark).filter((m) => m.text?.includes(r.tracking_code))).toEqual([]);
  });

  it("inside a guided feedback: alerted, but the record carries no word of what she is telling privately", async () => {
    const oa = await linked(w.womanB);
    await chat.say(oa, "menu");
    await ctx.deps.db
      .updateTable("chatbot_conversations")
      .set({ state: "fb_text", data: JSON.stringify({ category: "bao_luc", categoryName: "Bạo lực", private: true, media: [] }), expires_at: new Date(Date.now() + 600_000) })
      .where("oa_user_id", "=", oa)
      .execute();
    const replies = await chat.say(oa, "toi bi chong danh suot, toi so lam", 2);
    expect(replies.some((t) => t.includes("đã báo cán bộ Hội đang trực"))).toBe(true);
    const r = await waitUntil("the urgent record", () => urgentOf(oa));
    expect(r.author_id).toBe(w.womanB.memberId);
    expect(r.body).not.toContain("chong danh");
    expect(r.body).toContain("giữ kín");
    expect((await assignmentAt(r.id, w.units.xaB.id))?.reason).toBe("primary");
    // Her draft goes on with the bot, not handed over.
    const c = await ctx.deps.db.selectFrom("chatbot_conversations").select(["mode", "state"]).where("oa_user_id", "=", oa).executeTakeFirstOrThrow();
    expect(c).toEqual({ mode: "bot", state: "fb_anonymous" });
  });
});
