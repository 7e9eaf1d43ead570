import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { startServerProcess, type ServerProcess } from "../../helpers/process.js";
import { queueBackends } from "../../helpers/services.js";
import { buildWorld, submitOk, waitUntil, type World } from "./world.js";

const N = 100;
const backends = await queueBackends();

/**
 * "Every 201 reaches its unit": a real worker process (server/src/main.ts --role=worker) is SIGKILLed while it routes
 * a batch; a fresh one takes over (BullMQ hands it the stalled job once the dead worker's lock expires).
 * Afterwards every submission has exactly one primary assignment and its cán bộ exactly one notification per channel.
 */
describe.each(backends)("a worker killed in the middle of routing, on the %s backend", (backend) => {
  let ctx: TestContext;
  let w: World;
  const children: ServerProcess[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({ backend });
    w = await buildWorld(ctx);
    await ctx.deps.db.updateTable("members").set({ zalo_oa_user_id: "8800000000000000001", phone: "84987654321" }).where("id", "=", w.staff.xaA.memberId).execute();
  });
  afterAll(async () => {
    for (const c of children) await c.stop("SIGKILL");
    await ctx?.close();
  });

  const worker = () => {
    const env: Record<string, string> = {
      NODE_ENV: "test",
      DATABASE_URL: ctx.config.databaseUrl as string,
      QUEUE_BACKEND: backend,
      QUEUE_PREFIX: ctx.config.queuePrefix,
      ZALO_SIMULATOR: "false",
      LOG_LEVEL: "silent",
      WORKER_CONCURRENCY: "2",
    };
    if (ctx.config.redisUrl) env.REDIS_URL = ctx.config.redisUrl;
    const p = startServerProcess(env, ["--role=worker"]);
    children.push(p);
    return p;
  };
  const routedCount = async () =>
    Number((await ctx.deps.db.selectFrom("submissions").select((eb) => eb.fn.countAll<number>().as("n")).where("routed_at", "is not", null).executeTakeFirstOrThrow()).n);

  it("routes every submission exactly once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      ids.push((await submitOk(ctx, w.woman, { kind: "feedback", category: "viec_lam", body: `Phản ánh số ${i}: cần lớp học nghề.` })).id);
    }
    // Hold the second half of the submissions locked: the worker is certainly in the middle of routing when it is
    // killed — blocked on one of them — whatever the machine's speed, and none of them can be routed before the kill.
    const held = new pg.Client({ connectionString: ctx.config.databaseUrl });
    await held.connect();
    try {
      await held.query("BEGIN");
      await held.query("SELECT id FROM submissions WHERE id = ANY($1::uuid[]) FOR UPDATE", [ids.slice(N / 2)]);
      const first = worker();
      await first.waitFor(/bộ xử lý hàng đợi/, 60_000);
      await waitUntil(
        "the first worker to be routing a held submission",
        async () => {
          // Asked on a connection of its own, outside the held transaction: a transaction sees pg_stat_activity as it
          // was at its first look (PostgreSQL snapshots it), so polling from inside `held` never saw a later waiter.
          const r = await sql<{ n: number }>`
            SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`.execute(ctx.deps.db);
          return (r.rows[0]?.n ?? 0) > 0;
        },
        60_000,
        20,
      );
      first.child.kill("SIGKILL");
      await first.exited;
      expect(await routedCount()).toBeLessThanOrEqual(N / 2);
    } finally {
      await held.query("COMMIT").catch(() => undefined);
      await held.end();
    }

    const second = worker();
    await second.waitFor(/bộ xử lý hàng đợi/, 60_000);
    await waitUntil("every submission routed", async () => (await routedCount()) === N, 100_000, 200);
    await waitUntil(
      "every outbound notification finished",
      async () => (await ctx.deps.db.selectFrom("deliveries").select("id").where("status", "=", "pending").execute()).length === 0,
      60_000,
      200,
    );

    const perSubmission = await ctx.deps.db
      .selectFrom("assignments")
      .select(["submission_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("reason", "=", "primary")
      .where("submission_id", "in", ids)
      .groupBy("submission_id")
      .execute();
    expect(perSubmission).toHaveLength(N);
    expect(perSubmission.every((r) => Number(r.n) === 1)).toBe(true);
    expect(await ctx.deps.db.selectFrom("assignments").select("id").execute()).toHaveLength(N);

    const notes = await ctx.deps.db
      .selectFrom("deliveries as d")
      .innerJoin("submission_events as e", "e.id", "d.event_id")
      .select(["e.submission_id", "d.channel", (eb) => eb.fn.countAll<number>().as("n")])
      .where("d.recipient_id", "=", w.staff.xaA.memberId)
      .where("e.type", "=", "forwarded")
      .groupBy(["e.submission_id", "d.channel"])
      .execute();
    for (const channel of ["in_app", "oa_cs", "template"] as const) {
      const rows = notes.filter((r) => r.channel === channel);
      expect(rows, channel).toHaveLength(N);
      expect(rows.every((r) => Number(r.n) === 1), channel).toBe(true);
    }
    const forwardedEvents = await ctx.deps.db.selectFrom("submission_events").select("submission_id").where("type", "=", "forwarded").execute();
    expect(forwardedEvents).toHaveLength(N);
  }, 180_000);
});
