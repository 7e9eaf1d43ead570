import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { feedbackJobs } from "../../../server/src/modules/feedback/jobs.js";
import { notifyJobs } from "../../../server/src/modules/notify/jobs.js";
import { safetyJobs } from "../../../server/src/modules/safety/jobs.js";
import { checkAcknowledged } from "../../../server/src/modules/safety/escalation.js";
import { ackCheckJobOptions, ackCheckQueue } from "../../../server/src/modules/safety/queues.js";
import { startWorkers, type RunningWorkers } from "../../../server/src/queue/registry.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin, grant } from "../../helpers/fixtures.js";
import { queueBackends } from "../../helpers/services.js";
import { buildWorld, waitUntil, type Login, type World } from "../feedback/world.js";

const NEUTRAL = "Chị có thông báo mới từ Hội.";
const SECRET = "Chồng em đang say rượu và đập phá đồ đạc";

/**
 * An urgent report against the Zalo simulator, with the real workers: the xã's cán bộ on call are alerted on every
 * channel at once (OA message and template message), nobody else's phone says what happened, and when nobody
 * acknowledges within the setting the province is brought in and alerted the same way.
 */
const backends = await queueBackends();

describe.each(backends)("safety: urgent report on the %s queue backend", (backend) => {
  let sim: ZaloSimulator;
  let ctx: TestContext;
  let w: World;
  let workers: RunningWorkers;
  const errors: string[] = [];
  let offDuty: Login;
  const reachable: Record<string, { oaUserId: string; phone: string }> = {};

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
    ctx = await createTestContext({ zaloUrl: sim.url, backend });
    w = await buildWorld(ctx);
    offDuty = await devLogin(ctx.app, "Cán bộ Xã nghỉ trực");
    await grant(ctx.deps.db, offDuty.memberId, w.units.xaA.id, "can_bo");
    await ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify("tpl-status-1") }).where("key", "=", "template_id").execute();
    // The cán bộ of xã A (on call), the one off duty, and the province's: each reachable on Zalo by OA message and phone.
    for (const [key, who, phone] of [
      ["xaA", w.staff.xaA, "84911000001"],
      ["off", offDuty, "84911000002"],
      ["tinh", w.staff.tinh, "84911000003"],
    ] as const) {
      const u = sim.createUser({ name: key, phone });
      reachable[key] = { oaUserId: u.oaUserId, phone };
      await ctx.deps.db
        .updateTable("members")
        .set({ zalo_oa_user_id: u.oaUserId, phone, consents: JSON.stringify({ zns: true }) })
        .where("id", "=", who.memberId)
        .execute();
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
    workers = startWorkers(ctx.deps, [feedbackJobs, notifyJobs, safetyJobs], (err, where) => errors.push(`${where}: ${(err as Error).message}`));
  });
  afterAll(async () => {
    await workers?.stop(10_000);
    await ctx?.close();
    await sim?.close();
  });
  beforeEach(async () => {
    // A long acknowledgement window unless a test shortens it.
    await ctx.deps.db.updateTable("safety_settings").set({ value: JSON.stringify(60) }).where("key", "=", "ack_minutes").execute();
  });

  const sendUrgent = async (payload: Record<string, unknown> = {}) => {
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/safety/urgent",
      headers: w.identified.headers,
      payload: { what: SECRET, where: "Nhà em cạnh trường mầm non", callbackPhone: "0912 345 678", ...payload },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; trackingCode: string; alerted: number }>();
  };
  /** Messages the simulator received for one of the cán bộ, since the `mark`-th message. */
  const sentTo = (key: string, kind: "cs" | "template", mark = 0) =>
    sim.sentMessages().slice(mark).filter((m) => (kind === "cs" ? m.userId === reachable[key]!.oaUserId : m.phone === reachable[key]!.phone) && m.kind === kind);
  const assignmentAt = (submissionId: string, unitId: string) =>
    ctx.deps.db.selectFrom("assignments").selectAll().where("submission_id", "=", submissionId).where("unit_id", "=", unitId).executeTakeFirst();

  it("alerts the xã's cán bộ on call on every channel at once, with no content; she herself is told only the neutral sentence", async () => {
    const mark = sim.sentMessages().length;
    const r = await sendUrgent();
    expect(r.alerted).toBe(1);
    await waitUntil("the on-call alert on both Zalo channels", async () => sentTo("xaA", "cs", mark).length > 0 && sentTo("xaA", "template", mark).length > 0);
    const [cs] = sentTo("xaA", "cs", mark);
    const [tpl] = sentTo("xaA", "template", mark);
    expect(cs!.text).toContain("KHẨN");
    expect(cs!.text).toContain(r.trackingCode);
    expect(cs!.text).not.toContain("say rượu");
    expect(String(tpl!.templateData?.noi_dung)).toBe(cs!.text);
    // in the app too, first in her inbox, in red (urgent)
    const inbox = await ctx.app.inject({ method: "GET", url: "/api/inbox", headers: w.staff.xaA.headers });
    expect(inbox.json<{ items: Array<{ submissionId: string; urgent: boolean }> }>().items[0]).toMatchObject({ submissionId: r.id, urgent: true });
    // the cán bộ off duty is not alerted
    expect(sentTo("off", "cs", mark)).toEqual([]);
    const offRows = await ctx.deps.db.selectFrom("deliveries").select("id").where("recipient_id", "=", offDuty.memberId).where("source_id", "=", r.id).execute();
    expect(offRows).toEqual([]);
    // the woman's own notifications say nothing about the item
    const mine = await ctx.app.inject({ method: "GET", url: "/api/notifications", headers: w.identified.headers });
    const texts = mine.json<{ items: Array<{ text: string; source: { id: string } }> }>().items.filter((i) => i.source.id === r.id).map((i) => i.text);
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).toBe(NEUTRAL);
    expect(sim.sentMessages().filter((m) => m.userId === undefined && m.phone === "84912345678")).toEqual([]);
    // the callback number is there for the cán bộ, read under audit
    const before = await ctx.deps.db.selectFrom("audit_log").select("id").where("entity_id", "=", r.id).execute();
    const view = await ctx.app.inject({ method: "GET", url: `/api/safety/reports/${r.id}`, headers: w.staff.xaA.headers });
    expect(view.json()).toMatchObject({ callbackPhone: "84912345678", where: "Nhà em cạnh trường mầm non", location: null });
    const after = await ctx.deps.db.selectFrom("audit_log").select("id").where("entity_id", "=", r.id).execute();
    expect(after.length).toBe(before.length + 1);
    // her own Zalo phone is not offered for an urgent item (it may be in the hands of the person she reports)
    const xa = await assignmentAt(r.id, w.units.xaA.id);
    const detail = await ctx.app.inject({ method: "GET", url: `/api/assignments/${xa!.id}`, headers: w.staff.xaA.headers });
    expect(detail.json<{ author: { phone: string | null }; submission: { urgent: boolean } }>()).toMatchObject({ author: { phone: null }, submission: { urgent: true } });
    // a cán bộ of another commune sees nothing
    const other = await ctx.app.inject({ method: "GET", url: `/api/safety/reports/${r.id}`, headers: w.staff.xaB.headers });
    expect(other.statusCode).toBe(403);
  });

  it("escalates to the province, alerted on every channel, when nobody acknowledges in time", async () => {
    // 0.02 minutes: the check comes due about a second after the alert (the setting's form allows whole minutes).
    await ctx.deps.db.updateTable("safety_settings").set({ value: JSON.stringify(0.02) }).where("key", "=", "ack_minutes").execute();
    const mark = sim.sentMessages().length;
    const r = await sendUrgent();
    const tinh = await waitUntil("the province's assignment", () => assignmentAt(r.id, w.units.tinh.id), 30_000);
    expect(tinh.reason).toBe("escalation");
    await waitUntil("the province alerted on both channels", async () => sentTo("tinh", "cs", mark).length > 0 && sentTo("tinh", "template", mark).length > 0, 30_000);
    expect(sentTo("tinh", "cs", mark)[0]!.text).toContain("chưa được Xã Bảo Thắng xác nhận");
    const xa = await assignmentAt(r.id, w.units.xaA.id);
    expect(xa?.escalated_at).not.toBeNull();
    // a second check, as a duplicate job or the reconciler would run it, changes nothing
    const assignments = await ctx.deps.db.selectFrom("assignments").select("id").where("submission_id", "=", r.id).execute();
    expect(await checkAcknowledged(ctx.deps, xa!.id)).toBe("no-op");
    expect(await ctx.deps.db.selectFrom("assignments").select("id").where("submission_id", "=", r.id).execute()).toHaveLength(assignments.length);
    expect(errors).toEqual([]);
  });

  it("a lost acknowledgement check is made by the reconciler", async () => {
    const r = await sendUrgent();
    const xa = await waitUntil("the xã's assignment", () => assignmentAt(r.id, w.units.xaA.id));
    const alert = await ctx.deps.db.selectFrom("safety_alerts").selectAll().where("assignment_id", "=", xa.id).executeTakeFirstOrThrow();
    // the delayed job is gone (a flushed queue, say) and the deadline has passed
    const job = await ackCheckQueue.on(ctx.deps.queues).getJob(ackCheckJobOptions(xa.id, alert.ack_due_at).jobId);
    expect(job).toBeDefined();
    await job!.remove();
    await ctx.deps.db.updateTable("safety_alerts").set({ ack_due_at: new Date(Date.now() - 60_000) }).where("assignment_id", "=", xa.id).execute();
    const tinh = await waitUntil("the province brought in by the reconciler", () => assignmentAt(r.id, w.units.tinh.id), 30_000);
    expect(tinh.reason).toBe("escalation");
  });

  it("an acknowledged alert brings nobody else in", async () => {
    const r = await sendUrgent();
    const xa = await waitUntil("the xã's assignment", () => assignmentAt(r.id, w.units.xaA.id));
    const ack = await ctx.app.inject({ method: "POST", url: `/api/assignments/${xa.id}/ack`, headers: w.staff.xaA.headers });
    expect(ack.statusCode, ack.body).toBe(200);
    // run the check as if its deadline had passed
    expect(await checkAcknowledged(ctx.deps, xa.id, new Date(Date.now() + 3 * 3_600_000))).toBe("no-op");
    expect(await assignmentAt(r.id, w.units.tinh.id)).toBeUndefined();
    const view = await ctx.app.inject({ method: "GET", url: `/api/safety/reports/${r.id}`, headers: w.staff.xaA.headers });
    const alerts = view.json<{ alerts: Array<{ acknowledgedAt: string | null; minutesToAck: number | null; escalatedAt: string | null }> }>().alerts;
    expect(alerts[0]).toMatchObject({ escalatedAt: null });
    expect(alerts[0]!.acknowledgedAt).not.toBeNull();
    expect(alerts[0]!.minutesToAck).not.toBeNull();
  });

  it("stores her location only when she shared it, for that item only", async () => {
    const user = sim.createUser({ name: "Lò Thị Xuân Hương", phone: "84912345678" });
    const token = sim.locationToken(user.id, 22.4856, 103.9707);
    const r = await sendUrgent({ location: { token, accessToken: user.accessToken } });
    const row = await ctx.deps.db.selectFrom("safety_reports").selectAll().where("submission_id", "=", r.id).executeTakeFirstOrThrow();
    expect([row.location_lat, row.location_lng]).toEqual([22.4856, 103.9707]);
    const me = await ctx.deps.db.selectFrom("members").selectAll().where("id", "=", w.identified.memberId).executeTakeFirstOrThrow();
    expect(JSON.stringify(me)).not.toContain("22.48");
    // a used token: refused with its own code, nothing written
    const count = async () => Number((await ctx.deps.db.selectFrom("submissions").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const n = await count();
    const again = await ctx.app.inject({
      method: "POST",
      url: "/api/safety/urgent",
      headers: w.identified.headers,
      payload: { what: SECRET, location: { token, accessToken: user.accessToken } },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: "SAFETY_LOCATION_FAILED", field: "location" });
    expect(await count()).toBe(n);
  });

  it("a woman with no commune is sent to the hotlines, nothing is written", async () => {
    const lost = await devLogin(ctx.app, "Chị chưa chọn xã");
    const res = await ctx.app.inject({ method: "POST", url: "/api/safety/urgent", headers: lost.headers, payload: { what: SECRET } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "SAFETY_NO_COMMUNE" });
    expect(res.json<{ message: string }>().message).toContain("113");
  });
});
