import crypto from "node:crypto";
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrations } from "../../../server/src/db/migrations/index.js";
import { startProcess } from "../../helpers/process.js";

/** A port nobody listens on now, so the probes can knock before the server opens it. */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

const pause = () => new Promise((r) => setTimeout(r, 25));

/** The status of a GET, or 0 when nothing answers (connection refused or cut). */
async function status(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/**
 * What a load balancer sees of a production API process (`npm run start:api`), from its first instant to its exit: on
 * an empty database it answers nothing, then ready (200) only once every migration is applied and the queue is
 * connected; on SIGTERM readiness turns 503 ("đang dừng") for DRAIN_MS while liveness and the requests still work,
 * then it exits 0.
 */
describe("readiness of a production API process, from start to drain", () => {
  const adminUrl = inject("pgAdminUrl");
  const name = `hoiso_t_${inject("pgRunId")}_drain_${crypto.randomBytes(3).toString("hex")}`;
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const admin = () => new pg.Client({ connectionString: adminUrl });

  beforeAll(async () => {
    // empty, not the migrated template: the process migrates it itself while the probes knock
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
  });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });

  it("is ready only once migrated and connected, and drains on SIGTERM before it exits 0", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = startProcess(
      {
        DATABASE_URL: url,
        QUEUE_BACKEND: "postgres",
        QUEUE_PREFIX: `{t${crypto.randomBytes(5).toString("hex")}}`,
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        ZALO_APP_ID: "app",
        ZALO_APP_SECRET: "secret",
        PHONE_KEYS: `k1:${Buffer.alloc(32, 3).toString("base64")}`,
        DRAIN_MS: "3000",
      },
      ["server/src/main.ts", "--role=api"],
    );
    let exited = false;
    void server.exited.then(() => (exited = true)); // (read in the loops below; the test awaits the exit at its end)
    try {
      const before = new Set<number>();
      for (;;) {
        const s = await status(`${base}/api/health/ready`);
        if (s === 200) break;
        before.add(s);
        if (exited) throw new Error(`the server exited before it was ready:\n${server.output()}`);
        await pause();
      }
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      const applied = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM schema_migrations");
      await db.end();
      expect(applied.rows[0]!.n).toBe(migrations.length);
      // until then nothing answered at all, or "not ready": never a ready that was not
      expect([...before].filter((s) => s !== 0 && s !== 503)).toEqual([]);
      expect(await status(`${base}/api/health/live`)).toBe(200);

      server.child.kill("SIGTERM");
      let draining: Response | null = null;
      while (!draining) {
        const res = await fetch(`${base}/api/health/ready`, { signal: AbortSignal.timeout(5000) }).catch(() => {
          throw new Error(`the server stopped answering without ever saying it was draining:\n${server.output()}`);
        });
        if (res.status === 503) draining = res;
        else {
          expect(res.status).toBe(200); // the signal not yet handled
          await pause();
        }
      }
      expect(await draining.json()).toEqual({ ok: false, detail: "đang dừng" });
      // still serving while the load balancer takes it out: liveness, and any request that still arrives
      expect(await status(`${base}/api/health/live`)).toBe(200);
      expect(await status(`${base}/api/health`)).not.toBe(0);
      expect(await server.exited).toBe(0);
      expect(await status(`${base}/api/health/live`)).toBe(0);
    } finally {
      await server.stop();
    }
  }, 240_000);
});
