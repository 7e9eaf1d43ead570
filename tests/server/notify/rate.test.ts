import crypto from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { record } from "../../../server/src/modules/notify/outbox.js";
import { enqueueDeliveries, notifyQueue } from "../../../server/src/modules/notify/queue.js";
import { takeBudget } from "../../../server/src/modules/notify/rate.js";
import { OaTokenStore } from "../../../server/src/zalo/oa-tokens.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin } from "../../helpers/fixtures.js";
import { startServerProcess, type ServerProcess } from "../../helpers/process.js";
import { queueBackends } from "../../helpers/services.js";
import { waitUntil } from "../feedback/world.js";

const backends = await queueBackends();
/**
 * The configured rate (messages per second for the whole deployment) and how many messages are sent. A low rate on
 * purpose: the bucket then holds a second's worth (its burst of 2), so a worker process the busy test machine holds
 * back for up to a second loses no budget, and what is measured is the budget's pace, not the machine's load.
 */
const RATE = 2;
const N = 24;
const WINDOW_MS = 2000;
/**
 * What a window may hold beyond the rate: the budget's burst (a token bucket of greatest(2, rate / 5) tokens, migration
 * 081: 2 at this rate) and one for arrival jitter, since the simulator times sends when they arrive.
 */
const SLACK = 3;

/**
 * One sending rate for the whole deployment: two worker processes (server/src/main.ts --role=worker) send N OA
 * messages to the Zalo simulator, and the simulator's own arrival times show the configured rate kept across both —
 * not twice it, as a limiter per process would allow, and not short of it (the old 100 ms windows gave 14/s of 20/s).
 */
describe.each(backends)("the sending rate is shared by every worker process, on the %s backend", (backend) => {
  let sim: ZaloSimulator;
  let ctx: TestContext;
  const children: ServerProcess[] = [];

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
    ctx = await createTestContext({ backend, zaloUrl: sim.url });
    await ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify(RATE) }).where("key", "=", "notify_rate_per_sec").execute();
    // The OA token pair the workers will share through the database (as after an admin connected the OA).
    await new OaTokenStore(ctx.deps).accessToken();
  });
  afterAll(async () => {
    for (const c of children) await c.stop("SIGKILL");
    await ctx?.close();
    await sim?.close();
  });

  const worker = () => {
    const env: Record<string, string> = {
      NODE_ENV: "test",
      DATABASE_URL: ctx.config.databaseUrl as string,
      QUEUE_BACKEND: backend,
      QUEUE_PREFIX: ctx.config.queuePrefix,
      ZALO_SIMULATOR: "false",
      ZALO_APP_ID: "sim-app",
      ZALO_APP_SECRET: "sim-app-secret",
      ZALO_OA_ID: "sim-oa",
      ZALO_OA_SECRET: "sim-oa-secret",
      ZALO_GRAPH_URL: sim.url,
      ZALO_OPENAPI_URL: sim.url,
      ZALO_OAUTH_URL: sim.url,
      ZALO_TEMPLATE_URL: sim.url,
      LOG_LEVEL: "silent",
      WORKER_CONCURRENCY: "4",
    };
    if (ctx.config.redisUrl) env.REDIS_URL = ctx.config.redisUrl;
    const p = startServerProcess(env, ["--role=worker"]);
    children.push(p);
    return p;
  };

  it(`two workers together send at most ${RATE} a second`, async () => {
    const member = await devLogin(ctx.app, "Sùng Thị Chá");
    const u = sim.createUser({ name: "Sùng Thị Chá" });
    sim.interact(u.oaUserId);
    await ctx.deps.db.updateTable("members").set({ zalo_oa_user_id: u.oaUserId }).where("id", "=", member.memberId).execute();
    await ctx.deps.db.insertInto("oa_interactions").values({ oa_user_id: u.oaUserId, last_interaction_at: new Date(), following: true }).execute();

    // a limiter left on the queue by an earlier version (it counted jobs, not messages) is removed by the workers
    const queue = notifyQueue.on(ctx.deps.queues);
    await queue.setGlobalRateLimit(1, 100);
    const started = [worker(), worker()];
    await Promise.all(started.map((p) => p.waitFor(/bộ xử lý hàng đợi/, 90_000)));
    await waitUntil("the workers to remove the old limiter", async () => (await queue.getGlobalRateLimit()) === null, 30_000, 50);

    // N notifications from a stand-in source, all to her on the OA, queued at once.
    const source = { module: "test-rate", id: crypto.randomUUID() };
    const ids = await ctx.deps.db.transaction().execute((tx) =>
      record(
        tx,
        Array.from({ length: N }, (_, i) => ({
          source,
          key: `n${i}`,
          recipients: [{ memberId: member.memberId, type: "legacy.text", params: { text: `Tin số ${i}` }, link: "/thong-bao" }],
        })),
      ),
    );
    expect(ids).toHaveLength(N);
    expect(await enqueueDeliveries(ctx.deps, ids)).toBe(N);

    const sent = await waitUntil("every message sent", async () => (sim.sentMessages().length >= N ? sim.sentMessages() : null), 120_000, 200);
    expect(sent.map((m) => m.text).sort()).toEqual(Array.from({ length: N }, (_, i) => `Tin số ${i}`).sort()); // each once
    const times = sent.map((m) => m.at.getTime()).sort((x, y) => x - y);
    const busiest = Math.max(...times.map((t) => times.filter((s) => s >= t && s < t + WINDOW_MS).length));
    expect(busiest).toBeLessThanOrEqual((RATE * WINDOW_MS) / 1000 + SLACK);
    // and the rate is reached, not undershot, over the middle 80 % of the messages. Not to 5 % here: the bucket may
    // rightly spend its burst of 2 inside so short a span (6 % of 19 sends); `npm run bench:broadcast` measures the
    // achieved rate to 5 % over thousands of sends. 80 % still fails a limiter per process window (the old one gave 70 %).
    const lo = Math.floor(N * 0.1);
    const hi = Math.floor(N * 0.9);
    const achieved = ((hi - lo) * 1000) / (times[hi]! - times[lo]!);
    expect(achieved, `achieved ${achieved.toFixed(2)}/s`).toBeGreaterThanOrEqual(0.8 * RATE);
    for (const c of children) expect(c.output()).not.toMatch(/Error|lỗi/i);
  }, 240_000);

  it("follows the setting: an admin's new rate applies to the next take of the budget", async () => {
    const setRate = (r: number) => ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify(r) }).where("key", "=", "notify_rate_per_sec").execute();
    // The bucket's last take moved a second back: a second's refill is waiting, whatever the machine's pace. (Polling
    // takes instead would spend the refill as it comes: 20 ms apart at 1,000/s, each take finds 20.)
    const aSecondPasses = () => sql`UPDATE oa_send_budget SET at = at - interval '1 second'`.execute(ctx.deps.db);
    await setRate(1000);
    await aSecondPasses();
    expect((await takeBudget(ctx.deps, 150, "bulk")).granted).toBe(150); // at 1,000/s the bucket holds a fifth of a second: 200
    await setRate(RATE);
    await aSecondPasses();
    expect((await takeBudget(ctx.deps, 100, "bulk")).granted).toBe(2); // at 2/s it holds 2
  });
});
