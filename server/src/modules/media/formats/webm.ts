import { check, CorruptMediaError } from "./corrupt.js";

const F = "webm";
const ID_EBML = 0x1a45dfa3;
const ID_DOCTYPE = 0x4282;
const ID_SEGMENT = 0x18538067;
const ID_TRACKS = 0x1654ae6b;
const ID_TRACK_ENTRY = 0xae;
const ID_TRACK_TYPE = 0x83;
const ID_CLUSTER = 0x1f43b675;
const TRACK_AUDIO = 2;

interface Element {
  id: number;
  body: number;
  /** null when the size is "unknown" (live MediaRecorder output). */
  end: number | null;
}

/** Reads one EBML element header at `pos`. */
function element(buf: Buffer, pos: number, limit: number): Element {
  check(pos < limit, F, "truncated element");
  const first = buf[pos]!;
  const idLen = Math.clz32(first) - 23;
  check(idLen >= 1 && idLen <= 4 && pos + idLen < limit, F, "bad element id");
  let id = 0;
  for (let i = 0; i < idLen; i++) id = id * 256 + buf[pos + i]!;
  const s = pos + idLen;
  const lead = buf[s]!;
  const sizeLen = Math.clz32(lead) - 23;
  check(sizeLen >= 1 && sizeLen <= 8 && s + sizeLen <= limit, F, "bad element size");
  let size = lead & (0xff >> sizeLen);
  let allOnes = size === 0xff >> sizeLen;
  for (let i = 1; i < sizeLen; i++) {
    const b = buf[s + i]!;
    size = size * 256 + b;
    allOnes &&= b === 0xff;
  }
  const body = s + sizeLen;
  if (allOnes) return { id, body, end: null };
  check(body + size <= limit, F, "element runs past the end");
  return { id, body, end: body + size };
}

function children(buf: Buffer, parent: { body: number; end: number }): Element[] {
  const list: Element[] = [];
  for (let pos = parent.body; pos < parent.end; ) {
    const el = element(buf, pos, parent.end);
    check(el.end !== null, F, "unknown size inside a sized element");
    list.push(el);
    pos = el.end;
  }
  return list;
}

const uint = (buf: Buffer, el: Element) => {
  let v = 0;
  for (let i = el.body; i < (el.end ?? el.body); i++) v = v * 256 + buf[i]!;
  return v;
};

/** A WebM voice note (Chrome/Firefox MediaRecorder): EBML DocType "webm", and every track is audio. */
export function inspectWebm(buf: Buffer): { mime: "audio/webm"; durationMs: null } {
  const header = element(buf, 0, buf.length);
  check(header.id === ID_EBML && header.end !== null, F, "no EBML header");
  const docType = children(buf, { body: header.body, end: header.end }).find((e) => e.id === ID_DOCTYPE);
  check(docType && buf.toString("latin1", docType.body, docType.end!).replace(/\0+$/, "") === "webm", F, "DocType is not webm");

  const segment = element(buf, header.end, buf.length);
  check(segment.id === ID_SEGMENT, F, "no Segment");
  const segEnd = segment.end ?? buf.length;
  for (let pos = segment.body; pos < segEnd; ) {
    const el = element(buf, pos, segEnd);
    check(el.id !== ID_CLUSTER, F, "media data before track list");
    check(el.end !== null, F, "unknown-size element before track list");
    if (el.id === ID_TRACKS) {
      const types = children(buf, { body: el.body, end: el.end })
        .filter((e) => e.id === ID_TRACK_ENTRY)
        .map((entry) => children(buf, { body: entry.body, end: entry.end! }).find((e) => e.id === ID_TRACK_TYPE));
      check(types.length > 0, F, "no tracks");
      check(types.every((t) => t && uint(buf, t) === TRACK_AUDIO), F, "a track is not audio");
      return { mime: "audio/webm", durationMs: null };
    }
    pos = el.end;
  }
  throw new CorruptMediaError(F, "no track list");
}
