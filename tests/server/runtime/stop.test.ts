import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProcess, type ServerProcess } from "../../helpers/process.js";
import { embeddedPgPort } from "../../helpers/ports.js";

/**
 * `npm start` in a terminal, then Ctrl-C: the terminal sends SIGINT to the whole process group. The server must
 * stop in order (HTTP, workers, then PostgreSQL) and say so in one line: no "57P01 terminating connection" dumps from
 * workers whose database went first, no stack traces. Its request log is one short line per request.
 */
describe("embedded mode: Ctrl-C", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-stop-"));
  let server: ServerProcess;
  let base = "";

  beforeAll(async () => {
    fs.chmodSync(dataDir, 0o777); // the bundled PostgreSQL runs as the postgres user when we are root
    server = startProcess(
      {
        DATA_DIR: dataDir,
        PORT: "0",
        EMBEDDED_PG_PORT: String(embeddedPgPort(3)),
        ZALO_SIMULATOR_PORT: "0",
        LOG_LEVEL: "info",
        MINI_APP_DIR: path.join(dataDir, "no-app"),
      },
      ["scripts/start/main.ts"],
      { detached: true },
    );
    const m = await server.waitFor(/API:\s+http:\/\/localhost:(\d+)\//, 180_000);
    base = `http://127.0.0.1:${m[1]}`;
  }, 200_000);

  afterAll(async () => {
    if (server?.child.pid && server.child.exitCode === null) process.kill(-server.child.pid, "SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("logs each request as one short human-readable line", async () => {
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    await server.waitFor(/INFO: GET \/api\/health 200 \d+ ms/);
    expect(server.output()).not.toMatch(/"level":/);
    expect(server.output()).not.toMatch(/incoming request/);
    // No HOST given: embedded mode (development login on) listens on loopback only, and says nothing alarming.
    expect(server.output()).toMatch(/Server listening at http:\/\/127\.0\.0\.1:/);
    expect(server.output()).not.toMatch(/CẢNH BÁO/);
  }, 120_000);

  it("stops on SIGINT to the process group with one line, exit code 0 and no stack trace", async () => {
    // Queue work so that workers hold database connections while the stop runs.
    const login = await fetch(`${base}/api/auth/dev`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Vàng Thị Dung", zaloId: "demo-hoivien" }),
    });
    const { token } = (await login.json()) as { token: string };
    for (let i = 0; i < 5; i++) {
      const sent = await fetch(`${base}/api/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ kind: "feedback", category: "viec_lam", body: `Chị em cần lớp học nghề, lần ${i + 1}.` }),
      });
      expect(sent.status).toBe(201);
    }
    const before = server.output().length;
    process.kill(-(server.child.pid as number), "SIGINT");
    expect(await server.exited, server.output()).toBe(0);
    const after = server.output().slice(before);
    expect(after).not.toMatch(/57P01|terminating connection/);
    expect(after).not.toMatch(/^\s+at /m);
    // Request lines of the submissions may still arrive; apart from them, the stop says one thing.
    const lines = after.split("\n").filter((l) => l.trim() !== "" && !/INFO: (GET|POST) /.test(l));
    expect(lines).toEqual(["[hoiso] Nhận SIGINT, đang dừng…"]);
    expect(fs.existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);
  }, 120_000);
});
