import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileRoutes } from "../../../server/src/modules/feedback/jobs.js";
import { createQueueFactory, type QueueFactory } from "../../../server/src/queue/connection.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { redisAvailable, TEST_REDIS_URL } from "../../helpers/services.js";
import { buildWorld, primaryAssignment, startPipeline, submitOk, waitUntil, type World } from "./world.js";

/** Nothing listens on port 1: every queue call fails, as when Redis is down. The machine's Redis is left alone. */
const DEAD_REDIS = "redis://127.0.0.1:1";

describe.skipIf(!(await redisAvailable()))("intake while the queue is down", () => {
  let ctx: TestContext;
  let w: World;
  let healthy: QueueFactory | null = null;

  beforeAll(async () => {
    ctx = await createTestContext({ backend: "redis", env: { REDIS_URL: DEAD_REDIS } });
    w = await buildWorld(ctx);
  });
  afterAll(async () => {
    await healthy?.close();
    await ctx?.close();
  });

  it("still answers 201 with a tracking code, keeps the row, and leaves queued_at empty", async () => {
    const started = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await submitOk(ctx, w.woman, { kind: "feedback", category: "viec_lam", body: `Cần việc làm thời vụ, lần ${i}.` });
      expect(r.trackingCode).toMatch(/^PA-/);
      ids.push(r.id);
    }
    expect(Date.now() - started).toBeLessThan(3 * 2500); // bounded wait per request, not a hang
    const rows = await ctx.deps.db.selectFrom("submissions").select(["id", "queued_at", "routed_at"]).where("id", "in", ids).execute();
    expect(rows).toHaveLength(3);
    for (const r of rows) expect([r.queued_at, r.routed_at]).toEqual([null, null]);
    // a reconciler that still cannot reach the queue changes nothing
    expect(await reconcileRoutes(ctx.deps)).toBe(0);
    expect((await ctx.deps.db.selectFrom("submissions").select("id").where("queued_at", "is not", null).execute()).length).toBe(0);
  });

  it("once the queue is back, the reconciler forwards every one of them", async () => {
    healthy = createQueueFactory({ backend: "redis", redisUrl: TEST_REDIS_URL, namespace: ctx.config.queuePrefix });
    const deps = { ...ctx.deps, queues: healthy };
    await ctx.deps.db.updateTable("feedback_settings").set({ value: JSON.stringify(0.5) }).where("key", "=", "reconcile_after_seconds").execute();
    const pipeline = startPipeline(deps); // its periodic reconciler does the work
    try {
      const all = await ctx.deps.db.selectFrom("submissions").select("id").execute();
      for (const s of all) {
        const a = await waitUntil(`routing of ${s.id}`, () => primaryAssignment(ctx.deps, s.id), 20_000, 100);
        expect(a.unit_id).toBe(w.units.xaA.id);
      }
      const rows = await ctx.deps.db.selectFrom("submissions").select(["queued_at"]).execute();
      expect(rows.every((r) => r.queued_at !== null)).toBe(true);
      expect(pipeline.errors).toEqual([]);
    } finally {
      await pipeline.workers.stop(5000);
    }
  }, 40_000);
});

describe("intake while the PostgreSQL queue backend is unreachable", () => {
  let ctx: TestContext;
  let w: World;
  let dead: QueueFactory;
  let working: QueueFactory;

  beforeAll(async () => {
    ctx = await createTestContext({ backend: "postgres" });
    w = await buildWorld(ctx);
    working = ctx.deps.queues;
    // The queue's own database is unreachable while the app's database works (a separate queue database being down).
    dead = createQueueFactory({ backend: "postgres", databaseUrl: "postgres://postgres@127.0.0.1:1/nothing", namespace: ctx.config.queuePrefix });
    ctx.deps.queues = dead; // the app holds the same deps object
  });
  afterAll(async () => {
    ctx.deps.queues = working;
    await dead?.close();
    await ctx?.close();
  });

  it("answers 201 and the reconciler forwards it once the queue is reachable", async () => {
    const { id } = await submitOk(ctx, w.woman, { kind: "feedback", category: "y_te", body: "Thẻ BHYT của con chưa được cấp." });
    const row = await ctx.deps.db.selectFrom("submissions").select(["queued_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.queued_at).toBeNull();
    ctx.deps.queues = working;
    await ctx.deps.db.updateTable("feedback_settings").set({ value: JSON.stringify(0.5) }).where("key", "=", "reconcile_after_seconds").execute();
    const pipeline = startPipeline(ctx.deps);
    try {
      const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, id), 20_000, 100);
      expect(a.unit_id).toBe(w.units.xaA.id);
    } finally {
      await pipeline.workers.stop(5000);
    }
  }, 40_000);
});
