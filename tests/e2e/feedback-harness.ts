import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { foldVietnamese, type CreateSubmissionBody, type MediaUploaded, type SubmissionCreated } from "@hoiso/shared";
import { buildApp } from "../../server/src/app.js";
import type { App } from "../../server/src/http/types-app.js";
import { startWorkers, type RunningWorkers } from "../../server/src/queue/registry.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { browserQueueBackend } from "../helpers/services.js";
import { chromiumAvailable, devLoginAs, inBrowser as runInBrowser } from "../helpers/chromium.js";

/**
 * Shared by the feedback browser tests (feedback-send, feedback-reply): the built Mini App in Debian's Chromium
 * against a whole in-process server with the real queue workers running, so items are really routed to a unit.
 * Same rules as home.test.ts: the page is opened on "localhost" (zmp-sdk mocks only there) with a dev login.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WWW = path.join(ROOT, "mini-app/www");
export const SHOTS = path.join(ROOT, "test-results");

export const available = chromiumAvailable("the Mini App feedback browser tests are");

export interface Seeded {
  tinh: string;
  xa: string;
  chiHoi: string;
  woman: string;
  officer: string;
}

/** The woman (demo-hoivien) and the xã officer (demo-canbo-xa) exist before their first dev login, as scripts/seed makes them. */
export const WOMAN = { zaloId: "demo-hoivien", name: "Vàng Thị Dung", phone: "84912345678", shownPhone: "0912345678" };
export const OFFICER = { zaloId: "demo-canbo-xa", name: "Lò Thị Mai" };

async function seed(t: TestContext): Promise<Seeded> {
  const add = async (parent: string | null, level: string, code: string, name: string, kind: string | null) => {
    const id = crypto.randomUUID();
    const parentPath = parent ? (await t.deps.pool.query<{ path: string }>("SELECT path FROM units WHERE id = $1", [parent])).rows[0]!.path : "/";
    await t.deps.pool.query(
      `INSERT INTO units (id, parent_id, level, code, name, kind, path, former_names, search_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, '{}', $8)`,
      [id, parent, level, code, name, kind, `${parentPath}${id}/`, foldVietnamese(name)],
    );
    return id;
  };
  const tinh = await add(null, "tinh", "e2e-lc", "Hội LHPN tỉnh Lào Cai", null);
  const xa = await add(tinh, "xa", "e2e-banme", "Xã Bản Mế", "xã");
  await add(tinh, "xa", "e2e-sapa", "Phường Sa Pa", "phường");
  const chiHoi = await add(xa, "chi_hoi", "e2e-namchay", "Chi hội thôn Nậm Chảy", null);
  await add(xa, "chi_hoi", "e2e-nacang", "Chi hội thôn Na Cáng", null);

  const officer = await t.deps.pool.query<{ id: string }>(
    "INSERT INTO members (zalo_app_user_id, name) VALUES ($1, $2) RETURNING id",
    [`dev-${OFFICER.zaloId}`, OFFICER.name],
  );
  await t.deps.pool.query("INSERT INTO roles (member_id, unit_id, role) VALUES ($1, $2, 'can_bo')", [officer.rows[0]!.id, xa]);
  const woman = await t.deps.pool.query<{ id: string }>(
    `INSERT INTO members (zalo_app_user_id, name, phone, unit_id, membership_status, membership_requested_at)
     VALUES ($1, $2, $3, $4, 'confirmed', now()) RETURNING id`,
    [`dev-${WOMAN.zaloId}`, WOMAN.name, WOMAN.phone, chiHoi],
  );
  return { tinh, xa, chiHoi, woman: woman.rows[0]!.id, officer: officer.rows[0]!.id };
}

export interface Harness {
  t: TestContext;
  base: string;
  seeded: Seeded;
  /** A dev session's bearer token, for preparing data through the public API. */
  tokenFor(zaloId: string, name: string): Promise<string>;
  call<T>(token: string, method: string, url: string, body?: unknown): Promise<T>;
  upload(token: string, bytes: Buffer, name: string): Promise<MediaUploaded>;
  submit(token: string, body: CreateSubmissionBody): Promise<SubmissionCreated>;
  /** Waits for the workers to route a submission; answers its first assignment id. */
  routed(submissionId: string): Promise<string>;
  inBrowser(name: string, body: (page: Page) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(opts: { zaloUrl?: string } = {}): Promise<Harness> {
  if (!fs.existsSync(path.join(WWW, "index.html"))) {
    throw new Error(`${WWW}/index.html is missing: run \`npm run build:app\` before the browser tests (the root \`npm test\` does).`);
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  const backend = await browserQueueBackend();
  const t = await createTestContext(opts.zaloUrl ? { zaloUrl: opts.zaloUrl, backend } : { backend });
  const web: App = await buildApp({ ...t.deps, config: { ...t.config, miniAppDir: WWW } }, { serveMiniApp: true });
  await web.listen({ port: 0, host: "127.0.0.1" });
  const addr = web.server.address();
  if (!addr || typeof addr === "string") throw new Error("server did not report a port");
  const base = `http://localhost:${addr.port}`;
  const api = `http://127.0.0.1:${addr.port}/api`;
  const seeded = await seed(t);
  const workerErrors: string[] = [];
  const workers: RunningWorkers = startWorkers(t.deps, t.deps.modules, (err, where) => {
    // The machine's shared PostgreSQL (max_connections 100) can be full while two test files run at once: a timer's round
    // that could not get a connection runs again at its next tick, so that alone is the machine, not a fault in the code.
    if (where.startsWith("periodic ") && /too many clients already/.test(String(err))) return;
    workerErrors.push(`${where}: ${String(err)}`);
  });

  async function call<T>(token: string, method: string, url: string, body?: unknown): Promise<T> {
    const res = await fetch(`${api}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(data)}`);
    return data as T;
  }

  return {
    t,
    base,
    seeded,
    async tokenFor(zaloId, name) {
      const res = await fetch(`${api}/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ zaloId, name }) });
      const data = (await res.json()) as { token: string };
      return data.token;
    },
    call,
    async upload(token, bytes, name) {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(bytes)]), name);
      const res = await fetch(`${api}/media`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
      const data: unknown = await res.json();
      if (res.status !== 201) throw new Error(`upload → ${res.status} ${JSON.stringify(data)}`);
      return data as MediaUploaded;
    },
    submit: (token, body) => call<SubmissionCreated>(token, "POST", "/submissions", body),
    async routed(submissionId) {
      // Plain polling: this also runs in beforeAll, where expect.poll is not allowed.
      const deadline = Date.now() + 20_000;
      for (;;) {
        const r = await t.deps.pool.query<{ id: string }>("SELECT id FROM assignments WHERE submission_id = $1 ORDER BY created_at LIMIT 1", [submissionId]);
        if (r.rows[0]) return r.rows[0].id;
        if (Date.now() > deadline) throw new Error(`submission ${submissionId} was not routed within 20 s`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    inBrowser: (name, body) =>
      runInBrowser(
        {
          name,
          shotsDir: SHOTS,
          // A fake microphone (a beeping tone) that needs no permission prompt, for the voice note.
          extraArgs: ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
          permissions: ["microphone"],
        },
        body,
      ),
    async close() {
      await workers.stop(5000);
      await web.close();
      await t.close();
      expect(workerErrors, "errors in the queue workers").toEqual([]);
    },
  };
}

export { devLoginAs };

/**
 * Presses `name` on the confirmation that opens (zmp-ui's Modal, ConfirmModal), waiting for it to appear: the page's
 * last button of that name may still be the one that opened it, under the modal's veil until the click times out.
 */
export async function confirmModal(page: Page, name: string): Promise<void> {
  await page.locator(".zaui-modal").getByRole("button", { name, exact: true }).click();
}

/** The whole screen: zmp-ui's app shell scrolls inside itself, so grow the viewport to the page's height for a moment. */
export async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 360, height: 740 };
  const height = await page.evaluate(() => Math.max(...[...document.querySelectorAll(".hs-page")].map((e) => e.scrollHeight), 0));
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height + 80) });
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SHOTS, `e2e-${name}.png`) });
  await page.setViewportSize(size);
}

/** A PNG of w×h truecolour pixels from its filtered rows (`raw`, a 0 filter byte before each row), with extra chunks. */
function pngOf(w: number, h: number, raw: Buffer, extra: Array<[type: string, data: Buffer]> = [], level = zlib.constants.Z_DEFAULT_COMPRESSION): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    ...extra.map(([type, data]) => chunk(type, data)),
    chunk("IDAT", zlib.deflateSync(raw, { level })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A real (tiny) PNG: w×h pixels of one colour, with a tEXt chunk the server must strip. */
export function tinyPng(w = 24, h = 16, rgb: [number, number, number] = [176, 38, 92]): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return pngOf(w, h, raw, [["tEXt", Buffer.from("Comment\0taken at Ban Me", "latin1")]]);
}

/** A camera-sized PNG (w×h, a gradient with noise, so that it stays megabytes when compressed). */
export function cameraPng(w: number, h: number): Buffer {
  const stride = 1 + w * 3;
  const raw = crypto.randomBytes(stride * h);
  for (let y = 0; y < h; y++) {
    raw[y * stride] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * stride + 1 + x * 3;
      raw[o] = ((x * 200) / w + (raw[o]! & 31)) | 0;
      raw[o + 1] = ((y * 200) / h + (raw[o + 1]! & 31)) | 0;
      raw[o + 2] = 90 + (raw[o + 2]! & 31);
    }
  }
  return pngOf(w, h, raw, [], 1);
}

/** The woman (WOMAN) logged in and on Phản ánh › Gửi mới. */
export async function openFeedbackForm(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/`);
  await devLoginAs(page, WOMAN.zaloId);
  await page.getByText("Chào chị Dung!").waitFor({ timeout: 15_000 });
  await page.locator(".hs-tile", { hasText: "Phản ánh" }).click();
  await page.getByTestId("send-form").waitFor();
}
