import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEDIA_LIMITS } from "@hoiso/shared";
import { aac, amr, jpeg, m4a, mp3, oggOpus, png, wav, webmAudio, webp } from "./fixtures.js";
import { createMediaContext, login, mediaRowCount, storedBytes, storedFiles, upload, type MediaTestContext } from "./helpers.js";

let ctx: MediaTestContext;
let token: string;

beforeAll(async () => {
  ctx = await createMediaContext();
  token = await login(ctx, "Lò Thị Mai");
});
afterAll(async () => ctx?.close());

async function expectNothingStoredBeyond(rows: number, files: number) {
  expect(await mediaRowCount(ctx)).toBe(rows);
  expect(storedFiles(ctx.mediaDir)).toHaveLength(files);
}

describe("POST /api/media accepts what phones produce, typed by its bytes", () => {
  // Declared types are deliberately wrong or vague: the server must not care.
  const cases: Array<[string, Buffer, string, "image" | "audio", string]> = [
    ["jpeg", jpeg(), "image/jpeg", "image", "application/octet-stream"],
    ["png", png(), "image/png", "image", "image/jpeg"],
    ["webp", webp(), "image/webp", "image", "image/png"],
    ["m4a", m4a(), "audio/mp4", "audio", "audio/x-m4a"],
    ["3gp", m4a(["soun"], "3gp4"), "audio/3gpp", "audio", "video/3gpp"],
    ["webm", webmAudio(), "audio/webm", "audio", "audio/webm;codecs=opus"],
    ["ogg", oggOpus(), "audio/ogg", "audio", "application/ogg"],
    ["wav", wav(), "audio/wav", "audio", "audio/x-wav"],
    ["mp3", mp3(), "audio/mpeg", "audio", "audio/mp3"],
    ["aac", aac(), "audio/aac", "audio", "audio/aac"],
    ["amr", amr(), "audio/amr", "audio", "application/octet-stream"],
  ];
  it.each(cases)("%s → 201 with the sniffed type, row and file stored", async (_name, bytes, mime, kind, declared) => {
    const res = await upload(ctx, token, { bytes, contentType: declared, filename: "tep-dinh-kem.dat" });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ id: string; kind: string; mime: string; sizeBytes: number }>();
    expect(body).toMatchObject({ kind, mime });
    const stored = await storedBytes(ctx, body.id);
    expect(stored.length).toBe(body.sizeBytes);
    if (kind === "audio") expect(stored.equals(bytes)).toBe(true);
    const row = await ctx.deps.db.selectFrom("media").selectAll().where("id", "=", body.id).executeTakeFirstOrThrow();
    expect(row.sha256).toBe(crypto.createHash("sha256").update(stored).digest("hex"));
    expect(row.mime).toBe(mime);

    const get = await ctx.app.inject({ method: "GET", url: `/api/media/${body.id}`, headers: { authorization: `Bearer ${token}` } });
    expect(get.statusCode).toBe(200);
    expect(get.headers["content-type"]).toBe(mime);
    expect(get.headers["x-content-type-options"]).toBe("nosniff");
    expect(get.rawPayload.equals(stored)).toBe(true);
  });

  it("records the duration of voice notes whose container states it", async () => {
    const res = await upload(ctx, token, { bytes: m4a() });
    const row = await ctx.deps.db.selectFrom("media").select("duration_ms").where("id", "=", res.json<{ id: string }>().id).executeTakeFirstOrThrow();
    expect(row.duration_ms).toBe(1500);
  });

  it("serves byte ranges (iOS plays audio only from servers that do)", async () => {
    const bytes = wav(4000);
    const id = (await upload(ctx, token, { bytes })).json<{ id: string }>().id;
    const auth = { authorization: `Bearer ${token}` };
    const part = await ctx.app.inject({ method: "GET", url: `/api/media/${id}`, headers: { ...auth, range: "bytes=10-19" } });
    expect(part.statusCode).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 10-19/${bytes.length}`);
    expect(part.rawPayload.equals(bytes.subarray(10, 20))).toBe(true);
    const past = await ctx.app.inject({ method: "GET", url: `/api/media/${id}`, headers: { ...auth, range: `bytes=${bytes.length}-` } });
    expect(past.statusCode).toBe(416);
    const full = await ctx.app.inject({ method: "GET", url: `/api/media/${id}`, headers: auth });
    const again = await ctx.app.inject({ method: "GET", url: `/api/media/${id}`, headers: { ...auth, "if-none-match": full.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });
});

describe("POST /api/media refuses, storing nothing", () => {
  it("an HTML page named .jpg and declared image/jpeg → 415 MEDIA_TYPE_NOT_ALLOWED", async () => {
    const rows = await mediaRowCount(ctx);
    const files = storedFiles(ctx.mediaDir).length;
    const html = Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");
    const res = await upload(ctx, token, { bytes: html, filename: "anh-chup.jpg", contentType: "image/jpeg" });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: "MEDIA_TYPE_NOT_ALLOWED", field: "file" });
    expect(res.json<{ message: string }>().message).toMatch(/Chị vui lòng/);
    await expectNothingStoredBeyond(rows, files);
  });

  it("a file with a JPEG signature but no valid structure → 400 MEDIA_CORRUPT", async () => {
    const rows = await mediaRowCount(ctx);
    const files = storedFiles(ctx.mediaDir).length;
    const polyglot = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("<html><script>x()</script></html>")]);
    const res = await upload(ctx, token, { bytes: polyglot, contentType: "image/jpeg" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "MEDIA_CORRUPT" });
    await expectNothingStoredBeyond(rows, files);
  });

  it("a video (mp4 with a video track) sent as a voice note → 400", async () => {
    const rows = await mediaRowCount(ctx);
    const res = await upload(ctx, token, { bytes: m4a(["vide", "soun"], "isom"), contentType: "audio/mp4" });
    expect(res.statusCode).toBe(400);
    expect(await mediaRowCount(ctx)).toBe(rows);
  });

  it("a 6 MB photo → 413 MEDIA_TOO_LARGE", async () => {
    const rows = await mediaRowCount(ctx);
    const files = storedFiles(ctx.mediaDir).length;
    const big = Buffer.concat([jpeg().subarray(0, 20), Buffer.alloc(6 * 1024 * 1024, 0x41)]);
    const res = await upload(ctx, token, { bytes: big, contentType: "image/jpeg", filename: "big.jpg" });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: "MEDIA_TOO_LARGE" });
    expect(res.json<{ message: string }>().message).toMatch(/5 MB/);
    await expectNothingStoredBeyond(rows, files);
  });

  it("a 3 MB voice note → 413 MEDIA_TOO_LARGE (audio has its own, smaller limit)", async () => {
    const rows = await mediaRowCount(ctx);
    const files = storedFiles(ctx.mediaDir).length;
    const res = await upload(ctx, token, { bytes: wav(3 * 1024 * 1024), contentType: "audio/wav" });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: "MEDIA_TOO_LARGE" });
    expect(res.json<{ message: string }>().message).toMatch(/2 MB/);
    await expectNothingStoredBeyond(rows, files);
  });

  it("files exactly at the limit are accepted", async () => {
    const header = wav(0);
    const res = await upload(ctx, token, { bytes: wav(MEDIA_LIMITS.audioMaxBytes - header.length) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ sizeBytes: number }>().sizeBytes).toBe(MEDIA_LIMITS.audioMaxBytes);
  });

  it("no file, an empty file, another field name, or a JSON body → 400 MEDIA_FILE_REQUIRED", async () => {
    const rows = await mediaRowCount(ctx);
    const empty = await upload(ctx, token, { bytes: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: "MEDIA_FILE_REQUIRED" });
    const other = await upload(ctx, token, { bytes: jpeg(), field: "photo" });
    expect(other.json()).toMatchObject({ code: "MEDIA_FILE_REQUIRED" });
    const json = await ctx.app.inject({ method: "POST", url: "/api/media", payload: { file: "x" }, headers: { authorization: `Bearer ${token}` } });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: "MEDIA_FILE_REQUIRED" });
    expect(await mediaRowCount(ctx)).toBe(rows);
  });

  it("without a session → 401, nothing read or stored", async () => {
    const rows = await mediaRowCount(ctx);
    const res = await upload(ctx, null, { bytes: jpeg() });
    expect(res.statusCode).toBe(401);
    expect(await mediaRowCount(ctx)).toBe(rows);
  });
});
