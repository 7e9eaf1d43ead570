import { check } from "./corrupt.js";

const F = "mp4";

interface Box {
  type: string;
  /** First byte of the box's content (after its header). */
  body: number;
  end: number;
}

/** ISO-BMFF boxes laid end to end between `start` and `end`; they must tile the range exactly. */
function boxes(buf: Buffer, start: number, end: number): Box[] {
  const list: Box[] = [];
  let pos = start;
  while (pos < end) {
    check(pos + 8 <= end, F, "truncated box header");
    let size = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    let header = 8;
    if (size === 1) {
      check(pos + 16 <= end, F, "truncated large box header");
      const big = buf.readBigUInt64BE(pos + 8);
      check(big <= BigInt(end - pos), F, `box ${type} runs past the end`);
      size = Number(big);
      header = 16;
    } else if (size === 0) {
      size = end - pos;
    }
    check(size >= header && pos + size <= end, F, `box ${type} runs past the end`);
    list.push({ type, body: pos + header, end: pos + size });
    pos += size;
  }
  return list;
}

const child = (buf: Buffer, parent: Box, type: string) => boxes(buf, parent.body, parent.end).find((b) => b.type === type);

const VISUAL_HANDLERS = new Set(["vide", "pict", "auxv"]);

export interface AudioInfo {
  mime: "audio/mp4" | "audio/3gpp";
  durationMs: number | null;
}

/**
 * An .m4a / MediaRecorder mp4 / 3gp voice note: `ftyp` first, a `moov` whose tracks include sound and no
 * picture or video (so a video or a HEIC photo relabelled as audio is refused).
 */
export function inspectMp4(buf: Buffer): AudioInfo {
  const top = boxes(buf, 0, buf.length);
  check(top[0]?.type === "ftyp" && top[0].end - top[0].body >= 8, F, "ftyp is not the first box");
  const brand = buf.toString("latin1", top[0].body, top[0].body + 4);
  const moov = top.find((b) => b.type === "moov");
  check(moov, F, "no moov box");
  const tracks = boxes(buf, moov.body, moov.end).filter((b) => b.type === "trak");
  const handlers = tracks.map((trak) => {
    const mdia = child(buf, trak, "mdia");
    const hdlr = mdia && child(buf, mdia, "hdlr");
    check(hdlr && hdlr.end - hdlr.body >= 12, F, "track without handler");
    return buf.toString("latin1", hdlr.body + 8, hdlr.body + 12);
  });
  check(handlers.includes("soun"), F, "no sound track");
  check(!handlers.some((h) => VISUAL_HANDLERS.has(h)), F, "has a picture or video track");

  let durationMs: number | null = null;
  const mvhd = child(buf, moov, "mvhd");
  if (mvhd && mvhd.end - mvhd.body >= 20) {
    const v1 = buf[mvhd.body] === 1 && mvhd.end - mvhd.body >= 32;
    const timescale = buf.readUInt32BE(mvhd.body + (v1 ? 20 : 12));
    const duration = v1 ? Number(buf.readBigUInt64BE(mvhd.body + 24)) : buf.readUInt32BE(mvhd.body + 16);
    // Fragmented MediaRecorder output leaves the duration unknown (0 or all ones).
    if (timescale > 0 && duration > 0 && duration < 0xffffffff) durationMs = Math.round((duration * 1000) / timescale);
  }
  return { mime: brand.startsWith("3g") ? "audio/3gpp" : "audio/mp4", durationMs };
}
