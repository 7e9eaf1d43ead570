import { check } from "./corrupt.js";

/**
 * A PDF as a cán bộ attaches it (a scanned decision, a letter): the header at byte 0 and an end-of-file marker in the
 * last kilobyte, as every complete PDF has. PDFs that carry scripts or embedded files are refused: the woman opens it
 * on her phone, and a proof document needs neither.
 */
export function inspectPdf(buf: Buffer): Buffer {
  check(buf.length >= 32, "pdf", "too short");
  check(buf.toString("latin1", 0, 5) === "%PDF-", "pdf", "no header");
  check(buf.toString("latin1", Math.max(0, buf.length - 1024)).includes("%%EOF"), "pdf", "no end-of-file marker (truncated)");
  const text = buf.toString("latin1");
  check(!/\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b/.test(text), "pdf", "active content");
  return buf;
}
