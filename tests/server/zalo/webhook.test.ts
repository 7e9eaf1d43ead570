import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { OA_EVENTS_QUEUE, isWithinCsWindow, type OaEventJob } from "../../../server/src/zalo/webhook.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { queueBackends } from "../../helpers/services.js";

const backends = await queueBackends();

describe.each(backends)("OA webhook (%s queue)", (backend) => {
  let sim: ZaloSimulator;
  let ctx: TestContext;

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret" });
    ctx = await createTestContext({ backend, zaloUrl: sim.url });
  });
  afterAll(async () => {
    await ctx?.close();
    await sim?.close();
  });

  const post = (body: string, headers: Record<string, string>) =>
    ctx.app.inject({ method: "POST", url: "/api/zalo/webhook", headers, payload: body });
  const queue = () => ctx.deps.queues.queue<OaEventJob>(OA_EVENTS_QUEUE);
  const interaction = (oaUserId: string) =>
    ctx.deps.db.selectFrom("oa_interactions").selectAll().where("oa_user_id", "=", oaUserId).executeTakeFirst();

  it("accepts a signed event, records the interaction and enqueues it once across redeliveries", async () => {
    const u = sim.createUser({ name: "Lò Thị Mai" });
    const event = sim.textEvent(u.oaUserId, "Chị muốn hỏi về vay vốn", "msg0001abc");
    const { body, headers } = sim.signedWebhook(event);
    const first = await post(body, headers);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ ok: true });
    expect((await post(body, headers)).statusCode).toBe(200);

    expect(await queue().getWaitingCount()).toBe(1);
    const job = await queue().getJob("oa-msg0001abc");
    expect(job?.data).toMatchObject({ eventName: "user_send_text", oaUserId: u.oaUserId, event: { message: { text: "Chị muốn hỏi về vay vốn" } } });
    // The id survives as the exact digit string.
    expect(job?.data.event.sender).toEqual({ id: u.oaUserId });

    const row = await interaction(u.oaUserId);
    expect(row?.last_interaction_at?.getTime()).toBe(Number(event.timestamp));
    expect(await isWithinCsWindow(ctx.deps.db, u.oaUserId, 48)).toBe(true);
  });

  it("dedupes events without msg_id by name, timestamp and user", async () => {
    const u = sim.createUser({ name: "Giàng Thị Say" });
    const signed = sim.signedWebhook({ event_name: "follow", oa_id: "sim-oa", follower: { id: u.oaUserId }, source: "oa_profile", timestamp: "1760000000000" });
    expect((await post(signed.body, signed.headers)).statusCode).toBe(200);
    expect((await post(signed.body, signed.headers)).statusCode).toBe(200);
    const job = await queue().getJob(`oa-follow-1760000000000-${u.oaUserId}`);
    expect(job?.data.eventName).toBe("follow");
    expect((await interaction(u.oaUserId))?.following).toBe(true);
  });

  it("rejects a bad signature, a tampered body and a re-serialised body with 401 and writes nothing", async () => {
    const u = sim.createUser({ name: "Hoàng Thị Lan" });
    const { body, headers } = sim.signedWebhook(sim.textEvent(u.oaUserId, "xin chào", "msg-bad-1"));
    const before = await queue().getJobCounts("waiting");
    const attempts = [
      post(body, { ...headers, "x-zevent-signature": `mac=${"0".repeat(64)}` }),
      post(body, { "content-type": "application/json" }),
      post(body.replace("xin chào", "xin chao"), headers),
      post(JSON.stringify(JSON.parse(body), null, 1), headers),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: "ZALO_SIGNATURE_INVALID", message: expect.stringContaining("Zalo") });
    }
    expect(await queue().getJobCounts("waiting")).toEqual(before);
    expect(await queue().getJob("oa-msg-bad-1")).toBeUndefined();
    expect(await interaction(u.oaUserId)).toBeUndefined();
  });

  it("answers 400 for a body that is not JSON", async () => {
    const res = await post("not json", { "content-type": "application/json", "x-zevent-signature": "mac=00" });
    expect(res.statusCode).toBe(400);
  });

  it("keeps the newest interaction time and closes the window on unfollow", async () => {
    const u = sim.createUser({ name: "Sùng Thị Mỷ" });
    const old = String(Date.now() - 60 * 3_600_000);
    const recent = String(Date.now() - 3_600_000);
    const send = (event: Record<string, unknown>) => {
      const s = sim.signedWebhook(event);
      return post(s.body, s.headers);
    };
    await send({ ...sim.textEvent(u.oaUserId, "mới", "msg-new"), timestamp: recent });
    await send({ ...sim.textEvent(u.oaUserId, "cũ", "msg-old"), timestamp: old });
    expect((await interaction(u.oaUserId))?.last_interaction_at?.getTime()).toBe(Number(recent));
    expect(await isWithinCsWindow(ctx.deps.db, u.oaUserId, 48)).toBe(true);
    expect(await isWithinCsWindow(ctx.deps.db, u.oaUserId, 0.5)).toBe(false);
    await send({ event_name: "unfollow", oa_id: "sim-oa", follower: { id: u.oaUserId }, timestamp: String(Date.now()) });
    expect(await isWithinCsWindow(ctx.deps.db, u.oaUserId, 48)).toBe(false);
    expect(await isWithinCsWindow(ctx.deps.db, "1111111111111111111", 48)).toBe(false);
  });

  it("leaves JSON parsing of the other routes alone", async () => {
    const res = await ctx.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Chị Thử" } });
    expect(res.statusCode).toBe(200);
  });
});

describe("webhook delivered by the simulator over HTTP", () => {
  it("reaches a listening server through POST /_sim/webhook", async () => {
    const sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret" });
    const ctx = await createTestContext({ zaloUrl: sim.url });
    try {
      const address = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
      const u = sim.createUser({ name: "Lù Thị Hoa" });
      const res = await fetch(`${sim.url}/_sim/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ target: `${address}/api/zalo/webhook`, oaUserId: u.oaUserId, text: "Chào Hội" }),
      });
      expect(await res.json()).toMatchObject({ status: 200 });
      expect(await ctx.deps.queues.queue(OA_EVENTS_QUEUE).getWaitingCount()).toBe(1);
    } finally {
      await ctx.close();
      await sim.close();
    }
  });
});
