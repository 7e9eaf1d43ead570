import { check } from "./corrupt.js";

const F = "jpeg";

/** Markers that stand alone (no length field). */
const standalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/**
 * Which APPn/COM segments survive. Everything that can carry who/where/when (Exif incl. GPS, XMP, IPTC/Photoshop,
 * comments, maker blocks, MPF pointers to images we cut off after EOI) goes; only what decoders need to show the
 * picture right stays: JFIF/JFXX (APP0), the ICC colour profile (APP2 "ICC_PROFILE"), Adobe colour transform (APP14).
 */
function keepSegment(marker: number, body: Buffer): boolean {
  if (marker === 0xe0) return true;
  if (marker === 0xe2) return body.subarray(0, 12).toString("latin1") === "ICC_PROFILE\0";
  if (marker === 0xee) return body.subarray(0, 5).toString("latin1") === "Adobe";
  if (marker >= 0xe0 && marker <= 0xef) return false;
  if (marker === 0xfe) return false;
  return true;
}

/**
 * Exif orientation decides which way up a phone photo is shown; dropping it would turn portraits sideways.
 * Returns 2..8 when the Exif block asks for a rotation/flip, otherwise null. Malformed Exif is simply ignored.
 */
export function exifOrientation(app1: Buffer): number | null {
  if (app1.subarray(0, 6).toString("latin1") !== "Exif\0\0") return null;
  const tiff = app1.subarray(6);
  if (tiff.length < 8) return null;
  const order = tiff.subarray(0, 2).toString("latin1");
  if (order !== "II" && order !== "MM") return null;
  const le = order === "II";
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > tiff.length) return null;
    if (u16(e) === 0x0112 && u16(e + 2) === 3) {
      const v = u16(e + 8);
      return v >= 2 && v <= 8 ? v : null;
    }
  }
  return null;
}

/** A fresh APP1 holding one tag, Orientation, and nothing else (no GPS pointer, no maker notes, no thumbnail). */
function orientationOnlyExif(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write("MM", 0, "latin1");
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  // bytes 20..21 pad the 4-byte value field; 22..25 "no next IFD" are already zero
  const body = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** Width and height from the first frame header (SOFn: precision, height, width), walking the segments. */
export function jpegSize(src: Buffer): { width: number; height: number } {
  let pos = 2;
  for (;;) {
    check(pos + 4 <= src.length && src[pos] === 0xff, F, "no frame header");
    while (pos < src.length && src[pos] === 0xff) pos++;
    const marker = src[pos]!;
    pos++;
    if (standalone(marker)) continue;
    check(marker !== 0xda && marker !== 0xd9 && pos + 2 <= src.length, F, "no frame header before the scan");
    const len = src.readUInt16BE(pos);
    if (isSof(marker)) {
      check(len >= 7 && pos + 7 <= src.length, F, "short frame header");
      return { height: src.readUInt16BE(pos + 3), width: src.readUInt16BE(pos + 5) };
    }
    pos += len;
  }
}

/**
 * Rewrites a JPEG without its metadata segments, copying the image data (tables, frame, scans) byte for byte.
 * Anything after EOI (trailers, appended secondary images that carry their own Exif) is dropped.
 * Throws CorruptMediaError when the segment structure does not hold together.
 */
export function stripJpeg(src: Buffer): Buffer {
  check(src.length >= 4 && src[0] === 0xff && src[1] === 0xd8, F, "missing SOI");
  const out: Buffer[] = [src.subarray(0, 2)];
  let pos = 2;
  let sawFrame = false;
  let sawScan = false;
  let orientation: number | null = null;
  let orientationAt = -1;

  for (;;) {
    check(pos < src.length && src[pos] === 0xff, F, `expected a marker at ${pos}`);
    while (pos < src.length && src[pos] === 0xff) pos++; // fill bytes
    check(pos < src.length, F, "truncated marker");
    const marker = src[pos]!;
    pos++;
    check(marker !== 0x00 && marker !== 0xd8, F, `unexpected marker ${marker.toString(16)}`);
    if (marker === 0xd9) {
      check(sawFrame && sawScan, F, "EOI before any frame or scan");
      out.push(Buffer.from([0xff, 0xd9]));
      break;
    }
    if (standalone(marker)) {
      out.push(Buffer.from([0xff, marker]));
      continue;
    }
    check(pos + 2 <= src.length, F, "truncated segment length");
    const len = src.readUInt16BE(pos);
    check(len >= 2 && pos + len <= src.length, F, `segment ${marker.toString(16)} runs past the end`);
    const segment = src.subarray(pos - 2, pos + len);
    const body = src.subarray(pos + 2, pos + len);
    pos += len;

    if (marker === 0xe1 && orientation === null) {
      orientation = exifOrientation(body);
      if (orientation !== null) orientationAt = out.length;
    }
    if (isSof(marker)) sawFrame = true;
    if (keepSegment(marker, body)) out.push(segment);
    if (marker !== 0xda) continue;

    check(sawFrame, F, "scan before frame header");
    sawScan = true;
    // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00, a restart marker nor fill.
    const start = pos;
    for (;;) {
      const ff = src.indexOf(0xff, pos);
      if (ff < 0 || ff + 1 >= src.length) {
        pos = src.length;
        break;
      }
      const next = src[ff + 1]!;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos = ff + 2;
      else if (next === 0xff) pos = ff + 1;
      else {
        pos = ff;
        break;
      }
    }
    check(pos < src.length, F, "scan data runs past the end (no EOI)");
    out.push(src.subarray(start, pos));
  }

  if (orientation !== null) out.splice(orientationAt, 0, orientationOnlyExif(orientation));
  return Buffer.concat(out);
}
