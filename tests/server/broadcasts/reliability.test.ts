import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { fanoutQueue } from "../../../server/src/modules/broadcasts/queue.js";
import { notifyJobs } from "../../../server/src/modules/notify/jobs.js";
import { IN_DOUBT, MAX_CLAIMED_PER_JOB, NO_ANSWER } from "../../../server/src/modules/notify/send.js";
import { concurrencyOf } from "../../../server/src/queue/registry.js";
import { startServerProcess, type ServerProcess } from "../../helpers/process.js";
import { addUnit } from "../../helpers/fixtures.js";
import { queueBackends } from "../../helpers/services.js";
import { broadcastWorld, manyMembers, tally, waitUntil } from "./world.js";

// The first backend available (Redis when it runs): each 10,000-member run takes minutes on this machine.
const backends = (await queueBackends()).slice(0, 1);
const N = 10_000;

/**
 * The fan-out against real worker processes (server/src/main.ts --role=worker) and the Zalo simulator: a worker
 * killed mid-announcement, the OA token expiring mid-way with two workers, a scheduled announcement across a restart
 * of every process with the queue's copy lost.
 */
describe.each(backends)("announcement fan-out across worker processes, on the %s backend", (backend) => {
  let sim: ZaloSimulator;
  let w: Awaited<ReturnType<typeof broadcastWorld>>;
  const children: ServerProcess[] = [];

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 0 });
    // a claim counts as a dead worker's after the HTTP timeout + 2 s (notify/send.ts): keep that short here
    w = await broadcastWorld(sim, { backend, env: { ZALO_HTTP_TIMEOUT_MS: "2000" } });
    await w.ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify(100_000) }).where("key", "=", "notify_rate_per_sec").execute();
  }, 120_000);
  afterAll(async () => {
    for (const c of children) await c.stop("SIGKILL");
    await w?.ctx.close();
    await sim?.close();
  });

  /**
   * `zaloTimeoutMs`: a call unanswered this long is "in doubt" and never sent again; the killed-worker test wants it
   * short (a dead worker's claims go stale sooner), a test expecting every message through wants it long enough that a
   * loaded machine's slow answer is not taken for none.
   */
  const worker = async (zaloTimeoutMs = 2000) => {
    const env: Record<string, string> = {
      NODE_ENV: "test",
      DATABASE_URL: w.ctx.config.databaseUrl as string,
      QUEUE_BACKEND: backend,
      QUEUE_PREFIX: w.ctx.config.queuePrefix,
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
      WORKER_CONCURRENCY: "8",
      ZALO_HTTP_TIMEOUT_MS: String(zaloTimeoutMs),
    };
    if (w.ctx.config.redisUrl) env.REDIS_URL = w.ctx.config.redisUrl;
    const p = startServerProcess(env, ["--role=worker"]);
    children.push(p);
    await p.waitFor(/bộ xử lý hàng đợi/, 90_000);
    return p;
  };
  /** OA messages the simulator accepted for this announcement, per OA user. */
  const perUser = (id: string) => {
    const m = new Map<string, number>();
    for (const x of sim.sentMessages()) if (x.text?.includes(id) && x.userId) m.set(x.userId, (m.get(x.userId) ?? 0) + 1);
    return m;
  };

  it(`a worker killed in the middle of a ${N.toLocaleString()}-member announcement: each member gets it once per channel`, async () => {
    const unit = await addUnit(w.ctx.deps.db, w.tree.xaA, "chi_hoi", "Chi hội thôn Cốc Lếu");
    const ids = await manyMembers(w.ctx.deps, sim, unit.id, N);
    const first = await worker();
    const b = await w.send(w.canBoA.headers, w.compose({ targetUnitIds: [unit.id], title: "Tin kiểm tra khi máy dừng" }));
    await waitUntil("a fifth sent", async () => perUser(b.id).size >= N / 5, 180_000, 20);
    await first.stop("SIGKILL");
    const atKill = perUser(b.id).size;
    expect(atKill).toBeLessThan(N); // killed in the middle
    await worker();
    const t = await waitUntil(
      "every delivery settled",
      async () => {
        const x = await tally(w.ctx.deps, b.id);
        return (x["oa_cs:pending"] ?? 0) === 0 && (x["in_app:sent"] ?? 0) === N ? x : null;
      },
      300_000,
      1000,
    );
    const got = perUser(b.id);
    expect([...got.values()].filter((n) => n > 1)).toEqual([]); // nobody twice
    expect(t["in_app:sent"]).toBe(N);
    // Sent, or in doubt: the dead worker's claimed calls, at most MAX_CLAIMED_PER_JOB (the groups in flight) per notify job slot, never sent again
    const failed = await w.ctx.deps.db.selectFrom("deliveries").select("last_error").where("source_id", "=", b.id).where("status", "=", "failed").execute();
    const inDoubt = failed.filter((r) => r.last_error === IN_DOUBT).length;
    // a call that went out and timed out on an overloaded machine is in doubt too (Zalo may have it), never sent again
    const noAnswer = failed.filter((r) => r.last_error === NO_ANSWER).length;
    expect(inDoubt + noAnswer).toBe(t["oa_cs:failed"] ?? 0);
    expect(t["oa_cs:sent"]! + inDoubt + noAnswer).toBe(N);
    expect(inDoubt).toBeLessThanOrEqual(concurrencyOf(notifyJobs.jobs?.[0] ?? {}, 8) * MAX_CLAIMED_PER_JOB);
    expect(got.size).toBeGreaterThanOrEqual(t["oa_cs:sent"]!);
    expect(got.size).toBeLessThanOrEqual(N);
    // and the members: exactly one in-app row each
    const dup = await w.ctx.deps.db
      .selectFrom("deliveries")
      .select("recipient_id")
      .where("source_id", "=", b.id)
      .groupBy(["recipient_id", "channel"])
      .having((eb) => eb.fn.countAll(), ">", 1)
      .execute();
    expect(dup).toEqual([]);
    expect(ids.length).toBe(N);
  }, 600_000);

  it("the OA token expires in the middle, with two workers: exactly one refresh, nothing lost", async () => {
    const M = 3000;
    const unit = await addUnit(w.ctx.deps.db, w.tree.xaA, "chi_hoi", "Chi hội thôn Bản Phiệt");
    await manyMembers(w.ctx.deps, sim, unit.id, M);
    for (const c of children.splice(0)) await c.stop("SIGKILL");
    await Promise.all([worker(20_000), worker(20_000)]);
    const b = await w.send(w.canBoA.headers, w.compose({ targetUnitIds: [unit.id], title: "Tin khi hết hạn mã truy cập" }));
    await waitUntil("some sent", async () => perUser(b.id).size >= M / 4, 180_000, 20);
    const refreshesBefore = sim.requests.filter((r) => r.path === "/v4/oa/access_token").length;
    const token = await w.ctx.deps.db.selectFrom("zalo_oa_tokens").select("access_token").executeTakeFirstOrThrow();
    sim.expireAccessToken(token.access_token);
    const t = await waitUntil(
      "every delivery settled",
      async () => {
        const x = await tally(w.ctx.deps, b.id);
        return (x["oa_cs:pending"] ?? 0) === 0 && (x["in_app:sent"] ?? 0) === M ? x : null;
      },
      300_000,
      200,
    );
    expect(sim.requests.filter((r) => r.path === "/v4/oa/access_token").length - refreshesBefore).toBe(1);
    expect(t).toMatchObject({ "oa_cs:sent": M }); // the whole tally shows on failure
    const got = perUser(b.id);
    expect(got.size).toBe(M);
    expect([...got.values()].every((n) => n === 1)).toBe(true);
  }, 600_000);

  it("a scheduled announcement survives a restart of every process, even with the queue's delayed job lost", async () => {
    for (const c of children.splice(0)) await c.stop("SIGKILL");
    const sendAt = new Date(Date.now() + 4000);
    const b = await w.send(w.canBoA.headers, w.compose({ targetUnitIds: [w.chiHoiA1.id], title: "Tin hẹn giờ", sendAt: sendAt.toISOString() }));
    expect(b.status).toBe("scheduled");
    const queue = fanoutQueue.on(w.ctx.deps.queues);
    expect(await queue.getDelayedCount()).toBe(1);
    // everything stops; the queue loses what it held (a flushed Redis)
    await w.ctx.app.close();
    await queue.obliterate({ force: true });
    expect(await queue.getDelayedCount()).toBe(0);
    const row = await w.ctx.deps.db.selectFrom("broadcasts").select(["status", "send_at"]).where("id", "=", b.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("scheduled");
    await worker();
    const t = await waitUntil("sent after its time", async () => {
      const x = await tally(w.ctx.deps, b.id);
      return (x["oa_cs:sent"] ?? 0) === 1 ? x : null;
    }, 120_000, 100);
    expect(t["in_app:sent"]).toBe(1);
    const sent = sim.sentMessages().filter((m) => m.text?.includes(b.id));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.at.getTime()).toBeGreaterThanOrEqual(sendAt.getTime());
  }, 300_000);
});
