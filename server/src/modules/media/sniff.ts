import type { MediaKind, MediaMime } from "@hoiso/shared";
import { inspectAac, inspectAmr, inspectMp3, inspectOgg, inspectWav, adtsFrameLength, id3End, mp3FrameLength } from "./formats/audio.js";
import { jpegSize, stripJpeg } from "./formats/jpeg.js";
import { inspectMp4 } from "./formats/mp4.js";
import { PNG_SIGNATURE, pngSize, stripPng } from "./formats/png.js";
import { inspectWebm } from "./formats/webm.js";
import { inspectPdf } from "./formats/pdf.js";
import { stripWebp, webpSize } from "./formats/webp.js";

/** How many leading bytes `sniff` needs to decide (fewer only when the whole file is shorter). */
export const SNIFF_BYTES = 16;

export type MediaFormat = "jpeg" | "png" | "webp" | "pdf" | "mp4" | "webm" | "ogg" | "wav" | "mp3" | "aac" | "amr";

export const FORMAT_KIND: Record<MediaFormat, MediaKind> = {
  jpeg: "image",
  png: "image",
  webp: "image",
  pdf: "document",
  mp4: "audio",
  webm: "audio",
  ogg: "audio",
  wav: "audio",
  mp3: "audio",
  aac: "audio",
  amr: "audio",
};

const ascii = (b: Buffer, from: number, to: number) => b.toString("latin1", from, to);

/**
 * Decides the format from magic numbers alone. The client's content type and file name are never consulted:
 * a phone may call an m4a "application/octet-stream", and an attacker may call an HTML page "photo.jpg".
 */
export function sniff(head: Buffer): MediaFormat | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "jpeg";
  if (head.length >= 8 && head.subarray(0, 8).equals(PNG_SIGNATURE)) return "png";
  // "%PDF-1.x": at the very start (PDF readers tolerate leading junk; we do not, so a polyglot cannot pass as a photo)
  if (head.length >= 8 && ascii(head, 0, 5) === "%PDF-" && /^[12]\.\d$/.test(ascii(head, 5, 8))) return "pdf";
  if (head.length >= 12 && ascii(head, 0, 4) === "RIFF") {
    if (ascii(head, 8, 12) === "WEBP") return "webp";
    if (ascii(head, 8, 12) === "WAVE") return "wav";
    return null;
  }
  if (head.length >= 12 && ascii(head, 4, 8) === "ftyp") return "mp4";
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return "webm";
  if (head.length >= 5 && ascii(head, 0, 4) === "OggS" && head[4] === 0) return "ogg";
  if (ascii(head, 0, 6) === "#!AMR\n" || ascii(head, 0, 9) === "#!AMR-WB\n") return "amr";
  if (id3End(head) > 0 || mp3FrameLength(head, 0) > 0) return "mp3";
  if (adtsFrameLength(head, 0) > 0) return "aac";
  return null;
}

export interface Inspected {
  kind: MediaKind;
  mime: MediaMime;
  /** What to store: photos rewritten without metadata, audio as sent. */
  bytes: Buffer;
  durationMs: number | null;
  /** Photos: width × height as the file declares it (what a phone must allocate to show it); audio: null. */
  pixels: number | null;
}

/** Validates the whole file for its sniffed format; throws CorruptMediaError when the structure is broken. */
export function inspect(format: MediaFormat, buf: Buffer): Inspected {
  const image = (mime: MediaMime, bytes: Buffer, size: { width: number; height: number }): Inspected => ({
    kind: "image",
    mime,
    bytes,
    durationMs: null,
    pixels: size.width * size.height,
  });
  const audio = (info: { mime: MediaMime; durationMs: number | null }): Inspected => ({ kind: "audio", bytes: buf, pixels: null, ...info });
  switch (format) {
    case "jpeg":
      return image("image/jpeg", stripJpeg(buf), jpegSize(buf));
    case "png":
      return image("image/png", stripPng(buf), pngSize(buf));
    case "webp":
      return image("image/webp", stripWebp(buf), webpSize(buf));
    case "pdf":
      return { kind: "document", mime: "application/pdf", bytes: inspectPdf(buf), durationMs: null, pixels: null };
    case "mp4":
      return audio(inspectMp4(buf));
    case "webm":
      return audio(inspectWebm(buf));
    case "ogg":
      return audio(inspectOgg(buf));
    case "wav":
      return audio(inspectWav(buf));
    case "mp3":
      return audio(inspectMp3(buf));
    case "aac":
      return audio(inspectAac(buf));
    case "amr":
      return audio(inspectAmr(buf));
  }
}
