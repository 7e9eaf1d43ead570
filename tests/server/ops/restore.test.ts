import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { buildApp } from "../../../server/src/app.js";
import { loadConfig } from "../../../server/src/config.js";
import type { App } from "../../../server/src/http/types-app.js";
import { routeSubmission } from "../../../server/src/modules/feedback/pipeline.js";
import { startRuntime, type Runtime } from "../../../server/src/runtime.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { png } from "../media/fixtures.js";
import { upload } from "../media/helpers.js";
import { buildWorld, primaryAssignment, submitOk } from "../feedback/world.js";

const run = promisify(execFile);

/** The backup and restore of docs/DEPLOYMENT.md ("Backups"), command for command, and the app started on the result. */
describe("a backup restores into a fresh database and the app serves it", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-restore-"));
  const mediaDir = path.join(work, "media");
  const restoredMedia = path.join(work, "restored-media");
  const dump = path.join(work, "hoiso.dump");
  const mediaArchive = path.join(work, "hoiso-media.tar.gz");
  const restoredName = `hoiso_t_${inject("pgRunId")}_restore_${crypto.randomBytes(3).toString("hex")}`;
  const adminUrl = inject("pgAdminUrl");
  const restoredUrl = Object.assign(new URL(adminUrl), { pathname: `/${restoredName}` }).toString();

  let src: TestContext | null = null;
  let runtime: Runtime | null = null;
  let app: App | null = null;
  const made = {} as {
    womanToken: string;
    staffToken: string;
    feedbackId: string;
    trackingCode: string;
    photoId: string;
    photo: Buffer;
    onBehalfAssignment: string;
  };

  beforeAll(async () => {
    // pg_dump refuses a server newer than itself: say so plainly rather than fail later
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const serverMajor = Math.floor(Number((await client.query<{ server_version_num: string }>("SHOW server_version_num")).rows[0]!.server_version_num) / 10000);
    await client.end();
    const { stdout } = await run("pg_dump", ["--version"]);
    const dumpMajor = Number(/(\d+)\.\d+/.exec(stdout)?.[1]);
    if (!(dumpMajor >= serverMajor)) throw new Error(`pg_dump ${dumpMajor} cannot dump PostgreSQL ${serverMajor}: install the matching client`);

    fs.mkdirSync(mediaDir);
    src = await createTestContext({ env: { MEDIA_DIR: mediaDir } });
    const w = await buildWorld(src);
    made.womanToken = w.woman.token;
    made.staffToken = w.staff.xaA.token;
    const up = await upload(src, w.woman.token, { bytes: png(), filename: "anh.png", contentType: "image/png" });
    expect(up.statusCode).toBe(201);
    made.photoId = up.json<{ id: string }>().id;
    const fb = await submitOk(src, w.woman, { kind: "feedback", category: "viec_lam", body: "Đường vào thôn bị sạt lở, xin Hội giúp.", mediaIds: [made.photoId] });
    made.feedbackId = fb.id;
    made.trackingCode = fb.trackingCode;
    const ob = await src.app.inject({
      method: "POST",
      url: "/api/on-behalf",
      headers: w.staff.chiA1.headers,
      payload: { kind: "feedback", category: "viec_lam", body: "Chị Hoa chưa được trả lương.", unitId: w.units.chiA1.id, consent: true, channel: "dien_thoai", womanName: "Vàng Thị Hoa", womanPhone: "0987 654 321" },
    });
    expect(ob.statusCode).toBe(201);
    await routeSubmission(src.deps, fb.id);
    await routeSubmission(src.deps, ob.json<{ id: string }>().id);
    made.onBehalfAssignment = (await primaryAssignment(src.deps, ob.json<{ id: string }>().id))!.id;
    made.photo = (await src.app.inject({ method: "GET", url: `/api/media/${made.photoId}`, headers: w.woman.headers })).rawPayload;

    // the backup, as docs/DEPLOYMENT.md writes it
    await run("pg_dump", ["-Fc", "-f", dump, src.config.databaseUrl!]);
    await run("tar", ["-C", mediaDir, "-czf", mediaArchive, "."]);
    // the original goes away entirely: what follows has only the two files
    await src.close();
    src = null;
    fs.rmSync(mediaDir, { recursive: true, force: true });

    // the restore, as docs/DEPLOYMENT.md writes it
    await run("createdb", ["--maintenance-db", adminUrl, restoredName]);
    await run("pg_restore", ["--no-owner", "-d", restoredUrl, dump]);
    fs.mkdirSync(restoredMedia);
    await run("tar", ["-C", restoredMedia, "-xzf", mediaArchive]);

    // the app started the way main.ts starts it: migrations (none left to apply), queue, modules
    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: restoredUrl,
      QUEUE_BACKEND: "postgres",
      QUEUE_PREFIX: `{t${crypto.randomBytes(5).toString("hex")}}`,
      MEDIA_DIR: restoredMedia,
    });
    const logged: string[] = [];
    runtime = await startRuntime(config, { log: (m) => logged.push(m) });
    expect(logged.filter((m) => m.includes("migration"))).toEqual([]);
    app = await buildApp(runtime.deps);
    await app.ready();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await src?.close();
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
    await c.end();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("her item, its timeline and her photo are served to her, with her old session", async () => {
    const headers = { authorization: `Bearer ${made.womanToken}` };
    const res = await app!.inject({ method: "GET", url: `/api/submissions/${made.feedbackId}`, headers });
    expect(res.statusCode).toBe(200);
    const view = res.json<{ trackingCode: string; body: string; media: Array<{ id: string }> }>();
    expect(view.trackingCode).toBe(made.trackingCode);
    expect(view.body).toBe("Đường vào thôn bị sạt lở, xin Hội giúp.");
    expect(view.media.map((m) => m.id)).toEqual([made.photoId]);
    const photo = await app!.inject({ method: "GET", url: `/api/media/${made.photoId}`, headers });
    expect(photo.statusCode).toBe(200);
    expect(photo.rawPayload.equals(made.photo)).toBe(true);
    expect(photo.rawPayload.length).toBeGreaterThan(0);
  });

  it("the item entered on her behalf reaches its handler with the woman's phone readable", async () => {
    const res = await app!.inject({ method: "GET", url: `/api/assignments/${made.onBehalfAssignment}`, headers: { authorization: `Bearer ${made.staffToken}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json().author).toEqual({ name: "Vàng Thị Hoa", phone: "84987654321" });
  });
});
