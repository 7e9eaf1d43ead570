import type { Readable } from "node:stream";
import { MEDIA_LIMITS } from "@hoiso/shared";
import { AppError } from "../../http/errors.js";
import { corrupt, fileRequired, tooLarge, tooManyPixels, typeNotAllowed } from "./errors.js";
import { CorruptMediaError } from "./formats/corrupt.js";
import { FORMAT_KIND, SNIFF_BYTES, inspect, sniff, type Inspected, type MediaFormat } from "./sniff.js";

export const limitFor = (format: MediaFormat) =>
  FORMAT_KIND[format] === "audio" ? MEDIA_LIMITS.audioMaxBytes : FORMAT_KIND[format] === "document" ? MEDIA_LIMITS.documentMaxBytes : MEDIA_LIMITS.imageMaxBytes;

/** The largest file any kind may be; the multipart parser stops reading a file part beyond it. */
export const HARD_LIMIT = Math.max(MEDIA_LIMITS.imageMaxBytes, MEDIA_LIMITS.audioMaxBytes, MEDIA_LIMITS.documentMaxBytes);

/**
 * Reads one uploaded file, sniffing its type from the first bytes and stopping as soon as it is refused or grows past
 * its kind's limit (so a 50 MB upload costs at most a few MB of memory). Then validates the whole file and, for photos,
 * rewrites it without metadata.
 */
export async function readUpload(file: Readable & { truncated?: boolean }, opts: { maxPixels: number }): Promise<Inspected> {
  const chunks: Buffer[] = [];
  let total = 0;
  let format: MediaFormat | null = null;
  let limit = HARD_LIMIT;
  const decide = (): MediaFormat => {
    const found = sniff(Buffer.concat(chunks, total).subarray(0, SNIFF_BYTES));
    if (!found) throw typeNotAllowed();
    limit = limitFor(found);
    return found;
  };
  try {
    for await (const chunk of file) {
      const buf = chunk as Buffer;
      chunks.push(buf);
      total += buf.length;
      if (!format && total >= SNIFF_BYTES) format = decide();
      if (total > limit) throw tooLarge(format ? FORMAT_KIND[format] : null);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The multipart stream broke (client went away, malformed body): the file never arrived whole.
    throw corrupt();
  }
  if (file.truncated) throw tooLarge(format ? FORMAT_KIND[format] : null);
  if (total === 0) throw fileRequired();
  format ??= decide();
  let inspected: Inspected;
  try {
    inspected = inspect(format, Buffer.concat(chunks, total));
  } catch (err) {
    // A read past the end of the buffer is a truncated or lying file, the same as a failed structure check.
    if (err instanceof CorruptMediaError || err instanceof RangeError) throw corrupt();
    throw err;
  }
  // A small file may declare a huge canvas (a 2.6 MB PNG of 30000×30000): refused by what it declares.
  if (inspected.pixels !== null && inspected.pixels > opts.maxPixels) throw tooManyPixels(inspected.pixels, opts.maxPixels);
  return inspected;
}
