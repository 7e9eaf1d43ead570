import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareScale, runScalePhase, type ScaleWorld } from "../../../scripts/bench/scale-run.js";
import { benchServerEnv } from "../../../scripts/bench/setup.js";
import { seed } from "../../../scripts/seed/seed.js";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { browserQueueBackend, TEST_REDIS_URL } from "../../helpers/services.js";

/**
 * Scale-out (issue 18), small: two API processes and two worker processes on one PostgreSQL and one queue (Redis where
 * there is one, as production runs), women sending feedback and contest answers through both APIs, an announcement to
 * all of them; as soon as its messages are in Zalo calls one API and one worker are killed with SIGKILL. Nothing may be
 * lost or done twice (scripts/bench/scale-run.ts counts it from the database and the simulator). `npm run bench:scale`
 * is the same run at full size, with the throughput of one and of two of each.
 */
describe("two APIs and two workers, one of each killed midway", () => {
  let sim: ZaloSimulator;
  let ctx: TestContext;
  let db: pg.Pool;
  let world: ScaleWorld;
  const lines: string[] = [];

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, host: "127.0.0.1", appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 0 });
    const backend = await browserQueueBackend();
    ctx = await createTestContext({ backend, zaloUrl: sim.url });
    await seed(ctx.deps.db, { demo: true });
    const env = benchServerEnv(
      { databaseUrl: ctx.config.databaseUrl!, backend, redisUrl: TEST_REDIS_URL, prefix: ctx.config.queuePrefix, zaloUrl: sim.url },
      {
        // four processes beside other test files: small pools keep them well inside PostgreSQL's hundred connections
        DB_POOL_MAX: "4",
        QUEUE_PG_POOL_MAX: "2",
        WORKER_CONCURRENCY: "2",
        RATE_LIMIT_SUBMIT_PER_MEMBER: "0",
        RATE_LIMIT_SUBMIT_PER_IP: "0",
        ZALO_HTTP_TIMEOUT_MS: "3000",
      },
    );
    // the women are made through this file's own server (the development login), as the bench does through an API process
    const address = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    db = new pg.Pool({ connectionString: ctx.config.databaseUrl!, max: 3 });
    world = await prepareScale({ env, db, sim, base: address, women: 12, rounds: 1 });
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await ctx?.close();
    await sim?.close();
  });

  it("loses nothing and does nothing twice", async () => {
    const r = await runScalePhase(world, {
      label: "2 API + 2 workers, 1+1 killed",
      processes: 2,
      kill: true,
      round: 0,
      feedbackEach: 2,
      concurrency: 4,
      // long enough Zalo calls that the kill finds the announcement's messages in one
      zaloMs: 400,
      // a job on the killed worker waits out its lock (30 s) before another worker takes it over
      doneTimeoutMs: 150_000,
      log: (l) => lines.push(l),
    });
    console.log(lines.join("\n"));
    expect(r.problems, lines.join("\n")).toEqual([]);
    // the kill came while the announcement was being sent, with work of every kind still to come
    expect(r.atKill, lines.join("\n")).toMatchObject({ of: 12 * 3 });
    expect(r.atKill!.inCall, lines.join("\n")).toBeGreaterThan(0);
    expect(r.atKill!.answered).toBeLessThan(r.atKill!.of);
    // and requests were in flight on the API that died: the client sent them again to the other one
    expect(r.cutAndRetried, lines.join("\n")).toBeGreaterThan(0);
  }, 420_000);
});
