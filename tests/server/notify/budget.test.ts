import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awaitBudget, takeBudget } from "../../../server/src/modules/notify/rate.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";

const RATE = 20;

/**
 * One OA budget (migration 081) for notifications and the chat's replies, with replies first: while a reply waits for
 * its token, bulk sends take nothing, so a woman waiting for an answer never waits behind a large announcement.
 */
describe("the OA budget", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({});
    await ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify(RATE) }).where("key", "=", "notify_rate_per_sec").execute();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it("holds at most a fifth of a second's worth (at least two), and says how long until more", async () => {
    await takeBudget(ctx.deps, 10_000, "bulk"); // empty it
    const g = await takeBudget(ctx.deps, 10, "bulk");
    expect(g.granted).toBeLessThanOrEqual(1);
    expect(g.waitMs).toBeGreaterThan(0);
    expect(g.waitMs).toBeLessThanOrEqual(1000 / 5 + 10); // half the bucket (2 of 4) at 20/s: 100 ms, never more than 200
  });

  it("a chat reply that finds it empty goes before every bulk send", async () => {
    await takeBudget(ctx.deps, 10_000, "bulk");
    const chat = await takeBudget(ctx.deps, 1, "chat");
    expect(chat.granted).toBe(0);
    // the bucket refills, but bulk gets nothing while the reply waits
    await new Promise((r) => setTimeout(r, chat.waitMs));
    expect((await takeBudget(ctx.deps, 5, "bulk")).granted).toBe(0);
    expect((await takeBudget(ctx.deps, 1, "chat")).granted).toBe(1);
  });

  it("behind a bulk backlog in this process, a reply waits about one token's interval", async () => {
    await takeBudget(ctx.deps, 10_000, "bulk");
    // ten seconds of bulk sends waiting (200 at 20/s)
    let bulkDone = 0;
    const bulk = Array.from({ length: 20 }, () => (async () => {
      for (let left = 10; left > 0; ) {
        const n = await awaitBudget(ctx.deps, left, "bulk");
        left -= n;
        bulkDone += n;
      }
    })());
    const t0 = Date.now();
    await awaitBudget(ctx.deps, 1, "chat");
    const waited = Date.now() - t0;
    expect(waited).toBeLessThan(500);
    expect(bulkDone).toBeLessThan(20);
    await Promise.all(bulk);
    expect(bulkDone).toBe(200);
  }, 30_000);
});
