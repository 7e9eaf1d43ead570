import crypto from "node:crypto";
import { ErrorCode } from "@hoiso/shared";
import { Type } from "@sinclair/typebox";
import { sql } from "kysely";
import { AppError } from "../http/errors.js";
import type { App } from "../http/types-app.js";
import { lifecycle } from "./lifecycle.js";
import { createMetrics } from "./metrics.js";

const Probe = Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) });

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`quá ${ms} ms`)), ms).unref())]);

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * What a load balancer and Prometheus read. Liveness says only that the process answers; readiness that it can serve
 * (database and queue reachable, migrations applied — the runtime applies them before HTTP listens) and is not draining.
 * Called on the root instance, not registered as a plugin: the timing hook must reach every route.
 */
export function registerOps(app: App): void {
  app.get("/api/health/live", { schema: { tags: ["ops"], summary: "The process answers", response: { 200: Probe } } }, async () => ({ ok: true }));

  app.get(
    "/api/health/ready",
    { schema: { tags: ["ops"], summary: "Ready for traffic (503 while starting, draining or cut off)", response: { 200: Probe, 503: Probe } } },
    async (_req, reply) => {
      if (lifecycle.draining) return reply.status(503).send({ ok: false, detail: "đang dừng" });
      try {
        await within(sql`SELECT 1`.execute(app.deps.db), 2000);
        await within(app.deps.queues.ping(), 2000);
        return { ok: true };
      } catch (err) {
        return reply.status(503).send({ ok: false, detail: (err as Error).message });
      }
    },
  );

  const token = app.deps.config.ops.metricsToken;
  if (!token) return; // without a token nobody may read the metrics, so the route does not exist
  const metrics = createMetrics(app.deps);
  metrics.observe(app);
  app.get("/metrics", { schema: { hide: true }, config: { ownBearer: true } }, async (req, reply) => {
    const h = req.headers.authorization ?? "";
    if (!h.startsWith("Bearer ") || !sameSecret(h.slice(7).trim(), token)) {
      throw new AppError(401, ErrorCode.UNAUTHENTICATED, "Cần mã truy cập số liệu vận hành (METRICS_TOKEN).");
    }
    return reply.header("content-type", metrics.contentType).header("cache-control", "no-store").send(await metrics.render());
  });
}
