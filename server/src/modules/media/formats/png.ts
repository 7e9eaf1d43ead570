import zlib from "node:zlib";
import { check } from "./corrupt.js";

const F = "png";
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Chunks that change how the picture looks (plus APNG animation). Everything else ancillary is dropped: eXIf, tEXt,
 * iTXt, zTXt, tIME and any private chunk a camera or editor invents to carry metadata.
 */
const KEEP = new Set([
  "IHDR", "PLTE", "IDAT", "IEND",
  "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "hIST", "sPLT",
  "cICP", "mDCv", "cLLi",
  "acTL", "fcTL", "fdAT",
]);

/** Width and height from IHDR (the first chunk, which stripPng has checked). */
export function pngSize(src: Buffer): { width: number; height: number } {
  return { width: src.readUInt32BE(16), height: src.readUInt32BE(20) };
}

/**
 * Rewrites a PNG keeping only rendering chunks, each copied verbatim (so its CRC stays valid).
 * Every chunk's CRC is checked on the way in; bytes after IEND are dropped.
 */
export function stripPng(src: Buffer): Buffer {
  check(src.length >= 8 + 25 + 12 && src.subarray(0, 8).equals(PNG_SIGNATURE), F, "missing signature");
  const out: Buffer[] = [PNG_SIGNATURE];
  let pos = 8;
  let first = true;
  let sawData = false;
  for (;;) {
    check(pos + 12 <= src.length, F, "truncated chunk header (no IEND)");
    const len = src.readUInt32BE(pos);
    check(len <= 0x7fffffff && pos + 12 + len <= src.length, F, "chunk runs past the end");
    const type = src.subarray(pos + 4, pos + 8).toString("latin1");
    check(/^[A-Za-z]{4}$/.test(type), F, "invalid chunk type");
    const crc = src.readUInt32BE(pos + 8 + len);
    check(zlib.crc32(src.subarray(pos + 4, pos + 8 + len)) === crc, F, `bad CRC in ${type}`);
    check(!first || (type === "IHDR" && len === 13), F, "first chunk is not IHDR");
    // An unknown critical chunk (upper-case first letter) means we could not display it anyway.
    check(KEEP.has(type) || type[0] !== type[0]!.toUpperCase(), F, `unknown critical chunk ${type}`);
    if (type === "IDAT") sawData = true;
    if (KEEP.has(type)) out.push(src.subarray(pos, pos + 12 + len));
    pos += 12 + len;
    first = false;
    if (type === "IEND") break;
  }
  check(sawData, F, "no image data");
  return Buffer.concat(out);
}
