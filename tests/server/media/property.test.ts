import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorruptMediaError } from "../../../server/src/modules/media/formats/corrupt.js";
import { inspect, sniff } from "../../../server/src/modules/media/sniff.js";
import { aac, amr, jpeg, exifWithGps, m4a, mp3, oggOpus, png, wav, webmAudio, webp } from "./fixtures.js";
import { createMediaContext, login, mediaRowCount, storedFiles, upload, type MediaTestContext } from "./helpers.js";

/** The test's own idea of what a file is, from its first bytes (written independently of the server's sniffer). */
function oracle(b: Buffer): string | null {
  const s = (from: number, to: number) => b.toString("latin1", from, to);
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (s(0, 8) === "\x89PNG\r\n\x1a\n") return "image/png";
  if (s(0, 4) === "RIFF" && s(8, 12) === "WEBP") return "image/webp";
  if (s(0, 4) === "RIFF" && s(8, 12) === "WAVE") return "audio/wav";
  if (s(4, 8) === "ftyp") return s(8, 10) === "3g" ? "audio/3gpp" : "audio/mp4";
  if (s(0, 4) === "\x1a\x45\xdf\xa3") return "audio/webm";
  if (s(0, 4) === "OggS") return "audio/ogg";
  if (s(0, 5) === "#!AMR") return "audio/amr";
  if (s(0, 3) === "ID3") return "audio/mpeg";
  if (b[0] === 0xff && ((b[1] ?? 0) & 0xf6) === 0xf0) return "audio/aac";
  if (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0) return "audio/mpeg";
  return null;
}

const VALID: Buffer[] = [
  jpeg(),
  jpeg({ exif: exifWithGps(3), xmp: true, comment: "x", iptc: true }),
  png({ metadata: true }),
  webp({ metadata: true }),
  wav(200),
  oggOpus(),
  m4a(),
  webmAudio(),
  mp3(),
  aac(),
  amr(3),
];

const MAGICS = VALID.map((v) => v.subarray(0, 12));

/** Random bytes, real signatures with random tails, and real files truncated, bit-flipped or with bytes spliced in. */
const fileBytes: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
  fc.tuple(fc.constantFrom(...MAGICS), fc.uint8Array({ maxLength: 1024 })).map(([m, t]) => Buffer.concat([m, t])),
  fc
    .tuple(fc.constantFrom(...VALID), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.boolean())
    .map(([v, cut, flips, truncate]) => {
      const b = Buffer.from(v);
      for (const [at, val] of flips) b[at % b.length] = val;
      return truncate ? b.subarray(0, cut % (b.length + 1)) : b;
    }),
  fc
    .tuple(fc.constantFrom(...VALID), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 }))
    .map(([v, at, junk]) => Buffer.concat([v.subarray(0, at % v.length), Buffer.from(junk), v.subarray(at % v.length)])),
);

const declaredType = fc.oneof(
  fc.constantFrom("image/jpeg", "image/png", "image/webp", "audio/mp4", "audio/webm;codecs=opus", "text/html", "application/octet-stream", "image/svg+xml", ""),
  fc.string({ maxLength: 40 }).filter((s) => !/[\r\n]/.test(s)),
);
const filename = fc.oneof(fc.constantFrom("anh.jpg", "ghi-am.m4a", "index.html", "x.svg", ""), fc.string({ maxLength: 30 }).filter((s) => !/[\r\n"]/.test(s)));

describe("format parsers on arbitrary bytes (no server)", () => {
  it("either accept or throw CorruptMediaError — never crash with anything else", () => {
    fc.assert(
      fc.property(fileBytes, (bytes) => {
        const format = sniff(bytes.subarray(0, 16));
        if (!format) return;
        try {
          const out = inspect(format, bytes);
          expect(out.bytes.length).toBeGreaterThan(0);
        } catch (err) {
          if (!(err instanceof CorruptMediaError)) throw err;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("stripping is idempotent: a stripped image strips to itself", () => {
    for (const v of VALID.slice(0, 4)) {
      const once = inspect(sniff(v)!, v).bytes;
      expect(inspect(sniff(once)!, once).bytes.equals(once)).toBe(true);
    }
  });
});

describe("POST /api/media with arbitrary bytes and declared types", () => {
  let ctx: MediaTestContext;
  let token: string;
  beforeAll(async () => {
    ctx = await createMediaContext();
    token = await login(ctx, "Thào Thị Sua");
  });
  afterAll(async () => ctx?.close());

  it("never answers 5xx, and stores something only when the bytes really are an allowed type", async () => {
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(fileBytes, declaredType, filename, async (bytes, contentType, name) => {
        const before = await mediaRowCount(ctx);
        const res = await upload(ctx, token, { bytes, contentType, filename: name });
        expect(res.statusCode, res.body).toBeLessThan(500);
        const after = await mediaRowCount(ctx);
        if (res.statusCode === 201) {
          const { mime } = res.json<{ mime: string }>();
          expect(oracle(bytes)).toBe(mime);
          expect(after).toBe(before + 1);
          stored++;
        } else {
          expect([400, 413, 415]).toContain(res.statusCode);
          expect(res.json<{ code: string }>().code).toMatch(/^MEDIA_/);
          expect(after).toBe(before);
        }
        expect(storedFiles(ctx.mediaDir)).toHaveLength(after);
      }),
      { numRuns: 150 },
    );
    // The generator must reach both outcomes, or the property proves little.
    expect(stored).toBeGreaterThan(0);
  });
});
