import { check } from "./corrupt.js";

interface Info<M extends string> {
  mime: M;
  durationMs: number | null;
}

/** Ogg (Opus from Firefox/Android MediaRecorder, or Vorbis): a chain of pages, the first one opening an audio stream. */
export function inspectOgg(buf: Buffer): Info<"audio/ogg"> {
  const F = "ogg";
  let pos = 0;
  let pages = 0;
  while (pos < buf.length) {
    check(pos + 27 <= buf.length && buf.toString("latin1", pos, pos + 4) === "OggS" && buf[pos + 4] === 0, F, "bad page header");
    const segments = buf[pos + 26]!;
    check(pos + 27 + segments <= buf.length, F, "truncated segment table");
    let body = 0;
    for (let i = 0; i < segments; i++) body += buf[pos + 27 + i]!;
    const data = pos + 27 + segments;
    check(data + body <= buf.length, F, "page runs past the end");
    if (pages === 0) {
      check((buf[pos + 5]! & 0x02) !== 0, F, "first page does not begin a stream");
      const head = buf.subarray(data, data + 8).toString("latin1");
      check(head === "OpusHead" || head.startsWith("\x01vorbis"), F, "not an Opus or Vorbis stream");
    }
    pos = data + body;
    pages++;
  }
  return { mime: "audio/ogg", durationMs: null };
}

/** RIFF/WAVE: a fmt chunk and a data chunk inside the declared RIFF size. */
export function inspectWav(buf: Buffer): Info<"audio/wav"> {
  const F = "wav";
  check(buf.length >= 12 && buf.toString("latin1", 0, 4) === "RIFF" && buf.toString("latin1", 8, 12) === "WAVE", F, "no RIFF/WAVE header");
  const end = 8 + buf.readUInt32LE(4);
  check(end <= buf.length, F, "RIFF size runs past the end");
  let byteRate = 0;
  let dataBytes = -1;
  for (let pos = 12; pos < end; ) {
    check(pos + 8 <= end, F, "truncated chunk header");
    const id = buf.toString("latin1", pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    check(pos + 8 + size <= end, F, `chunk ${id} runs past the end`);
    if (id === "fmt ") {
      check(size >= 16, F, "short fmt chunk");
      byteRate = buf.readUInt32LE(pos + 16);
    }
    if (id === "data") dataBytes = size;
    pos += 8 + size + (size & 1);
  }
  check(byteRate > 0 && dataBytes >= 0, F, "missing fmt or data chunk");
  return { mime: "audio/wav", durationMs: Math.round((dataBytes * 1000) / byteRate) };
}

const AMR_NB_SIZES = [12, 13, 15, 17, 19, 20, 26, 31, 5, -1, -1, -1, -1, -1, -1, 0];
const AMR_WB_SIZES = [17, 23, 32, 36, 40, 46, 50, 58, 60, 5, -1, -1, -1, -1, 0, 0];

/** AMR / AMR-WB (older Android voice recorders, Zalo voice messages): a magic line then 20 ms frames to the end. */
export function inspectAmr(buf: Buffer): Info<"audio/amr"> {
  const F = "amr";
  const wb = buf.toString("latin1", 0, 9) === "#!AMR-WB\n";
  check(wb || buf.toString("latin1", 0, 6) === "#!AMR\n", F, "no AMR magic");
  const sizes = wb ? AMR_WB_SIZES : AMR_NB_SIZES;
  let pos = wb ? 9 : 6;
  let frames = 0;
  while (pos < buf.length) {
    const header = buf[pos]!;
    check((header & 0x83) === 0, F, "bad frame header padding");
    const size = sizes[(header >> 3) & 0x0f]!;
    check(size >= 0 && pos + 1 + size <= buf.length, F, "bad or truncated frame");
    pos += 1 + size;
    frames++;
  }
  check(frames > 0, F, "no frames");
  return { mime: "audio/amr", durationMs: frames * 20 };
}

const MP3_BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MP3_BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const MP3_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** Length of the MPEG-1/2/2.5 Layer III frame starting at `pos`, or 0 when there is no valid header there. */
export function mp3FrameLength(buf: Buffer, pos: number): number {
  if (pos + 4 > buf.length || buf[pos] !== 0xff || (buf[pos + 1]! & 0xe0) !== 0xe0) return 0;
  const version = (buf[pos + 1]! >> 3) & 3;
  const layer = (buf[pos + 1]! >> 1) & 3;
  const bitrateIndex = buf[pos + 2]! >> 4;
  const rateIndex = (buf[pos + 2]! >> 2) & 3;
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return 0;
  const bitrate = (version === 3 ? MP3_BITRATES_V1 : MP3_BITRATES_V2)[bitrateIndex]! * 1000;
  const rate = MP3_RATES[version]![rateIndex]!;
  const padding = (buf[pos + 2]! >> 1) & 1;
  return Math.floor(((version === 3 ? 144 : 72) * bitrate) / rate) + padding;
}

/** Where the audio frames start: after an ID3v2 tag if there is one. */
export function id3End(buf: Buffer): number {
  if (buf.length < 10 || buf.toString("latin1", 0, 3) !== "ID3") return 0;
  const sizeBytes = buf.subarray(6, 10);
  if (buf[3]! < 2 || buf[3]! > 4 || sizeBytes.some((b) => b >= 0x80)) return -1;
  const size = (sizeBytes[0]! << 21) | (sizeBytes[1]! << 14) | (sizeBytes[2]! << 7) | sizeBytes[3]!;
  return 10 + size + (buf[5]! & 0x10 ? 10 : 0);
}

/**
 * Frames of a stream whose headers are found by `frameLength`: the first must be valid and so must the next two,
 * unless the stream ends (or a trailing tag starts) first. A single lucky sync word in random bytes does not pass.
 */
function checkFrames(buf: Buffer, start: number, frameLength: (b: Buffer, p: number) => number, F: string): void {
  let pos = start;
  for (let i = 0; i < 3; i++) {
    const len = frameLength(buf, pos);
    if (i > 0 && (pos === buf.length || buf.toString("latin1", pos, pos + 3) === "TAG" || buf.toString("latin1", pos, pos + 8) === "APETAGEX")) return;
    check(len > 0 && pos + len <= buf.length, F, `invalid frame ${i} at ${pos}`);
    pos += len;
  }
}

export function inspectMp3(buf: Buffer): Info<"audio/mpeg"> {
  const start = id3End(buf);
  check(start >= 0 && start < buf.length, "mp3", "bad ID3 tag");
  checkFrames(buf, start, mp3FrameLength, "mp3");
  return { mime: "audio/mpeg", durationMs: null };
}

/** Length of the ADTS (raw AAC) frame starting at `pos`, or 0. */
export function adtsFrameLength(buf: Buffer, pos: number): number {
  if (pos + 7 > buf.length || buf[pos] !== 0xff || (buf[pos + 1]! & 0xf6) !== 0xf0) return 0;
  if (((buf[pos + 2]! >> 2) & 0x0f) > 12) return 0;
  const len = ((buf[pos + 3]! & 0x03) << 11) | (buf[pos + 4]! << 3) | (buf[pos + 5]! >> 5);
  return len >= 7 ? len : 0;
}

export function inspectAac(buf: Buffer): Info<"audio/aac"> {
  checkFrames(buf, 0, adtsFrameLength, "aac");
  return { mime: "audio/aac", durationMs: null };
}
