import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../deps.js";

/**
 * What the process counts wherever it happens (a Zalo call from a worker, a delivery's outcome): one registry per
 * process, because the code that counts has no app at hand. Process CPU, memory and event-loop lag come with it.
 */
export const processMetrics = new Registry();
collectDefaultMetrics({ register: processMetrics, prefix: "hoiso_" });

const zaloCalls = new Counter({
  name: "hoiso_zalo_calls_total",
  help: "Outbound Zalo API calls by API and result (ok, a Zalo error code, or unreachable)",
  labelNames: ["api", "result"] as const,
  registers: [processMetrics],
});

const deliveries = new Counter({
  name: "hoiso_deliveries_total",
  help: "Outbound Zalo deliveries handled by this process, by channel and outcome (sent, fallback, failed, in-doubt, retry…)",
  labelNames: ["channel", "status"] as const,
  registers: [processMetrics],
});

export function countZaloCall(api: string, result: "ok" | "unreachable" | number): void {
  zaloCalls.inc({ api, result: String(result) });
}

export function countDeliveries(channel: string, status: string, n = 1): void {
  if (n > 0) deliveries.inc({ channel, status }, n);
}

/** The queues this process's modules serve, read at scrape time (depth is shared by every process). */
function queueNames(deps: AppDeps): string[] {
  return [...new Set(deps.modules.flatMap((m) => (m.jobs ?? []).map((j) => j.queue.name)))].sort();
}

const QUEUE_STATES = ["waiting", "prioritized", "active", "delayed", "failed"] as const;

/**
 * Per-deps metrics: request latency by route (API processes), queue depth and the age of the oldest waiting job, and the
 * database pool. Read when scraped, never kept in code.
 */
export function createMetrics(deps: AppDeps): { registry: Registry; observe(app: FastifyInstance): void; render(): Promise<string>; contentType: string } {
  const registry = new Registry();
  const http = new Histogram({
    name: "hoiso_http_request_duration_seconds",
    help: "HTTP request duration by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: "hoiso_queue_jobs",
    help: "Jobs per queue and state",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        queueNames(deps).map(async (name) => {
          const counts = await deps.queues.queue(name).getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
        }),
      );
    },
  });
  new Gauge({
    name: "hoiso_queue_oldest_waiting_seconds",
    help: "Age of the oldest job waiting in each queue (0 when none waits)",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        queueNames(deps).map(async (name) => {
          const [oldest] = await deps.queues.queue(name).getJobs(["waiting", "prioritized"], 0, 0, true);
          this.set({ queue: name }, oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0);
        }),
      );
    },
  });
  new Gauge({
    name: "hoiso_db_pool_connections",
    help: "Database pool connections: total, idle, and requests waiting for one",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      this.set({ state: "total" }, deps.pool.totalCount);
      this.set({ state: "idle" }, deps.pool.idleCount);
      this.set({ state: "waiting" }, deps.pool.waitingCount);
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    observe(app) {
      app.addHook("onResponse", async (req, reply) => {
        // The route's pattern, never the raw URL: ids in paths would make a label value per item.
        const route = req.routeOptions.url ?? "unmatched";
        http.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
      });
    },
    async render() {
      return (await Registry.merge([registry, processMetrics]).metrics());
    },
  };
}
