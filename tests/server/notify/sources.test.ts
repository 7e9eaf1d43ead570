import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { NotificationList } from "@hoiso/shared";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { format, registerMessages } from "../../../server/src/i18n/index.js";
import { record } from "../../../server/src/modules/notify/outbox.js";
import { enqueueDeliveries } from "../../../server/src/modules/notify/queue.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin } from "../../helpers/fixtures.js";
import { buildWorld, primaryAssignment, startPipeline, submitOk, waitUntil, type Login, type World } from "../feedback/world.js";

/**
 * The outbox is not feedback's: a module the code base has never heard of (a stand-in defined here) sends through
 * the same outbox, channels and delivery records, and the recipient's language decides the words.
 */
describe("notifications from any module, in her language", () => {
  let sim: ZaloSimulator;
  let ctx: TestContext;
  let w: World;
  let pipeline: ReturnType<typeof startPipeline>;

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
    ctx = await createTestContext({ zaloUrl: sim.url });
    w = await buildWorld(ctx);
    await ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify("tpl-generic-1") }).where("key", "=", "template_id").execute();
    pipeline = startPipeline(ctx.deps);
  });
  afterAll(async () => {
    await pipeline?.workers.stop(5000);
    await ctx?.close();
    await sim?.close();
  });
  beforeEach(async () => {
    sim.reset(); // forgets the OA tokens it issued: ours must go too
    await ctx.deps.db.deleteFrom("zalo_oa_tokens").execute();
  });

  const list = async (who: Login) => (await ctx.app.inject({ method: "GET", url: "/api/notifications", headers: who.headers })).json<NotificationList>();
  /** A member the OA can reach with a consultation message (she wrote to the OA just now). */
  const reachableOnOa = async (who: Login, name: string) => {
    const u = sim.createUser({ name });
    sim.interact(u.oaUserId);
    await ctx.deps.db.updateTable("members").set({ zalo_oa_user_id: u.oaUserId }).where("id", "=", who.memberId).execute();
    await ctx.deps.db.insertInto("oa_interactions").values({ oa_user_id: u.oaUserId, last_interaction_at: new Date(), following: true }).execute();
    return u.oaUserId;
  };

  it("a stand-in module's notification goes out on all three channels: in the app, as an OA message, as a template message", async () => {
    // The stand-in brings its own message type, as a new module would.
    registerMessages({ vi: { testAnnouncement: { published: "Hội có thông báo mới: {{title}}. Chị mở Hội Số để đọc." } } });
    const onOa = await devLogin(ctx.app, "Hạng Thị Dợ");
    const oaUserId = await reachableOnOa(onOa, "Hạng Thị Dợ");
    const byPhone = await devLogin(ctx.app, "Tẩn Thị Mẩy");
    await ctx.deps.db.updateTable("members").set({ phone: "0987654321", consents: JSON.stringify({ zns: true }) }).where("id", "=", byPhone.memberId).execute();
    const appOnly = await devLogin(ctx.app, "Lý Thị Sài");

    const source = { module: "test-announcement", id: crypto.randomUUID() };
    const message = { type: "testAnnouncement.published", params: { title: "Lịch tiêm chủng tháng 12", code: "TB-12" } };
    const note = { source, key: "published", recipients: [onOa, byPhone, appOnly].map((m) => ({ memberId: m.memberId, ...message, link: "/tim-hieu" })) };
    const outbound = await ctx.deps.db.transaction().execute((tx) => record(tx, note));
    expect(outbound).toHaveLength(2); // the app-only member has no Zalo channel
    // Recording the same notification again writes nothing: adding twice sends once.
    expect(await ctx.deps.db.transaction().execute((tx) => record(tx, note))).toEqual([]);
    await enqueueDeliveries(ctx.deps, outbound);

    const text = "Hội có thông báo mới: Lịch tiêm chủng tháng 12. Chị mở Hội Số để đọc.";
    for (const who of [onOa, byPhone, appOnly]) {
      const items = (await list(who)).items;
      expect(items).toEqual([expect.objectContaining({ source: { ...source, link: "/tim-hieu" }, text, readAt: null })]);
    }
    const sent = await waitUntil("the OA and the template message", async () => (sim.sentMessages().length >= 2 ? sim.sentMessages() : null));
    expect(sent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "cs", userId: oaUserId, text }),
        expect.objectContaining({ kind: "template", phone: "84987654321", templateId: "tpl-generic-1", templateData: { ma: "TB-12", noi_dung: text } }),
      ]),
    );
    const rows = await waitUntil("both outbound deliveries recorded as sent", async () => {
      const r = await ctx.deps.db.selectFrom("deliveries").select(["channel", "status"]).where("source_module", "=", "test-announcement").where("channel", "!=", "in_app").execute();
      return r.every((x) => x.status === "sent") ? r : null;
    });
    expect(rows.map((r) => r.channel).sort()).toEqual(["oa_cs", "template"]);
    expect(sim.sentMessages()).toHaveLength(2);
    expect(pipeline.errors).toEqual([]);
  });

  it("a member reading in H'Mông gets H'Mông where a translation exists and Vietnamese where none does, listed and sent", async () => {
    const her = await devLogin(ctx.app, "Giàng Thị Pà");
    await ctx.deps.db.updateTable("members").set({ unit_id: w.units.chiA1.id, membership_status: "confirmed" }).where("id", "=", her.memberId).execute();
    const chose = await ctx.app.inject({ method: "PUT", url: "/api/me/language", headers: her.headers, payload: { language: "hmn" } });
    expect(chose.statusCode).toBe(200);
    const oaUserId = await reachableOnOa(her, "Giàng Thị Pà");

    const { id, trackingCode } = await submitOk(ctx, her, { kind: "feedback", category: "viec_lam", body: "Cần học nghề dệt thổ cẩm." });
    const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, id));
    const acked = await ctx.app.inject({ method: "POST", url: `/api/assignments/${a.id}/ack`, headers: w.staff.xaA.headers });
    expect(acked.statusCode).toBe(200);

    // feedback.author.forwarded has an H'Mông translation; feedback.author.acknowledged has none yet
    const forwarded = `Peb twb xa koj phản ánh ${trackingCode} mus rau Xã Bảo Thắng lawm.`;
    const acknowledged = `Xã Bảo Thắng đã tiếp nhận phản ánh ${trackingCode} của chị và đang xử lý.`;
    expect(format("hmn", "feedback.author.forwarded", { kind: "feedback", code: trackingCode, unit: "Xã Bảo Thắng" })).toBe(forwarded);
    const texts = (await list(her)).items.filter((n) => n.source.id === id).map((n) => n.text);
    expect(texts.sort()).toEqual([acknowledged, forwarded].sort());

    const sent = await waitUntil("both OA messages", async () => {
      const m = sim.sentMessages().filter((x) => x.userId === oaUserId);
      return m.length >= 2 ? m.map((x) => x.text) : null;
    });
    expect(sent.sort()).toEqual([acknowledged, forwarded].sort());

    // her timeline too: the first entry is translated, the acknowledgement is not (yet)
    const view = (await ctx.app.inject({ method: "GET", url: `/api/submissions/${id}`, headers: her.headers })).json<{ timeline: Array<{ type: string; message: string }> }>();
    expect(view.timeline.map((e) => e.message)).toEqual(["Koom Haum twb txais tau koj cov lus lawm.", "Đã chuyển đến Xã Bảo Thắng.", "Xã Bảo Thắng đã tiếp nhận và đang xử lý."]);
    // a Vietnamese reader of the same kind of notification reads Vietnamese (the check above can fail)
    expect(format("vi", "feedback.author.forwarded", { kind: "feedback", code: trackingCode, unit: "Xã Bảo Thắng" })).toBe(`Phản ánh ${trackingCode} của chị đã được chuyển đến Xã Bảo Thắng.`);
    expect(pipeline.errors).toEqual([]);
  });
});
