import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import type { ServerModule } from "../../../server/src/modules/contract.js";
import { serverModules } from "../../../server/src/modules/index.js";
import { defineQueue } from "../../../server/src/queue/define.js";
import { defineJob, startWorkers } from "../../../server/src/queue/registry.js";
import { createOaClient } from "../../../server/src/zalo/oa.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { queueBackends } from "../../helpers/services.js";
import { waitUntil } from "../feedback/world.js";

const TOKEN = "metrics-token-for-tests-0123456789";

/** One sample's value from the text format, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.lastIndexOf("}"));
    if (Object.entries(labels).every(([k, v]) => body.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

describe("metrics are absent without a token", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  it("has no /metrics route when METRICS_TOKEN is not set", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/metrics" });
    expect(res.statusCode).toBe(404);
  });
});

describe.each(await queueBackends())("metrics (%s queue)", (backend) => {
  let ctx: TestContext;
  let sim: ZaloSimulator;
  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
    ctx = await createTestContext({ backend, zaloUrl: sim.url, env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await ctx?.close();
    await sim?.close();
  });

  const scrape = async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/metrics", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    return res.body;
  };

  it("refuses a missing or wrong token with a Vietnamese message", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-wrong-token", `Basic ${TOKEN}`]) {
      const res = await ctx.app.inject({ method: "GET", url: "/metrics", headers: authorization ? { authorization } : {} });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
      expect(res.json().message).toMatch(/số liệu/);
    }
  });

  it("times requests by route pattern, never by raw URL", async () => {
    const before = sample(await scrape(), "hoiso_http_request_duration_seconds_count", { route: "/api/health", status: "200" }) ?? 0;
    await ctx.app.inject({ method: "GET", url: "/api/health" });
    await ctx.app.inject({ method: "GET", url: "/api/health" });
    await ctx.app.inject({ method: "GET", url: "/api/submissions/track/ABCDEF12" });
    const text = await scrape();
    expect(sample(text, "hoiso_http_request_duration_seconds_count", { route: "/api/health", status: "200" })).toBe(before + 2);
    expect(text).not.toContain("ABCDEF12");
  });

  it("reports each queue's depth and the age of its oldest waiting job", async () => {
    const q = ctx.deps.queues.queue("feedback.route");
    await q.add("route", { submissionId: "00000000-0000-0000-0000-000000000000" }, { jobId: "metrics-test-1", timestamp: Date.now() - 120_000 });
    const text = await scrape();
    expect(sample(text, "hoiso_queue_jobs", { queue: "feedback.route", state: "waiting" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "hoiso_queue_oldest_waiting_seconds", { queue: "feedback.route" })).toBeGreaterThanOrEqual(119);
    expect(sample(text, "hoiso_queue_jobs", { queue: "notify.send", state: "failed" })).toBe(0);
    await q.remove("metrics-test-1");
  });

  it("shows the database pool and the process", async () => {
    const text = await scrape();
    expect(sample(text, "hoiso_db_pool_connections", { state: "total" })).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^hoiso_process_cpu_seconds_total /m);
  });

  it("counts a job that failed under its queue", async () => {
    // a module of the test's own whose one job always fails, served by a real worker on this backend
    const failing = defineQueue<{ fail: { n: number } }>("metricsprobe.fail");
    const probe: ServerModule = {
      name: "metricsprobe",
      jobs: [defineJob({ queue: failing, processor: () => async () => { throw new Error("thất bại có chủ đích"); } })],
    };
    const own = await createTestContext({ backend, env: { METRICS_TOKEN: TOKEN }, modules: [...serverModules, probe] });
    const running = startWorkers(own.deps, [probe], () => undefined);
    try {
      const read = async () => {
        const res = await own.app.inject({ method: "GET", url: "/metrics", headers: { authorization: `Bearer ${TOKEN}` } });
        return sample(res.body, "hoiso_queue_jobs", { queue: "metricsprobe.fail", state: "failed" });
      };
      expect(await read()).toBe(0);
      await failing.add(own.deps.queues, "fail", { n: 1 }, { jobId: "metrics-failed-1", attempts: 1 });
      await waitUntil("the job to fail", async () => ((await failing.on(own.deps.queues).getJobCounts("failed")).failed === 1 ? true : undefined), 30_000);
      expect(await read()).toBe(1);
    } finally {
      await running.stop(5000);
      await own.close();
    }
  });

  it("counts outbound Zalo calls by API and result code", async () => {
    const count = async (result: string) => sample(await scrape(), "hoiso_zalo_calls_total", { api: "oa/message/cs", result }) ?? 0;
    const [ok0, refused0] = [await count("ok"), await count("-220")];
    const u = sim.createUser({ name: "Lò Thị Mai" });
    sim.interact(u.oaUserId, new Date());
    const oa = createOaClient(ctx.deps);
    await oa.sendText(u.oaUserId, "Chào chị");
    // Zalo refuses an expired token once; the client refreshes and sends again: one refusal, one success
    sim.failNext("/v3.0/oa/message/cs", -220);
    await oa.sendText(u.oaUserId, "Chào chị");
    expect(await count("ok")).toBe(ok0 + 2);
    expect(await count("-220")).toBe(refused0 + 1);
  });
});
