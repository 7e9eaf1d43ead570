import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CAMERA_MAKE,
  XMP_GPS,
  exifWithGps,
  gpsLatitudeBytes,
  jpeg,
  jpegHeaderSegments,
  png,
  pngChunks,
  readExif,
  riffChunks,
  webp,
} from "./fixtures.js";
import { createMediaContext, login, storedBytes, upload, type MediaTestContext } from "./helpers.js";

let ctx: MediaTestContext;
let token: string;

beforeAll(async () => {
  ctx = await createMediaContext();
  token = await login(ctx, "Vàng Thị Dung");
});
afterAll(async () => ctx?.close());

async function uploadAndRead(bytes: Buffer): Promise<Buffer> {
  const res = await upload(ctx, token, { bytes, contentType: "image/jpeg", filename: "IMG_0001.JPG" });
  expect(res.statusCode, res.body).toBe(201);
  const { id, sizeBytes } = res.json<{ id: string; sizeBytes: number }>();
  const stored = await storedBytes(ctx, id);
  expect(stored.length).toBe(sizeBytes);
  // What a cán bộ downloads is exactly what is on disk.
  const get = await ctx.app.inject({ method: "GET", url: `/api/media/${id}`, headers: { authorization: `Bearer ${token}` } });
  expect(get.rawPayload.equals(stored)).toBe(true);
  return stored;
}

describe("JPEG metadata is removed", () => {
  const original = jpeg({ exif: exifWithGps(6), xmp: true, comment: "Chụp tại nhà chị A, thôn B", iptc: true, trailer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), exifWithGps()]) });

  it("the fixture really carries GPS (so the test below can fail)", () => {
    const app1 = jpegHeaderSegments(original).find((s) => s.marker === 0xe1 && s.body.toString("latin1", 0, 4) === "Exif");
    expect(app1).toBeDefined();
    expect(readExif(app1!.body).gpsTags).toEqual([1, 2, 3, 4]);
    expect(original.includes(gpsLatitudeBytes())).toBe(true);
  });

  it("drops GPS, camera, XMP, IPTC, comments and anything after EOI; keeps only the orientation", async () => {
    const stored = await uploadAndRead(original);
    const segments = jpegHeaderSegments(stored);
    const markers = segments.map((s) => s.marker);
    expect(markers).not.toContain(0xed); // APP13 IPTC
    expect(markers).not.toContain(0xfe); // COM
    const app1s = segments.filter((s) => s.marker === 0xe1);
    expect(app1s).toHaveLength(1);
    const exif = readExif(app1s[0]!.body);
    expect(exif.gpsTags).toEqual([]);
    expect([...exif.ifd0.keys()]).toEqual([0x0112]);
    expect(exif.ifd0.get(0x0112)).toBe(6);
    expect(stored.includes(gpsLatitudeBytes())).toBe(false);
    expect(stored.includes(Buffer.from(CAMERA_MAKE))).toBe(false);
    expect(stored.includes(Buffer.from(XMP_GPS))).toBe(false);
    expect(stored.includes(Buffer.from("GPSLatitude"))).toBe(false);
    expect(stored.includes(Buffer.from("thôn B"))).toBe(false);
  });

  it("is still a JPEG: starts with SOI, ends with EOI, image data untouched", async () => {
    const stored = await uploadAndRead(original);
    expect([...stored.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...stored.subarray(-2)]).toEqual([0xff, 0xd9]);
    // Tables, frame header, scan and entropy data survive byte for byte.
    const plain = jpeg();
    const fromDqt = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xdb])));
    expect(fromDqt(stored).equals(fromDqt(plain))).toBe(true);
    expect(jpegHeaderSegments(stored)[0]!.marker).toBe(0xe0); // JFIF kept first
  });

  it("a photo without Exif orientation gets no Exif block at all", async () => {
    const stored = await uploadAndRead(jpeg({ exif: exifWithGps(1) }));
    expect(jpegHeaderSegments(stored).some((s) => s.marker === 0xe1)).toBe(false);
    expect(stored.equals(jpeg())).toBe(true);
  });
});

describe("PNG metadata chunks are removed", () => {
  it("drops eXIf, tEXt, iTXt, zTXt, tIME; kept chunks keep valid CRCs", async () => {
    const original = png({ metadata: true });
    expect(pngChunks(original).map((c) => c.type)).toEqual(expect.arrayContaining(["eXIf", "tEXt", "iTXt", "zTXt", "tIME"]));
    const stored = await uploadAndRead(original);
    const chunks = pngChunks(stored);
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "sRGB", "IDAT", "IEND"]);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(stored.includes(gpsLatitudeBytes())).toBe(false);
    expect(stored.includes(Buffer.from("GPS"))).toBe(false);
    expect(stored.equals(png())).toBe(true);
  });
});

describe("WebP metadata chunks are removed", () => {
  it("drops EXIF and XMP, clears their VP8X flags and fixes the RIFF size", async () => {
    const original = webp({ metadata: true });
    const stored = await uploadAndRead(original);
    const chunks = riffChunks(stored);
    expect(chunks.map((c) => c.fourcc)).toEqual(["VP8X", "VP8L"]);
    expect(chunks[0]!.data[0]! & 0x0c).toBe(0);
    expect(stored.readUInt32LE(4)).toBe(stored.length - 8);
    expect(stored.includes(gpsLatitudeBytes())).toBe(false);
    expect(stored.includes(Buffer.from("GPSLatitude"))).toBe(false);
    // The image chunk itself is untouched.
    expect(chunks[1]!.data.equals(riffChunks(webp())[0]!.data)).toBe(true);
  });
});
