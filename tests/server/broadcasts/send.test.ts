import type { BroadcastPreview, CancelResult, Feed, FeedItem } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { broadcastJobs, reconcileBroadcasts } from "../../../server/src/modules/broadcasts/jobs.js";
import { fanoutQueue } from "../../../server/src/modules/broadcasts/queue.js";
import { notifyJobs } from "../../../server/src/modules/notify/jobs.js";
import { notifyQueue } from "../../../server/src/modules/notify/queue.js";
import { startWorkers, type RunningWorkers } from "../../../server/src/queue/registry.js";
import { addUnit, devLogin } from "../../helpers/fixtures.js";
import { broadcastWorld, reachable, tally, waitUntil } from "./world.js";

/**
 * Thông báo end to end in one process: a xã cán bộ announces to one chi hội; the members there get it in the feed and
 * as an OA message, others nothing; preview reasons; progress with read; refusals that leave nothing behind; cancel.
 */
describe("announcements", () => {
  let sim: ZaloSimulator;
  let w: Awaited<ReturnType<typeof broadcastWorld>>;
  let workers: RunningWorkers;
  const errors: string[] = [];

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 0 });
    w = await broadcastWorld(sim);
    await w.ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify(1000) }).where("key", "=", "notify_rate_per_sec").execute();
    workers = startWorkers(w.ctx.deps, [notifyJobs, broadcastJobs], (err, where) => errors.push(`${where}: ${(err as Error).message}`));
  });
  afterAll(async () => {
    await workers?.stop(5000);
    await w?.ctx.close();
    await sim?.close();
  });

  const feed = async (h: { authorization: string }) => (await w.ctx.app.inject({ method: "GET", url: "/api/broadcasts", headers: h })).json<Feed>();
  const messagesFor = (id: string) => sim.sentMessages().filter((m) => m.text?.includes(id));

  it("reaches the chosen chi hội in the feed and on the OA, nobody else; opening marks read and the progress shows it", async () => {
    const b = await w.send(w.canBoA.headers, w.compose({ targetUnitIds: [w.chiHoiA1.id] }));
    expect(b.status).toBe("expanding");
    const done = await waitUntil("the OA message sent", async () => {
      const d = await w.detail(w.canBoA.headers, b.id);
      return d.totals.oa.sent === 1 ? d : null;
    });
    expect(done.totals.recipients).toBe(1);
    expect(messagesFor(b.id)).toHaveLength(1);
    expect(messagesFor(b.id)[0]?.text).toContain("Họp chi hội tháng 12");

    const a1 = await feed(w.memberA1.headers);
    expect(a1.unread).toBe(1);
    expect(a1.items.map((i) => i.title)).toEqual(["Họp chi hội tháng 12"]);
    expect((await feed(w.memberA2.headers)).items).toHaveLength(0);
    expect((await feed(w.memberB1.headers)).items).toHaveLength(0);
    // another member cannot open it by id
    expect((await w.ctx.app.inject({ method: "GET", url: `/api/broadcasts/${b.id}`, headers: w.memberB1.headers })).statusCode).toBe(404);

    const open = await w.ctx.app.inject({ method: "GET", url: `/api/broadcasts/${b.id}`, headers: w.memberA1.headers });
    expect(open.json<FeedItem>().body).toContain("nhà văn hóa thôn");
    expect((await w.ctx.app.inject({ method: "POST", url: `/api/broadcasts/${b.id}/read`, headers: w.memberA1.headers })).statusCode).toBe(200);
    expect((await feed(w.memberA1.headers)).unread).toBe(0);
    const after = await w.detail(w.canBoA.headers, b.id);
    expect(after.units.map((u) => [u.unit.name, u.recipients, u.read, u.oa.sent])).toEqual([[w.chiHoiA1.name, 1, 1, 1]]);
    // the province admin sees it; the other xã's cán bộ does not
    expect((await w.ctx.app.inject({ method: "GET", url: `/api/admin/broadcasts/${b.id}`, headers: w.admin.headers })).statusCode).toBe(200);
    expect((await w.ctx.app.inject({ method: "GET", url: `/api/admin/broadcasts/${b.id}`, headers: w.canBoB.headers })).statusCode).toBe(404);
    await reconcileBroadcasts(w.ctx.deps);
    expect((await w.detail(w.canBoA.headers, b.id)).status).toBe("done");
    expect(errors).toEqual([]);
  });

  it("previews each channel with the reasons, and the chunks follow the same rules", async () => {
    const p = await w.ctx.app.inject({ method: "POST", url: "/api/admin/broadcasts/preview", headers: w.admin.headers, payload: { unitId: w.tree.tinh.id, targetUnitIds: [w.tree.xaB.id] } });
    const base = p.json<BroadcastPreview>();
    // xã B: member B1 (reachable) and cán bộ B (no OA id)
    const people = [await devLogin(w.ctx.app, "Sần Thị Ngân"), await devLogin(w.ctx.app, "Chảo Thị Lở"), await devLogin(w.ctx.app, "Lý Thị Sử")];
    for (const m of people) await w.ctx.deps.db.updateTable("members").set({ unit_id: w.chiHoiB1.id }).where("id", "=", m.memberId).execute();
    const unfollowed = await reachable(w.ctx.deps, sim, people[0]!.memberId);
    await w.ctx.deps.db.updateTable("oa_interactions").set({ following: false }).where("oa_user_id", "=", unfollowed).execute();
    const old = await reachable(w.ctx.deps, sim, people[1]!.memberId);
    await w.ctx.deps.db.updateTable("oa_interactions").set({ last_interaction_at: new Date(Date.now() - 9 * 24 * 3_600_000) }).where("oa_user_id", "=", old).execute();
    // people[2]: no OA id, no phone
    const res = await w.ctx.app.inject({
      method: "POST",
      url: "/api/admin/broadcasts/preview",
      headers: w.admin.headers,
      payload: { unitId: w.tree.tinh.id, targetUnitIds: [w.tree.xaB.id], channels: ["oa", "zns"], urgent: true },
    });
    expect(res.statusCode).toBe(200);
    const pv = res.json<BroadcastPreview>();
    expect(pv.total).toBe(base.total + 3);
    expect(pv.channels.in_app.count).toBe(pv.total);
    expect(pv.channels.oa.count).toBe(base.channels.oa.count);
    expect(pv.channels.oa.reasons).toMatchObject({ unfollowed: 1, outside_window: 1 });
    expect(pv.channels.oa.reasons.no_oa_id).toBe((base.channels.oa.reasons.no_oa_id ?? 0) + 1);
    // no template is configured, and nobody consented
    expect(pv.channels.zns.count).toBe(0);
    expect(pv.channels.zns.reasons.by_oa).toBe(pv.channels.oa.count);

    const b = await w.send(w.admin.headers, w.compose({ unitId: w.tree.tinh.id, targetUnitIds: [w.tree.xaB.id] }));
    await waitUntil("sent", async () => ((await w.detail(w.admin.headers, b.id)).totals.oa.sent === pv.channels.oa.count ? true : null));
    const d = await w.detail(w.admin.headers, b.id);
    expect(d.totals.recipients).toBe(pv.total);
    expect(d.totals.oa.failed).toMatchObject({ unfollowed: 1, outside_window: 1 });
  });

  it("refuses an audience outside her subtree (403) and bad input (400), leaving nothing behind and nothing queued", async () => {
    const count = async () => Number((await w.ctx.deps.db.selectFrom("broadcasts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    // the jobs' ids, not their count: the retention may drop an earlier test's finished job meanwhile
    const jobs = async () => {
      const all = await fanoutQueue.on(w.ctx.deps.queues).getJobs(["waiting", "delayed", "active", "completed", "failed"], 0, 10_000);
      return all.map((j) => j.id);
    };
    const before = { rows: await count(), jobs: await jobs() };
    const post = (payload: unknown, h = w.canBoA.headers) => w.ctx.app.inject({ method: "POST", url: "/api/admin/broadcasts", headers: h, payload: payload as object });
    const draftRes = await w.ctx.app.inject({
      method: "POST",
      url: "/api/admin/articles",
      headers: w.canBoA.headers,
      payload: { kind: "nghi_quyet", unitId: w.tree.xaA.id, variants: [{ language: "vi", title: "Bản nháp", body: "Chưa đăng." }] },
    });
    const draftId = draftRes.json<{ id: string }>().id;

    const cases: Array<[number, string | undefined, unknown]> = [
      [403, "FORBIDDEN", w.compose({ unitId: w.tree.xaB.id })],
      [403, "FORBIDDEN", w.compose({ targetUnitIds: [w.chiHoiB1.id] })],
      [403, "FORBIDDEN", w.compose({ unitId: w.tree.tinh.id })],
      [400, "BROADCAST_TEXT_INVALID", w.compose({ body: "   " })],
      [400, "BROADCAST_TEXT_INVALID", w.compose({ title: "" })],
      [400, "BROADCAST_TIME_PAST", w.compose({ sendAt: new Date(Date.now() - 60_000).toISOString() })],
      [400, "BROADCAST_LINK_INVALID", w.compose({ link: { kind: "article", id: draftId } })],
      [400, "BROADCAST_LINK_INVALID", w.compose({ link: { kind: "guide", id: crypto.randomUUID() } })],
      [400, "BROADCAST_CHANNEL_INVALID", w.compose({ channels: ["zns"] })],
      [400, undefined, { ...w.compose(), who: "everyone" }],
    ];
    for (const [status, code, payload] of cases) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      const body = res.json<{ code: string; message: string }>();
      if (code) expect(body.code).toBe(code);
      expect(body.message).toMatch(/[à-ỹ]/); // Vietnamese
    }
    expect(await count()).toBe(before.rows);
    expect((await jobs()).filter((id) => !before.jobs.includes(id))).toEqual([]);
    // a member without a role cannot send at all
    expect((await post(w.compose(), w.memberA1.headers)).statusCode).toBe(403);
  });

  it("Zalo's refusals decide: -213 recorded as unfollowed with no template unless she chose ZNS; urgent + ZNS falls back for a consenting member", async () => {
    const unit = await addUnit(w.ctx.deps.db, w.tree.xaA, "chi_hoi", "Chi hội thôn Sơn Hải");
    const m = await devLogin(w.ctx.app, "Ly Thị Chờ");
    await w.ctx.deps.db.updateTable("members").set({ unit_id: unit.id, consents: JSON.stringify({ zns: true }) }).where("id", "=", m.memberId).execute();
    const oaId = await reachable(w.ctx.deps, sim, m.memberId);
    await w.ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify("tpl-thong-bao") }).where("key", "=", "template_id").execute();

    // she unfollowed on Zalo's side before our webhook said so: Zalo answers -213
    sim.setFollowing(oaId, false);
    const plain = await w.send(w.canBoA.headers, w.compose({ targetUnitIds: [unit.id], title: "Tin thường" }));
    const d1 = await waitUntil("settled", async () => {
      const d = await w.detail(w.canBoA.headers, plain.id);
      return d.totals.oa.queued === 0 && d.totals.recipients === 1 ? d : null;
    });
    expect(d1.totals.oa.failed).toEqual({ unfollowed: 1 });
    expect((await tally(w.ctx.deps, plain.id))["template:pending"]).toBeUndefined();
    expect(Object.keys(await tally(w.ctx.deps, plain.id)).filter((k) => k.startsWith("template"))).toEqual([]);

    const urgent = await w.send(w.canBoA.headers, w.compose({ targetUnitIds: [unit.id], title: "Tin khẩn", urgent: true, channels: ["oa", "zns"] }));
    const d2 = await waitUntil("the template message sent", async () => {
      const d = await w.detail(w.canBoA.headers, urgent.id);
      return d.totals.zns.sent === 1 ? d : null;
    });
    expect(d2.totals.oa.failed).toEqual({ unfollowed: 1 });
    const tpl = sim.sentMessages().filter((x) => x.kind === "template" && x.templateId === "tpl-thong-bao");
    expect(tpl).toHaveLength(1);
    expect(String(tpl[0]?.templateData?.noi_dung)).toContain("Tin khẩn");
    await w.ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify("") }).where("key", "=", "template_id").execute();
  });

  it("cancel: nothing is sent after the cancel is acknowledged", async () => {
    // the OA answers slowly, so the announcement is still going out when she cancels
    const members = [];
    for (let i = 0; i < 30; i++) {
      const m = await devLogin(w.ctx.app, `Hội viên hủy ${i}`);
      await w.ctx.deps.db.updateTable("members").set({ unit_id: w.chiHoiA2.id }).where("id", "=", m.memberId).execute();
      await reachable(w.ctx.deps, sim, m.memberId);
      members.push(m);
    }
    sim.setDelay("/v3.0/oa/message/cs", 150);
    // a slow OA budget too: sends are claimed a few at a time (notify/send.ts), so most rows are still waiting at the cancel
    const rate = (v: number) => w.ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify(v) }).where("key", "=", "notify_rate_per_sec").execute();
    await rate(10);
    const b = await w.send(w.canBoA.headers, w.compose({ targetUnitIds: [w.chiHoiA2.id], title: "Sẽ hủy" }));
    await waitUntil("some sent", async () => messagesFor(b.id).length >= 3);
    const res = await w.ctx.app.inject({ method: "POST", url: `/api/admin/broadcasts/${b.id}/cancel`, headers: w.canBoA.headers });
    expect(res.statusCode).toBe(200);
    const atAck = messagesFor(b.id).length;
    expect(res.json<CancelResult>().cancelled).toBeGreaterThan(0);
    // every job still queued runs (and finds the row skipped): then nothing more can come
    await waitUntil("notify queue drained", async () => {
      const c = await notifyQueue.on(w.ctx.deps.queues).getJobCounts("waiting", "active", "delayed");
      return (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0;
    });
    expect(messagesFor(b.id).length).toBe(atAck);
    const t = await tally(w.ctx.deps, b.id);
    expect(t["oa_cs:pending"] ?? 0).toBe(0);
    expect(t["oa_cs:sent"]).toBe(atAck);
    const d = await w.detail(w.canBoA.headers, b.id);
    expect(d.status).toBe("cancelled");
    expect(d.totals.oa.failed.cancelled).toBe(res.json<CancelResult>().cancelled);
    sim.setDelay("/v3.0/oa/message/cs", 0);
    await rate(1000);
    expect((await w.ctx.app.inject({ method: "POST", url: `/api/admin/broadcasts/${b.id}/cancel`, headers: w.canBoA.headers })).statusCode).toBe(409);
  });
});
