import { afterAll, describe, expect, it } from "vitest";
import { serverModules } from "../../../server/src/modules/index.js";
import { defineQueue } from "../../../server/src/queue/define.js";
import { concurrencyOf, defineJob, startWorkers, type RunningWorkers } from "../../../server/src/queue/registry.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { queueBackends } from "../../helpers/services.js";
import { waitUntil } from "../feedback/world.js";

const backends = await queueBackends();

describe("queue names", () => {
  it("are <module>.<queue>, never with BullMQ's ':' separator", () => {
    expect(() => defineQueue("route" as `${string}.${string}`)).toThrow(/module/);
    expect(() => defineQueue("feedback.route:x")).toThrow();
    expect(() => defineQueue("Feedback.route")).toThrow();
    expect(defineQueue("feedback.follow-up").module).toBe("feedback");
  });

  it("every queue a worker serves is named after its module and served once", () => {
    const served = serverModules.flatMap((m) => (m.jobs ?? []).map((j) => ({ module: m.name, queue: j.queue.name })));
    expect(served.map((s) => s.queue).sort()).toEqual(
      [
        "broadcasts.fanout",
        "chatbot.escalate",
        "chatbot.send",
        "dashboard.refresh",
        "feedback.escalate",
        "feedback.follow-up",
        "feedback.petition",
        "feedback.route",
        "notify.send",
        "safety.ack-check",
        "zalo.oa-events",
      ].sort(),
    );
    for (const s of served) expect(s.queue.startsWith(`${s.module}.`)).toBe(true);
  });
});

describe("WORKER_CONCURRENCY", () => {
  it("scales every definition, by its factor when it has one", () => {
    expect(concurrencyOf({}, 3)).toBe(3);
    expect(concurrencyOf({ concurrencyFactor: 8 }, 3)).toBe(24);
    expect(concurrencyOf({ concurrencyFactor: 0.1 }, 3)).toBe(1);
  });

  describe("in running workers", () => {
    let ctx: TestContext;
    let running: RunningWorkers | undefined;
    afterAll(async () => {
      await running?.stop(5000);
      await ctx?.close();
    });

    it("each worker runs as many jobs at once as the setting says", async () => {
      ctx = await createTestContext({ env: { WORKER_CONCURRENCY: "3" } });
      running = startWorkers(ctx.deps, serverModules, () => undefined);
      const defs = serverModules.flatMap((m) => m.jobs ?? []);
      expect(running.workers).toHaveLength(defs.length);
      const byName = new Map(running.workers.map((w) => [w.name, w.concurrency]));
      for (const d of defs) expect(byName.get(d.queue.name)).toBe(concurrencyOf(d, 3));
      // the route job asks for more than one slot per configured unit, and gets it scaled, not a fixed 64
      expect(byName.get("feedback.route")).toBe(24);
      // …and notify asks for fewer: each of its jobs sends a batch of deliveries in parallel (notify/send.ts)
      expect(byName.get("notify.send")).toBe(2);
    });
  });
});

describe.each(backends)("a typed queue on the %s backend", (backend) => {
  let ctx: TestContext;
  let running: RunningWorkers | undefined;
  afterAll(async () => {
    await running?.stop(5000);
    await ctx?.close();
  });

  it("carries its payload from add to the processor, and the same job id runs once", async () => {
    ctx = await createTestContext({ backend });
    const echo = defineQueue<{ echo: { text: string } }>("test.echo");
    const seen: string[] = [];
    const job = defineJob({
      queue: echo,
      processor: () => async (j) => {
        seen.push(`${j.name}:${j.data.text}`);
        return j.data.text.length;
      },
    });
    running = startWorkers(ctx.deps, [{ jobs: [job] }], () => undefined);
    await echo.add(ctx.deps.queues, "echo", { text: "xin chào" }, { jobId: "one" });
    await echo.addBulk(ctx.deps.queues, [
      { name: "echo", data: { text: "again" }, opts: { jobId: "one" } },
      { name: "echo", data: { text: "hai" }, opts: { jobId: "two" } },
    ]);
    await waitUntil("both jobs to complete", async () => (await echo.on(ctx.deps.queues).getJobCounts("completed")).completed === 2);
    expect(seen.sort()).toEqual(["echo:hai", "echo:xin chào"]);
    expect((await echo.on(ctx.deps.queues).getJob("one"))?.returnvalue).toBe(8);
  });
});
