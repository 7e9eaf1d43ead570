import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import { ConfigError, devLoginExposed, loadConfig, type Role } from "./config.js";
import { EmbeddedAlreadyRunningError } from "./db/embedded.js";
import { loggingFor } from "./http/logging.js";
import { lifecycle } from "./ops/lifecycle.js";
import { startOpsServer } from "./ops/server.js";
import { startWorkers, type RunningWorkers } from "./queue/registry.js";
import { startRuntime, type Runtime, type RuntimeHooks } from "./runtime.js";

/**
 * What a development entry may add (scripts/start/main.ts, `npm start`): the server itself never imports scripts/.
 * config.ts still decides whether they run: the simulator and the development login are refused in production, and
 * the seed runs only on the embedded database.
 */
export type DevTools = Pick<RuntimeHooks, "startSimulator" | "seedIfEmpty">;

function parseRole(argv: string[]): Role {
  const arg = argv.find((a) => a.startsWith("--role="))?.slice(7) ?? process.env.HOISO_ROLE ?? "all";
  if (arg === "api" || arg === "worker" || arg === "all") return arg;
  throw new ConfigError([`--role must be api, worker or all (got "${arg}")`]);
}

const log = (m: string) => console.log(`[hoiso] ${m}`);

/** What is running so far; whatever stops the process stops these, in this order, and the database last. */
const running: { app: FastifyInstance | null; ops: { close(): Promise<void> } | null; workers: RunningWorkers | null; runtime: Runtime | null } = {
  app: null,
  ops: null,
  workers: null,
  runtime: null,
};
/** Start-up in progress: a signal that arrives meanwhile waits for it, so a half-started database is still stopped. */
let starting: Promise<unknown> = Promise.resolve();

let stopping: Promise<never> | null = null;
/** Set once HTTP and workers are stopped and only the queue connections and the database remain to close. */
let closingDatabase = false;

/**
 * A connection closed under a client that was itself closing: BullMQ's PostgreSQL backend ends its clients without
 * waiting, so the embedded database's own stop (the last step) can still catch one of them. Expected in that last
 * step only: earlier it would mean the database went away under running workers, which must be seen.
 */
function isTeardownNoise(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === "57P01" || (typeof e?.message === "string" && /Connection terminated|Client was closed|Connection is closed/i.test(e.message));
}

/** Errors while running are printed whole; while stopping, in one line, and the last step's teardown noise not at all. */
function report(label: string, err: unknown): void {
  if (!stopping) console.error(`[hoiso] ${label}:`, err);
  else if (!(closingDatabase && isTeardownNoise(err))) console.error(`[hoiso] ${label}: ${err instanceof Error ? err.message : String(err)}`);
}
/**
 * The one way out of the process: HTTP, then workers (with a deadline), then the queue and the database, then exit
 * with `code`. A process that fails or crashes therefore exits non-zero with embedded PostgreSQL stopped cleanly.
 */
function stop(reason: string, code: number): Promise<never> {
  stopping ??= (async () => {
    log(`${reason}, đang dừng…`);
    const timeoutMs = running.runtime?.deps.config.shutdownTimeoutMs ?? 10_000;
    const hard = setTimeout(() => process.exit(code || 1), timeoutMs + 5000);
    hard.unref();
    await starting.catch(() => undefined);
    // readiness answers 503 from now on; the load balancer stops sending before HTTP closes
    lifecycle.draining = true;
    const drainMs = running.runtime?.deps.config.ops.drainMs ?? 0;
    if (running.app && drainMs > 0) await new Promise((r) => setTimeout(r, drainMs));
    await running.app?.close().catch(() => undefined);
    await running.workers?.stop(timeoutMs).catch(() => undefined);
    await running.ops?.close().catch(() => undefined);
    closingDatabase = true;
    await running.runtime?.close().catch(() => undefined);
    process.exit(code);
  })();
  return stopping;
}

async function main(tools: DevTools): Promise<void> {
  const role = parseRole(process.argv.slice(2));
  const config = loadConfig();
  if (config.zalo.simulator && !tools.startSimulator) {
    // Without it the Zalo URLs would point at the real Zalo with the simulator's made-up app id.
    throw new ConfigError([
      "the Zalo simulator (on by default in embedded mode) runs only under `npm start`; with `npm run start:api`/`start:worker` set ZALO_SIMULATOR=false and the real ZALO_* credentials",
    ]);
  }
  running.runtime = await startRuntime(config, { log, ...tools });
  const { deps } = running.runtime;

  if (role !== "api") {
    running.workers = startWorkers(deps, deps.modules, (err, where) => report(where, err));
    log(`Đã chạy bộ xử lý hàng đợi (${deps.queues.backend}).`);
    const metricsPort = deps.config.ops.metricsPort;
    if (role === "worker" && metricsPort !== undefined) {
      const ops = await startOpsServer(deps, metricsPort, deps.config.host);
      running.ops = ops;
      log(`  Số liệu vận hành: http://localhost:${ops.port}/metrics`);
    }
  }
  if (role !== "worker") {
    running.app = await buildApp(deps, { ...loggingFor(deps.config), serveMiniApp: true });
    const address = await running.app.listen({ port: deps.config.port, host: deps.config.host });
    const port = new URL(address).port;
    log(`Hội Số đang chạy (${deps.config.mode === "embedded" ? "chế độ nhúng" : "chế độ sản xuất"}).`);
    log(`  Mini App:  http://localhost:${port}/`);
    log(`  API:       http://localhost:${port}/api/health`);
    if (deps.config.env !== "production") log(`  Tài liệu:  http://localhost:${port}/docs`);
    if (running.runtime.simulatorUrl) log(`  Zalo giả lập: ${running.runtime.simulatorUrl}`);
    if (devLoginExposed(deps.config)) {
      console.warn(
        `[hoiso] CẢNH BÁO: đăng nhập thử nghiệm đang bật và máy chủ nghe trên ${deps.config.host}: ai cùng mạng cũng đăng nhập được với mọi tài khoản, kể cả quản trị demo. ` +
          "Bỏ HOST (mặc định 127.0.0.1) hoặc đặt DEV_LOGIN=false.",
      );
    }
  }
}

/** Runs the process: the roles asked for, until a signal, a crash or a failed start ends it through `stop()`. */
export function serve(tools: DevTools = {}): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(`Nhận ${signal}`, 0));
  process.on("uncaughtException", (err) => {
    report("Lỗi không lường trước / uncaught exception", err);
    void stop("Gặp lỗi", 1);
  });
  process.on("unhandledRejection", (err) => {
    report("Lỗi không lường trước / unhandled rejection", err);
    void stop("Gặp lỗi", 1);
  });

  starting = main(tools);
  starting.catch((err: unknown) => {
    if (err instanceof ConfigError || err instanceof EmbeddedAlreadyRunningError) {
      console.error(err.message);
    } else {
      console.error("[hoiso] Không khởi động được / failed to start:", err);
    }
    void stop("Không khởi động được", 1);
  });
}
