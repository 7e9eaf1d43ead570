import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepMedia } from "../../../server/src/modules/media/jobs.js";
import { inspect } from "../../../server/src/modules/media/sniff.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { jpeg, PNG_SIG, png, pngChunk, webp } from "./fixtures.js";
import { login, memberIdOf, upload } from "./helpers.js";

/** A valid PNG whose header declares width × height (its one row of data is tiny: the declaration is what counts). */
function pngOf(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([PNG_SIG, pngChunk("IHDR", ihdr), pngChunk("IDAT", zlib.deflateSync(Buffer.alloc(64))), pngChunk("IEND", Buffer.alloc(0))]);
}

/** The fixture JPEG with its frame header saying width × height. */
function jpegOf(width: number, height: number): Buffer {
  const buf = Buffer.from(jpeg());
  const sof = buf.indexOf(Buffer.from([0xff, 0xc0]));
  buf.writeUInt16BE(height, sof + 5);
  buf.writeUInt16BE(width, sof + 7);
  return buf;
}

/** The fixture WebP (with a VP8X chunk) with its canvas saying width × height. */
function webpOf(width: number, height: number): Buffer {
  const buf = Buffer.from(webp({ metadata: true }));
  buf.writeUIntLE(width - 1, 20 + 4, 3);
  buf.writeUIntLE(height - 1, 20 + 7, 3);
  return buf;
}

describe("photo dimensions are read from each format", () => {
  it("PNG, JPEG, WebP (VP8X, VP8L)", () => {
    expect(inspect("png", pngOf(640, 480)).pixels).toBe(640 * 480);
    expect(inspect("png", png()).pixels).toBe(1);
    expect(inspect("jpeg", jpegOf(4000, 3000)).pixels).toBe(12_000_000);
    expect(inspect("jpeg", jpeg()).pixels).toBe(64);
    expect(inspect("webp", webpOf(16383, 2)).pixels).toBe(16383 * 2);
    expect(inspect("webp", webp()).pixels).toBe(1);
  });
});

describe("media limits", () => {
  let ctx: TestContext;
  let mediaDir: string;
  const quotaFiles = 3;

  beforeAll(async () => {
    mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-media-limits-"));
    // The quota fits three of the test PNGs (stored as sent: they carry no metadata).
    const quotaMb = ((quotaFiles + 0.5) * png().length) / (1024 * 1024);
    ctx = await createTestContext({ env: { MEDIA_DIR: mediaDir, MEDIA_QUOTA_MB: quotaMb.toFixed(12) } });
  });
  afterAll(async () => {
    await ctx?.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  it("refuses a photo declaring more pixels than a phone can show, whatever its format", async () => {
    const token = await login(ctx, "Người gửi ảnh to");
    for (const bytes of [pngOf(30000, 30000), jpegOf(65000, 65000), webpOf(20000, 20000)]) {
      const res = await upload(ctx, token, { bytes });
      expect([res.statusCode, res.json().code, res.json().field]).toEqual([413, "MEDIA_DIMENSIONS_TOO_LARGE", "file"]);
      expect(res.json().message).toContain("kích thước quá lớn");
    }
    // A 50-megapixel phone photo is still fine (the default limit).
    expect((await upload(ctx, token, { bytes: jpegOf(8160, 6120) })).statusCode).toBe(201);
    const rows = await ctx.deps.db.selectFrom("media").select("id").where("owner_id", "=", await memberIdOf(ctx, token)).execute();
    expect(rows).toHaveLength(1);
  });

  it("keeps each member under her storage quota, even when her uploads race", async () => {
    const token = await login(ctx, "Người gửi nhiều ảnh");
    const results = await Promise.all(Array.from({ length: 8 }, () => upload(ctx, token, { bytes: png() })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 201, 201, 413, 413, 413, 413, 413]);
    const refused = results.find((r) => r.statusCode === 413)!;
    expect(refused.json().code).toBe("MEDIA_QUOTA_EXCEEDED");
    expect(refused.json().message).toContain("quá mức cho phép");
    // Another member has her own quota.
    expect((await upload(ctx, await login(ctx, "Người khác"), { bytes: png() })).statusCode).toBe(201);
    // Abandoned uploads are swept after an hour, and then she can upload again.
    const me = await memberIdOf(ctx, token);
    await ctx.deps.db.updateTable("media").set({ created_at: new Date(Date.now() - 61 * 60_000) }).where("owner_id", "=", me).execute();
    await sweepMedia(ctx.deps);
    expect((await upload(ctx, token, { bytes: png() })).statusCode).toBe(201);
  });
});
