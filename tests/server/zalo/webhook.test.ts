import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { processOaEvent } from "../../../server/src/modules/zalo/events.js";
import { zaloJobs } from "../../../server/src/modules/zalo/jobs.js";
import { startWorkers } from "../../../server/src/queue/registry.js";
import { oaEventsQueue } from "../../../server/src/modules/zalo/queues.js";
import { isWithinCsWindow } from "../../../server/src/zalo/webhook.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { queueBackends } from "../../helpers/services.js";
import { waitUntil } from "../feedback/world.js";

const backends = await queueBackends();
const HOUR = 3_600_000;

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
  const send = (event: Record<string, unknown>) => {
    const s = sim.signedWebhook(event);
    return post(s.body, s.headers);
  };
  const queue = () => oaEventsQueue.on(ctx.deps.queues);
  const interaction = (oaUserId: string) =>
    ctx.deps.db.selectFrom("oa_interactions").selectAll().where("oa_user_id", "=", oaUserId).executeTakeFirst();
  const storedEvents = (oaUserId: string) => ctx.deps.db.selectFrom("oa_events").selectAll().where("oa_user_id", "=", oaUserId).execute();
  /** Runs the oa-events processor on the queued job, as a worker would. */
  const processJob = async (jobId: string) => {
    const job = await queue().getJob(jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    return processOaEvent(ctx.deps, job.data);
  };
  const followEvent = (oaUserId: string, name: "follow" | "unfollow", at: number) => ({
    event_name: name,
    oa_id: "sim-oa",
    follower: { id: oaUserId },
    source: "oa_profile",
    timestamp: String(at),
  });

  it("accepts a signed event, enqueues it once across redeliveries, and the processor stores it once", async () => {
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

    expect(await processJob("oa-msg0001abc")).toBe("stored");
    expect(await processJob("oa-msg0001abc")).toBe("duplicate");
    const stored = await storedEvents(u.oaUserId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ event_key: "oa-msg0001abc", event_name: "user_send_text", payload: { message: { text: "Chị muốn hỏi về vay vốn" } } });
    expect(stored[0]?.occurred_at.getTime()).toBe(Number(event.timestamp));

    const row = await interaction(u.oaUserId);
    expect(row?.last_interaction_at?.getTime()).toBe(Number(event.timestamp));
    expect(await isWithinCsWindow(ctx.deps.db, u.oaUserId, 48)).toBe(true);
  });

  it("dedupes events without msg_id by name, timestamp and user", async () => {
    const u = sim.createUser({ name: "Giàng Thị Say" });
    const at = Date.now() - 1000;
    const signed = sim.signedWebhook(followEvent(u.oaUserId, "follow", at));
    expect((await post(signed.body, signed.headers)).statusCode).toBe(200);
    expect((await post(signed.body, signed.headers)).statusCode).toBe(200);
    const jobId = `oa-follow-${at}-${u.oaUserId}`;
    expect((await queue().getJob(jobId))?.data.eventName).toBe("follow");
    expect(await processJob(jobId)).toBe("stored");
    expect(await processJob(jobId)).toBe("duplicate");
    expect((await interaction(u.oaUserId))?.following).toBe(true);
  });

  it("decides the follow state by the events' own time, not by arrival order", async () => {
    const u = sim.createUser({ name: "Vàng Thị Dung" });
    const t0 = Date.now() - 30 * 60_000;
    // A newer follow is processed first; the older unfollow arrives (or is retried) afterwards.
    for (const e of [followEvent(u.oaUserId, "follow", t0 + 60_000), followEvent(u.oaUserId, "unfollow", t0)]) {
      expect((await send(e)).statusCode).toBe(200);
      await processJob(`oa-${e.event_name}-${e.timestamp}-${u.oaUserId}`);
    }
    expect((await interaction(u.oaUserId))?.following).toBe(true);
    expect(await isWithinCsWindow(ctx.deps.db, u.oaUserId, 48)).toBe(true);

    const later = followEvent(u.oaUserId, "unfollow", t0 + 120_000);
    await send(later);
    await processJob(`oa-unfollow-${later.timestamp}-${u.oaUserId}`);
    expect((await interaction(u.oaUserId))?.following).toBe(false);
    expect(await isWithinCsWindow(ctx.deps.db, u.oaUserId, 48)).toBe(false);
  });

  it("accepts only the exact `mac=<lower-case hex>` signature form", async () => {
    const u = sim.createUser({ name: "Hoàng Thị Lan" });
    const { body, headers } = sim.signedWebhook(sim.textEvent(u.oaUserId, "xin chào", "msg-form-1"));
    const mac = headers["x-zevent-signature"] as string;
    const hex = mac.slice("mac=".length);
    for (const form of [`MAC=${hex}`, `mac=${hex.toUpperCase()}`, ` ${mac} `, hex, `mac= ${hex}`, `sha256=${hex}`]) {
      const res = await post(body, { ...headers, "x-zevent-signature": form });
      expect([form, res.statusCode]).toEqual([form, 401]);
    }
    expect((await post(body, headers)).statusCode).toBe(200);
  });

  it("refuses events that are too old, in the future, or carry a malformed timestamp; nothing is written or queued", async () => {
    const u = sim.createUser({ name: "Sùng Thị Mỷ" });
    const now = Date.now();
    const cases = [
      String(now - 2 * HOUR), // a replay of an old capture
      String(now + HOUR),
      "160000000000", // 12 digits, as in Zalo's own samples: read as ms it is 1975
      String(Math.floor(now / 1000)), // seconds
      "abc",
      "",
    ];
    for (const [i, timestamp] of cases.entries()) {
      const res = await send({ ...sim.textEvent(u.oaUserId, "cũ", `msg-time-${i}`), timestamp });
      expect([timestamp, res.statusCode]).toEqual([timestamp, 400]);
      expect(res.json()).toMatchObject({ code: "ZALO_EVENT_TIME_INVALID", message: expect.stringContaining("Zalo") });
      expect(await queue().getJob(`oa-msg-time-${i}`)).toBeUndefined();
    }
    expect(await interaction(u.oaUserId)).toBeUndefined();
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

  it("keeps the newest interaction time whatever the arrival order, and stores text jsonb cannot hold", async () => {
    const u = sim.createUser({ name: "Ma Thị Lan" });
    const old = String(Date.now() - 50 * 60_000);
    const recent = String(Date.now() - 10 * 60_000);
    await send({ ...sim.textEvent(u.oaUserId, "mới", "msg-new"), timestamp: recent });
    expect((await send({ ...sim.textEvent(u.oaUserId, "cũ \u0000 \ud800", "msg-old"), timestamp: old })).statusCode).toBe(200);
    await processJob("oa-msg-new");
    await processJob("oa-msg-old");
    expect((await interaction(u.oaUserId))?.last_interaction_at?.getTime()).toBe(Number(recent));
    expect(await isWithinCsWindow(ctx.deps.db, u.oaUserId, 1)).toBe(true);
    expect(await isWithinCsWindow(ctx.deps.db, u.oaUserId, 0.1)).toBe(false);
    expect((await storedEvents(u.oaUserId)).map((e) => (e.payload as { message: { text: string } }).message.text).sort()).toEqual(["cũ  \ufffd", "mới"]);
    expect(await isWithinCsWindow(ctx.deps.db, "1111111111111111111", 48)).toBe(false);
  });

  it("the oa-events worker drains the queue: nothing piles up", async () => {
    const u = sim.createUser({ name: "Lù Thị Hoa" });
    for (let i = 0; i < 5; i++) await send(sim.textEvent(u.oaUserId, `tin ${i}`, `msg-drain-${i}`));
    const errors: string[] = [];
    const workers = startWorkers(ctx.deps, [zaloJobs], (err, where) => errors.push(`${where}: ${(err as Error).message}`));
    try {
      await waitUntil("queue drained", async () => {
        const counts = await queue().getJobCounts("waiting", "active", "delayed");
        return (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) === 0 && (await storedEvents(u.oaUserId)).length === 5 ? true : null;
      });
      expect(errors).toEqual([]);
    } finally {
      await workers.stop(5000);
    }
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
      expect(await oaEventsQueue.on(ctx.deps.queues).getWaitingCount()).toBe(1);
    } finally {
      await ctx.close();
      await sim.close();
    }
  });
});
