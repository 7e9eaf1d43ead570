import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { startProcess, startServerProcess } from "../../helpers/process.js";
import { embeddedPgPort } from "../../helpers/ports.js";

const CRASH = ["--import", "./tests/fixtures/crash-on-signal.mjs"];
/** A child process of ours (node + tsx) can take long to start on a busy two-core machine. */
const CHILD_MS = 120_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A port something already listens on, so our server's listen() fails after everything else has started. */
async function takenPort(): Promise<{ port: number; close(): Promise<void> }> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((r) => srv.close(() => r())) };
}

/**
 * Every process of ours keeps its failing exit code (a supervisor must see the failure), and embedded PostgreSQL is
 * stopped cleanly however the process ends.
 */
describe("embedded mode: failures exit non-zero and stop PostgreSQL", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-exit-"));
  const pgDir = path.join(dataDir, "pg");
  const env = {
    DATA_DIR: dataDir,
    PORT: "0",
    HOST: "127.0.0.1",
    EMBEDDED_PG_PORT: String(embeddedPgPort(2)),
    ZALO_SIMULATOR_PORT: "0",
    NODE_ENV: "development",
    LOG_LEVEL: "warn",
    MINI_APP_DIR: path.join(dataDir, "no-app"),
  };
  const postgresPid = () => Number(fs.readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]);

  beforeAll(() => fs.chmodSync(dataDir, 0o777));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("a worker that crashes exits 1, with PostgreSQL stopped", async () => {
    const worker = startServerProcess(env, ["--role=worker"], CRASH);
    await worker.waitFor(/Đã chạy bộ xử lý hàng đợi/, 180_000);
    const pid = postgresPid();
    expect(isAlive(pid)).toBe(true);
    worker.child.kill("SIGUSR2");
    expect(await worker.exited, worker.output()).toBe(1);
    expect(worker.output()).toMatch(/crash on purpose/);
    expect(isAlive(pid)).toBe(false);
    expect(fs.existsSync(path.join(pgDir, "postmaster.pid"))).toBe(false);
  }, 240_000);

  it("a server that cannot listen exits 1, with PostgreSQL stopped", async () => {
    const taken = await takenPort();
    try {
      const server = startServerProcess({ ...env, PORT: String(taken.port) });
      await server.waitFor(/Đã chạy bộ xử lý hàng đợi/, 120_000);
      const pid = postgresPid();
      expect(await server.exited, server.output()).toBe(1);
      expect(server.output()).toMatch(/EADDRINUSE/);
      expect(isAlive(pid)).toBe(false);
      expect(fs.existsSync(path.join(pgDir, "postmaster.pid"))).toBe(false);
    } finally {
      await taken.close();
    }
  }, 180_000);

  it("a stop on SIGTERM exits 0, with PostgreSQL stopped", async () => {
    const server = startServerProcess(env);
    await server.waitFor(/API:\s+http/, 120_000);
    const pid = postgresPid();
    expect(await server.stop("SIGTERM"), server.output()).toBe(0);
    expect(isAlive(pid)).toBe(false);
  }, 180_000);
});

describe("production mode: failures exit non-zero", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  }, CHILD_MS);

  it("a worker process that crashes exits 1", async () => {
    const worker = startServerProcess(
      { DATABASE_URL: database.url, QUEUE_BACKEND: "postgres", QUEUE_PREFIX: "exitcodes", NODE_ENV: "test", LOG_LEVEL: "warn" },
      ["--role=worker"],
      CRASH,
    );
    await worker.waitFor(/Đã chạy bộ xử lý hàng đợi/);
    worker.child.kill("SIGUSR2");
    expect(await worker.exited, worker.output()).toBe(1);
  }, CHILD_MS);

  it("a server whose database does not answer exits 1", async () => {
    const server = startServerProcess({ DATABASE_URL: "postgres://postgres@127.0.0.1:9/none", NODE_ENV: "test", LOG_LEVEL: "warn" });
    expect(await server.exited, server.output()).toBe(1);
    expect(server.output()).toMatch(/Không khởi động được/);
  }, CHILD_MS);

  it("a server with a bad setting exits 1 and names it", async () => {
    const server = startServerProcess({ DATABASE_URL: database.url, PORT: "not-a-port" });
    expect(await server.exited, server.output()).toBe(1);
    expect(server.output()).toMatch(/PORT/);
  }, CHILD_MS);

  it("a seed whose database does not answer exits 1", async () => {
    const seed = startProcess({ DATABASE_URL: "postgres://postgres@127.0.0.1:9/none" }, ["scripts/seed/index.ts"]);
    expect(await seed.exited, seed.output()).toBe(1);
  }, CHILD_MS);
});
