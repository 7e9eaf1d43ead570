import { check } from "./corrupt.js";

const F = "webp";

/** Chunks needed to draw the picture; EXIF, XMP and any unknown chunk are dropped. */
const KEEP = new Set(["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"]);
const FLAG_EXIF = 0x08;
const FLAG_XMP = 0x04;

function validBitstream(fourcc: string, data: Buffer): boolean {
  // VP8 key frame start code, VP8L signature byte.
  if (fourcc === "VP8 ") return data.length >= 10 && data[3] === 0x9d && data[4] === 0x01 && data[5] === 0x2a;
  if (fourcc === "VP8L") return data.length >= 5 && data[0] === 0x2f;
  return true;
}

/** Canvas size: from VP8X when present, else from the VP8 key frame or the VP8L header (both up to 16383²). */
export function webpSize(src: Buffer): { width: number; height: number } {
  const fourcc = src.toString("latin1", 12, 16);
  const d = 20;
  check(src.length >= d + (fourcc === "VP8L" ? 5 : 10), F, "short first chunk");
  if (fourcc === "VP8X") return { width: src.readUIntLE(d + 4, 3) + 1, height: src.readUIntLE(d + 7, 3) + 1 };
  if (fourcc === "VP8 ") return { width: src.readUInt16LE(d + 6) & 0x3fff, height: src.readUInt16LE(d + 8) & 0x3fff };
  check(fourcc === "VP8L", F, "unexpected first chunk");
  const bits = src.readUInt32LE(d + 1);
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}

/**
 * Rewrites a WebP (RIFF) without EXIF/XMP and unknown chunks, clears the matching VP8X flags and
 * recomputes the RIFF size. Bytes beyond the declared RIFF size are dropped.
 */
export function stripWebp(src: Buffer): Buffer {
  check(
    src.length >= 20 && src.toString("latin1", 0, 4) === "RIFF" && src.toString("latin1", 8, 12) === "WEBP",
    F,
    "missing RIFF/WEBP header",
  );
  const riffEnd = 8 + src.readUInt32LE(4);
  check(riffEnd <= src.length && riffEnd >= 12 + 8, F, "RIFF size runs past the end");
  const chunks: Buffer[] = [];
  let vp8x: Buffer | null = null;
  let sawImage = false;
  let pos = 12;
  let index = 0;
  while (pos < riffEnd) {
    check(pos + 8 <= riffEnd, F, "truncated chunk header");
    const fourcc = src.toString("latin1", pos, pos + 4);
    const size = src.readUInt32LE(pos + 4);
    const padded = size + (size & 1);
    check(pos + 8 + size <= riffEnd, F, `chunk ${fourcc} runs past the end`);
    const data = src.subarray(pos + 8, pos + 8 + size);
    if (index === 0) check(fourcc === "VP8X" || fourcc === "VP8 " || fourcc === "VP8L", F, "unexpected first chunk");
    if (fourcc === "VP8X") check(index === 0 && size >= 10, F, "misplaced VP8X");
    if (fourcc === "VP8 " || fourcc === "VP8L") {
      check(validBitstream(fourcc, data), F, `bad ${fourcc} bitstream header`);
      sawImage = true;
    }
    if (fourcc === "ANMF") sawImage = true;
    if (KEEP.has(fourcc)) {
      // Copy with the padding byte; a last chunk may legally omit it, so add one when missing.
      const chunk = Buffer.alloc(8 + padded);
      src.copy(chunk, 0, pos, Math.min(pos + 8 + padded, riffEnd));
      if (fourcc === "VP8X") vp8x = chunk;
      chunks.push(chunk);
    }
    pos += 8 + padded;
    index++;
  }
  check(sawImage, F, "no image data");
  if (vp8x) vp8x[8] = vp8x[8]! & ~(FLAG_EXIF | FLAG_XMP);
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write("RIFF", 0, "latin1");
  head.writeUInt32LE(4 + body.length, 4);
  head.write("WEBP", 8, "latin1");
  return Buffer.concat([head, body]);
}
