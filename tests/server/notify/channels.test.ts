import type { Job } from "bullmq";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { routeSubmission } from "../../../server/src/modules/feedback/pipeline.js";
import { morningAfter } from "../../../server/src/modules/notify/morning.js";
import { format } from "../../../server/src/i18n/index.js";
import { notifyQueue, type NotifyJob } from "../../../server/src/modules/notify/queue.js";
import { sendDelivery } from "../../../server/src/modules/notify/send.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, startPipeline, submitOk, waitUntil, type World } from "../feedback/world.js";

/**
 * The outbound channels against the Zalo simulator: OA consultation message inside the window, template message
 * (with phone, consent and a configured template) otherwise, retry on rate limits, fall back on window errors.
 */
describe("morningAfter (-234)", () => {
  const vn = (iso: string) => new Date(`${iso}+07:00`);
  it("is 06:00 Vietnam time after a night send, half an hour later by day", () => {
    expect(morningAfter(vn("2026-03-10T23:10:00"))).toEqual(vn("2026-03-11T06:00:00"));
    expect(morningAfter(vn("2026-03-10T02:30:00"))).toEqual(vn("2026-03-10T06:00:00"));
    expect(morningAfter(vn("2026-12-31T22:00:00"))).toEqual(vn("2027-01-01T06:00:00"));
    expect(morningAfter(vn("2026-03-10T10:00:00"))).toEqual(vn("2026-03-10T10:30:00"));
    expect(morningAfter(vn("2026-03-10T23:10:00"), 5 * 60_000)).toEqual(vn("2026-03-11T06:05:00"));
  });
});

describe("notify channels", () => {
  let sim: ZaloSimulator;
  let ctx: TestContext;
  let w: World;
  let oaUserId: string;

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
    ctx = await createTestContext({ zaloUrl: sim.url });
    w = await buildWorld(ctx);
  });
  afterAll(async () => {
    await ctx?.close();
    await sim?.close();
  });
  beforeEach(async () => {
    sim.reset(); // forgets the OA tokens it issued: ours must go too
    await ctx.deps.db.deleteFrom("zalo_oa_tokens").execute();
    const u = sim.createUser({ name: "Lò Thị Xuân Hương", phone: "84912345678" });
    oaUserId = u.oaUserId;
    await ctx.deps.db
      .updateTable("members")
      .set({ zalo_oa_user_id: oaUserId, phone: "84912345678", consents: JSON.stringify({ zns: true }) })
      .where("id", "=", w.identified.memberId)
      .execute();
    await ctx.deps.db.deleteFrom("oa_interactions").execute();
    await setting("template_id", "tpl-status-1");
  });

  const setting = (key: string, value: unknown) =>
    ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify(value) }).where("key", "=", key).execute();
  const interactedRecently = async (at = new Date()) => {
    sim.interact(oaUserId, at);
    await ctx.deps.db.insertInto("oa_interactions").values({ oa_user_id: oaUserId, last_interaction_at: at, following: true }).execute();
  };
  /** A routed submission by the identified woman; returns her outbound delivery for the "forwarded" event. */
  const herDelivery = async (anonymous = false) => {
    const { id } = await submitOk(ctx, w.identified, { kind: "feedback", category: "viec_lam", body: "Cần học nghề.", anonymous });
    await routeSubmission(ctx.deps, id);
    const d = await ctx.deps.db
      .selectFrom("deliveries as d")
      .select(["d.id", "d.channel", "d.source_id", "d.dedupe_key", "d.type", "d.params"])
      .where("d.source_module", "=", "feedback")
      .where("d.source_id", "=", id)
      .where("d.recipient_id", "=", w.identified.memberId)
      .where("d.channel", "!=", "in_app")
      .executeTakeFirstOrThrow();
    // what she reads: written out in her language (Vietnamese, she never chose another)
    return { submissionId: id, delivery: { ...d, text: format("vi", d.type, d.params as Record<string, unknown>) } };
  };
  const row = (id: string) => ctx.deps.db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  /** The template message row of the same notification (same source and dedupe key) as `d`. */
  const templateRow = (d: { source_id: string; dedupe_key: string }) =>
    ctx.deps.db
      .selectFrom("deliveries")
      .selectAll()
      .where("source_module", "=", "feedback")
      .where("source_id", "=", d.source_id)
      .where("dedupe_key", "=", d.dedupe_key)
      .where("recipient_id", "=", w.identified.memberId)
      .where("channel", "=", "template")
      .executeTakeFirst();
  /** The last of a job's attempts, as BullMQ hands it to the processor. */
  const lastAttempt = { attemptsMade: 4, opts: { attempts: 5 } } as unknown as Job<NotifyJob>;

  it("inside the window: an OA consultation message", async () => {
    await interactedRecently();
    const { delivery } = await herDelivery();
    expect(delivery.channel).toBe("oa_cs");
    expect(await sendDelivery(ctx.deps, delivery.id)).toBe("sent");
    const r = await row(delivery.id);
    expect(r.status).toBe("sent");
    expect(sim.sentMessages()).toEqual([expect.objectContaining({ kind: "cs", userId: oaUserId, text: delivery.text, messageId: r.provider_message_id })]);
    expect(await sendDelivery(ctx.deps, delivery.id)).toBe("done"); // a second run sends nothing
    expect(sim.sentMessages()).toHaveLength(1);
  });

  it("outside the window: falls back to the template message, with the delivery id as tracking id", async () => {
    const { delivery } = await herDelivery();
    expect(await sendDelivery(ctx.deps, delivery.id)).toBe("fallback");
    expect((await row(delivery.id)).status).toBe("fallback");
    const t = await templateRow(delivery);
    expect(t?.status).toBe("pending");
    expect(await sendDelivery(ctx.deps, t!.id)).toBe("sent");
    // the generic template: the reference she can quote (the tracking code) and the message in her language
    const code = (delivery.params as { code: string }).code;
    expect(sim.sentMessages()).toEqual([
      expect.objectContaining({ kind: "template", phone: "84912345678", templateId: "tpl-status-1", trackingId: t!.id, templateData: { ma: code, noi_dung: delivery.text } }),
    ]);
  });

  it("Zalo's own window error (-230) and not following (-213) fall back too", async () => {
    await interactedRecently();
    for (const code of [-230, -213]) {
      const { delivery } = await herDelivery();
      sim.failNext("/v3.0/oa/message/cs", code);
      expect(await sendDelivery(ctx.deps, delivery.id)).toBe("fallback");
      expect((await row(delivery.id)).last_error).toContain(String(code));
      expect(await templateRow(delivery)).toBeDefined();
    }
  });

  it("a rate limit (-32) is retried later; on the last attempt it falls back", async () => {
    await interactedRecently();
    const { delivery } = await herDelivery();
    sim.failNext("/v3.0/oa/message/cs", -32);
    await expect(sendDelivery(ctx.deps, delivery.id)).rejects.toThrow(/-32/);
    const pending = await row(delivery.id);
    expect([pending.status, pending.attempts]).toEqual(["pending", 1]);
    expect(await sendDelivery(ctx.deps, delivery.id)).toBe("sent");

    const second = await herDelivery();
    sim.failNext("/v3.0/oa/message/cs", -32);
    expect(await sendDelivery(ctx.deps, second.delivery.id, lastAttempt)).toBe("fallback");
  });

  it("at night (-234) the message waits for the morning, Vietnam time, instead of being dropped", async () => {
    await interactedRecently();
    const { delivery } = await herDelivery();
    // The simulator's night mode, switched on through its control API as another process would.
    await fetch(`${sim.url}/_sim/night`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ on: true }) });
    const before = Date.now();
    expect(await sendDelivery(ctx.deps, delivery.id)).toBe("night");
    const r = await row(delivery.id);
    expect(r.status).toBe("pending");
    expect(r.last_error).toContain("-234");
    expect(await templateRow(delivery)).toBeUndefined(); // not a fallback: the same message, later

    const delayed = await notifyQueue.on(ctx.deps.queues).getDelayed();
    const job = delayed.find((j) => "deliveryId" in j.data && j.data.deliveryId === delivery.id);
    expect(job).toBeDefined();
    const runAt = job!.timestamp + (job!.opts.delay ?? 0);
    const earliest = morningAfter(new Date(before)).getTime();
    expect(runAt).toBeGreaterThanOrEqual(earliest);
    expect(runAt).toBeLessThanOrEqual(earliest + 16 * 60_000);

    // Morning: the delayed job runs and the message goes out.
    await fetch(`${sim.url}/_sim/night`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ on: false }) });
    expect(await sendDelivery(ctx.deps, delivery.id, job)).toBe("sent");
    expect(sim.sentMessages()).toEqual([expect.objectContaining({ kind: "cs", userId: oaUserId })]);
  });

  it("the app's own window is an admin setting: six days after her message it sends when the setting allows 7 days", async () => {
    await interactedRecently(new Date(Date.now() - 6 * 24 * 3_600_000));
    const { delivery } = await herDelivery();
    expect(await sendDelivery(ctx.deps, delivery.id)).toBe("fallback"); // the default 48 h (cost) window
    await setting("cs_window_hours", 168);
    try {
      const second = await herDelivery();
      expect(await sendDelivery(ctx.deps, second.delivery.id)).toBe("sent"); // Zalo (the simulator) allows 7 days
    } finally {
      await setting("cs_window_hours", 48);
    }
  });

  it("a phone that is not Vietnamese fails the template delivery with PHONE_INVALID, without calling Zalo", async () => {
    await ctx.deps.db.updateTable("members").set({ zalo_oa_user_id: null, phone: "+1 415 555 0100" }).where("id", "=", w.identified.memberId).execute();
    const { delivery } = await herDelivery();
    expect(delivery.channel).toBe("template");
    expect(await sendDelivery(ctx.deps, delivery.id)).toBe("failed");
    expect((await row(delivery.id)).last_error).toContain("PHONE_INVALID");
    expect(sim.requests.filter((r) => r.path === "/message/template")).toHaveLength(0);
  });

  it("a template needs consent and a configured template id, otherwise it is skipped (the in-app row remains)", async () => {
    await ctx.deps.db.updateTable("members").set({ consents: JSON.stringify({}), zalo_oa_user_id: null }).where("id", "=", w.identified.memberId).execute();
    const a = await herDelivery();
    expect(a.delivery.channel).toBe("template");
    expect(await sendDelivery(ctx.deps, a.delivery.id)).toBe("skipped");
    expect((await row(a.delivery.id)).last_error).toMatch(/consent/);
    await ctx.deps.db.updateTable("members").set({ consents: JSON.stringify({ zns: true }) }).where("id", "=", w.identified.memberId).execute();
    await setting("template_id", "");
    const b = await herDelivery();
    expect(await sendDelivery(ctx.deps, b.delivery.id)).toBe("skipped");
    expect((await row(b.delivery.id)).last_error).toMatch(/template/);
    expect(sim.sentMessages()).toHaveLength(0);
    const inApp = await ctx.deps.db
      .selectFrom("deliveries")
      .select("status")
      .where("source_id", "=", b.delivery.source_id)
      .where("dedupe_key", "=", b.delivery.dedupe_key)
      .where("channel", "=", "in_app")
      .where("recipient_id", "=", w.identified.memberId)
      .executeTakeFirstOrThrow();
    expect(inApp.status).toBe("sent");
  });

  it("through the queue: cán bộ and woman reached on Zalo; an anonymous woman's name never in a cán bộ's message", async () => {
    const staffUser = sim.createUser({ name: "Cán bộ Xã Bảo Thắng" });
    await ctx.deps.db.updateTable("members").set({ zalo_oa_user_id: staffUser.oaUserId }).where("id", "=", w.staff.xaA.memberId).execute();
    sim.interact(staffUser.oaUserId);
    await ctx.deps.db.insertInto("oa_interactions").values({ oa_user_id: staffUser.oaUserId, last_interaction_at: new Date(), following: true }).execute();
    await interactedRecently();
    const pipeline = startPipeline(ctx.deps);
    try {
      const { id, trackingCode } = await submitOk(ctx, w.identified, { kind: "feedback", category: "viec_lam", body: "Lò Thị Xuân Hương xin giấu tên.", anonymous: true });
      const sent = await waitUntil("both messages", async () => {
        const m = sim.sentMessages().filter((x) => x.text?.includes(trackingCode));
        return m.length >= 2 ? m : null;
      });
      const toStaff = sent.find((m) => m.userId === staffUser.oaUserId);
      const toHer = sent.find((m) => m.userId === oaUserId);
      expect(toStaff?.text).toContain("Xã Bảo Thắng");
      expect(toStaff?.text).not.toContain("Lò Thị Xuân Hương");
      expect(toStaff?.text).not.toContain("84912345678");
      expect(toHer?.text).toContain("đã được chuyển đến Xã Bảo Thắng");
      // Zalo has the messages before the worker records the answer: wait for both delivery rows to settle.
      const statuses = await waitUntil("both deliveries recorded", async () => {
        const rows = await ctx.deps.db
          .selectFrom("deliveries as d")
          .select(["d.channel", "d.status"])
          .where("d.source_module", "=", "feedback")
          .where("d.source_id", "=", id)
          .where("d.channel", "=", "oa_cs")
          .execute();
        return rows.length === 2 && rows.every((r) => r.status !== "pending") ? rows : null;
      });
      expect(statuses.map((s) => s.status)).toEqual(["sent", "sent"]);
      expect(pipeline.errors).toEqual([]);
    } finally {
      await pipeline.workers.stop(5000);
    }
  });
});
