/** A single satisfiable byte range, "unsatisfiable", or null when the header should be ignored (serve it all). */
export type ByteRange = { start: number; end: number } | "unsatisfiable" | null;

/**
 * `Range: bytes=a-b | a- | -n` for one range; iOS plays <audio> only from servers that honour it.
 * Multi-range and malformed headers are ignored, which RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== "" && Number(m[2]) < start) return null;
  if (start >= size) return "unsatisfiable";
  return { start, end };
}
