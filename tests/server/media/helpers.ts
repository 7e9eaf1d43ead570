import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestContext, type ContextOptions, type TestContext } from "../../helpers/context.js";
import { multipart, type FilePart } from "./fixtures.js";

export interface MediaTestContext extends TestContext {
  mediaDir: string;
}

/** A test server whose MEDIA_DIR is a fresh temporary directory, removed on close. */
export async function createMediaContext(opts: Pick<ContextOptions, "modules"> = {}): Promise<MediaTestContext> {
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-media-"));
  const ctx = await createTestContext({ ...opts, env: { MEDIA_DIR: mediaDir } });
  return {
    ...ctx,
    mediaDir,
    async close() {
      await ctx.close();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

export async function login(ctx: TestContext, name: string): Promise<string> {
  const res = await ctx.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name, zaloId: name.replace(/\W/g, "_") } });
  if (res.statusCode !== 200) throw new Error(`dev login failed: ${res.statusCode} ${res.body}`);
  return res.json<{ token: string }>().token;
}

export async function memberIdOf(ctx: TestContext, token: string): Promise<string> {
  const res = await ctx.app.inject({ method: "GET", url: "/api/me", headers: { authorization: `Bearer ${token}` } });
  return res.json<{ id: string }>().id;
}

export function upload(ctx: TestContext, token: string | null, part: FilePart | FilePart[]) {
  const { payload, headers } = multipart(Array.isArray(part) ? part : [part]);
  return ctx.app.inject({
    method: "POST",
    url: "/api/media",
    payload,
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

/** Every regular file under the media directory (temporary files included). */
export function storedFiles(mediaDir: string): string[] {
  if (!fs.existsSync(mediaDir)) return [];
  return fs
    .readdirSync(mediaDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

export async function mediaRowCount(ctx: TestContext): Promise<number> {
  const r = await ctx.deps.db.selectFrom("media").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function storedBytes(ctx: MediaTestContext, id: string): Promise<Buffer> {
  const row = await ctx.deps.db.selectFrom("media").select("storage_key").where("id", "=", id).executeTakeFirstOrThrow();
  return fs.readFileSync(path.join(ctx.mediaDir, row.storage_key));
}
