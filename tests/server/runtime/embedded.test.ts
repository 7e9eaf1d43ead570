import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "../../helpers/process.js";
import { embeddedPgPort } from "../../helpers/ports.js";

/**
 * The newcomer's path: no DATABASE_URL, no REDIS_URL. `npm start` (scripts/start/main.ts) starts the bundled PostgreSQL,
 * BullMQ on its PostgreSQL backend and the Zalo simulator, then serves the API.
 */
describe("embedded mode (no DATABASE_URL / REDIS_URL)", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-embedded-"));
  const pgPort = String(embeddedPgPort(1));
  const env = {
    DATA_DIR: dataDir,
    PORT: "0",
    HOST: "127.0.0.1",
    EMBEDDED_PG_PORT: pgPort,
    ZALO_SIMULATOR_PORT: "0",
    NODE_ENV: "development",
    LOG_LEVEL: "warn",
    MINI_APP_DIR: path.join(dataDir, "no-app"),
  };
  let server: ServerProcess;
  let base = "";

  const start = async () => {
    server = startServerProcess(env);
    const m = await server.waitFor(/API:\s+http:\/\/localhost:(\d+)\//);
    base = `http://127.0.0.1:${m[1]}`;
  };
  const login = async () => {
    const res = await fetch(`${base}/api/auth/dev`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Lò Thị Mai", zaloId: "smoke-1" }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { token: string; me: { id: string } };
  };

  beforeAll(async () => {
    fs.chmodSync(dataDir, 0o777); // the bundled PostgreSQL runs as the postgres user when we are root
    await start();
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("reports embedded mode with the PostgreSQL queue backend", async () => {
    const res = await fetch(`${base}/api/health`);
    const body = (await res.json()) as { ok: boolean; mode: string; queue: { backend: string; ok: boolean }; zalo: { simulator: boolean } };
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ ok: true, mode: "embedded", queue: { backend: "postgres", ok: true }, zalo: { simulator: true } });
  });

  it("logs in and lists the seeded communes of Lào Cai", async () => {
    const { token } = await login();
    const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { name: string }).name).toBe("Lò Thị Mai");
    const top = (await (await fetch(`${base}/api/units`)).json()) as { items: Array<{ id: string; level: string }> };
    const province = top.items.find((u) => u.level === "tinh");
    const units = province ? await fetch(`${base}/api/units?parentId=${province.id}`) : null;
    const list = units ? ((await units.json()) as { items: Array<{ level: string }> }) : top;
    expect(list.items.filter((u) => u.level === "xa")).toHaveLength(99);
  });

  it("forwards a submission through the queue on the PostgreSQL backend", async () => {
    // The seeded demo member already belongs to a chi hội, so the item goes to the unit the rules name.
    const res = await fetch(`${base}/api/auth/dev`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Vàng Thị Dung", zaloId: "demo-hoivien" }),
    });
    const { token } = (await res.json()) as { token: string };
    const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
    const sent = await fetch(`${base}/api/submissions`, {
      method: "POST",
      headers,
      body: JSON.stringify({ kind: "feedback", category: "viec_lam", body: "Chị em trong thôn cần thông tin về lớp học nghề may." }),
    });
    expect(sent.status).toBe(201);
    const { id } = (await sent.json()) as { id: string };
    let status = "";
    for (let i = 0; i < 60 && status !== "forwarded"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const detail = await fetch(`${base}/api/submissions/${id}`, { headers });
      status = ((await detail.json()) as { status: string }).status;
    }
    expect(status).toBe("forwarded");
  }, 60_000);

  it("refuses a second start on the same data directory with a clear message", async () => {
    const second = startServerProcess({ ...env });
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toMatch(/đang được một tiến trình khác dùng/);
    // the first server is unharmed
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  }, 120_000);

  it("keeps data across a restart", async () => {
    const before = await login();
    expect(await server.stop()).toBe(0);
    await start();
    const after = await login();
    expect(after.me.id).toBe(before.me.id);
  }, 180_000);

  it("starts again after the server was killed, stopping the PostgreSQL it left behind", async () => {
    const before = await login();
    await server.stop("SIGKILL"); // the bundled PostgreSQL keeps running, orphaned
    await start();
    expect(server.output()).toMatch(/còn chạy từ lần trước/);
    const after = await login();
    expect(after.me.id).toBe(before.me.id);
  }, 180_000);
});
