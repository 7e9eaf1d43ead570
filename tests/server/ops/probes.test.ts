import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { lifecycle } from "../../../server/src/ops/lifecycle.js";
import { startOpsServer } from "../../../server/src/ops/server.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";

const TOKEN = "probe-metrics-token-0123456789";

describe("load balancer probes", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => ctx?.close());
  afterEach(() => {
    lifecycle.draining = false;
  });

  it("is live and ready while running", async () => {
    expect((await ctx.app.inject({ method: "GET", url: "/api/health/live" })).json()).toEqual({ ok: true });
    const ready = await ctx.app.inject({ method: "GET", url: "/api/health/ready" });
    expect(ready.statusCode).toBe(200);
  });

  it("stops being ready once draining starts, and stays live", async () => {
    lifecycle.draining = true;
    const ready = await ctx.app.inject({ method: "GET", url: "/api/health/ready" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ ok: false, detail: "đang dừng" });
    expect((await ctx.app.inject({ method: "GET", url: "/api/health/live" })).statusCode).toBe(200);
  });

  it("is not ready while the queue is unreachable, and says so within the probe's time", async () => {
    const broken = await createTestContext({ backend: "redis", env: { REDIS_URL: "redis://127.0.0.1:1" } });
    try {
      const t0 = Date.now();
      const res = await broken.app.inject({ method: "GET", url: "/api/health/ready" });
      expect(res.statusCode).toBe(503);
      expect(res.json<{ ok: boolean }>().ok).toBe(false);
      expect(Date.now() - t0).toBeLessThan(5000);
      expect((await broken.app.inject({ method: "GET", url: "/api/health/live" })).statusCode).toBe(200);
    } finally {
      await broken.close();
    }
  });

  it("a worker without HTTP serves its metrics and probes on METRICS_PORT", async () => {
    const ops = await startOpsServer(ctx.deps, 0, "127.0.0.1");
    try {
      const base = `http://127.0.0.1:${ops.port}`;
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/^hoiso_queue_jobs\{queue="feedback\.route",state="waiting"\} \d+$/m);
      expect(text).toMatch(/^hoiso_db_pool_connections\{state="total"\} \d+$/m);
      expect((await fetch(`${base}/api/health/ready`)).status).toBe(200);
      // no member route is served there
      expect((await fetch(`${base}/api/me`)).status).toBe(404);
    } finally {
      await ops.close();
    }
  });
});
