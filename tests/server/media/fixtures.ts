import zlib from "node:zlib";

/**
 * Small but structurally real media files, built byte by byte so the tests do not depend on binary fixtures
 * or image libraries. Each builder can add the metadata the server must remove.
 */

const u16be = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const ascii = (s: string) => Buffer.from(s, "latin1");

// ---------- Exif (TIFF) ----------

type IfdValue = { type: 2; text: string } | { type: 3; value: number } | { type: 4; value: number } | { type: 5; rationals: Array<[number, number]> };
export interface IfdEntry {
  tag: number;
  v: IfdValue;
}

/** Little-endian TIFF with IFD0 and, when given, a GPS IFD that IFD0 points to (tag 0x8825). */
export function tiff(ifd0: IfdEntry[], gps?: IfdEntry[]): Buffer {
  const entries0 = gps ? [...ifd0, { tag: 0x8825, v: { type: 4 as const, value: 0 } }] : ifd0;
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const payloadSize = (e: IfdEntry[]) =>
    e.reduce((s, { v }) => {
      const bytes = v.type === 2 ? v.text.length + 1 : v.type === 5 ? v.rationals.length * 8 : 0;
      return s + (bytes > 4 ? bytes : 0);
    }, 0);
  const ifd0At = 8;
  const gpsAt = ifd0At + ifdSize(entries0.length) + payloadSize(entries0);
  const total = gpsAt + (gps ? ifdSize(gps.length) + payloadSize(gps) : 0);
  const b = Buffer.alloc(total);
  b.write("II", 0, "latin1");
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(ifd0At, 4);
  const writeIfd = (at: number, list: IfdEntry[]) => {
    b.writeUInt16LE(list.length, at);
    let data = at + ifdSize(list.length);
    list.forEach(({ tag, v }, i) => {
      const e = at + 2 + i * 12;
      b.writeUInt16LE(tag, e);
      b.writeUInt16LE(v.type, e + 2);
      if (v.type === 3) {
        b.writeUInt32LE(1, e + 4);
        b.writeUInt16LE(v.value, e + 8);
      } else if (v.type === 4) {
        b.writeUInt32LE(1, e + 4);
        b.writeUInt32LE(tag === 0x8825 ? gpsAt : v.value, e + 8);
      } else {
        const bytes =
          v.type === 2
            ? Buffer.concat([ascii(v.text), Buffer.from([0])])
            : Buffer.concat(v.rationals.map(([n, d]) => { const r = Buffer.alloc(8); r.writeUInt32LE(n, 0); r.writeUInt32LE(d, 4); return r; }));
        b.writeUInt32LE(v.type === 2 ? bytes.length : v.rationals.length, e + 4);
        if (bytes.length <= 4) bytes.copy(b, e + 8);
        else {
          b.writeUInt32LE(data, e + 8);
          bytes.copy(b, data);
          data += bytes.length;
        }
      }
    });
    b.writeUInt32LE(0, at + 2 + list.length * 12);
  };
  writeIfd(ifd0At, entries0);
  if (gps) writeIfd(gpsAt, gps);
  return b;
}

/** Lào Cai city, roughly: what must never leak. */
export const GPS_LAT: Array<[number, number]> = [[22, 1], [29, 1], [1234, 100]];
export const GPS_LON: Array<[number, number]> = [[103, 1], [58, 1], [4321, 100]];
export const CAMERA_MAKE = "TestCamHoiSo";

export function exifWithGps(orientation = 6): Buffer {
  return tiff(
    [
      { tag: 0x010f, v: { type: 2, text: CAMERA_MAKE } },
      { tag: 0x0112, v: { type: 3, value: orientation } },
    ],
    [
      { tag: 0x0001, v: { type: 2, text: "N" } },
      { tag: 0x0002, v: { type: 5, rationals: GPS_LAT } },
      { tag: 0x0003, v: { type: 2, text: "E" } },
      { tag: 0x0004, v: { type: 5, rationals: GPS_LON } },
    ],
  );
}

/** The 24 bytes of the latitude rationals as they sit in the Exif block. */
export function gpsLatitudeBytes(): Buffer {
  return Buffer.concat(GPS_LAT.map(([n, d]) => { const r = Buffer.alloc(8); r.writeUInt32LE(n, 0); r.writeUInt32LE(d, 4); return r; }));
}

// ---------- JPEG ----------

const seg = (marker: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), u16be(body.length + 2), body]);

export const XMP_GPS = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="22,29.2N"/></x:xmpmeta>';

export interface JpegOptions {
  exif?: Buffer;
  xmp?: boolean;
  comment?: string;
  iptc?: boolean;
  /** Bytes after EOI (some phones append a second image with its own Exif). */
  trailer?: Buffer;
}

/**
 * An 8×8 grey baseline JPEG: quantisation table of ones, one-code Huffman tables, one block whose DC difference
 * and AC run are both "end" (bits 00, padded with ones → 0x3F).
 */
export function jpeg(opts: JpegOptions = {}): Buffer {
  const parts: Buffer[] = [Buffer.from([0xff, 0xd8])];
  parts.push(seg(0xe0, Buffer.concat([ascii("JFIF\0"), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])])));
  if (opts.exif) parts.push(seg(0xe1, Buffer.concat([ascii("Exif\0\0"), opts.exif])));
  if (opts.xmp) parts.push(seg(0xe1, Buffer.concat([ascii("http://ns.adobe.com/xap/1.0/\0"), ascii(XMP_GPS)])));
  if (opts.iptc) parts.push(seg(0xed, Buffer.concat([ascii("Photoshop 3.0\0"), ascii("8BIM\x04\x04\0\0\0\0\0\x0cHoiSoIPTC!!")])));
  if (opts.comment) parts.push(seg(0xfe, ascii(opts.comment)));
  parts.push(seg(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)])));
  parts.push(seg(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])));
  const oneCode = (cls: number) => Buffer.concat([Buffer.from([cls]), Buffer.from([1, ...Array<number>(15).fill(0)]), Buffer.from([0])]);
  parts.push(seg(0xc4, Buffer.concat([oneCode(0x00), oneCode(0x10)])));
  parts.push(seg(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])));
  parts.push(Buffer.from([0x3f]));
  parts.push(Buffer.from([0xff, 0xd9]));
  if (opts.trailer) parts.push(opts.trailer);
  return Buffer.concat(parts);
}

export interface JpegSegment {
  marker: number;
  body: Buffer;
}

/** Test-side reader (independent of the server's): header segments up to the first scan. */
export function jpegHeaderSegments(buf: Buffer): JpegSegment[] {
  const out: JpegSegment[] = [];
  let pos = 2;
  while (pos + 4 <= buf.length && buf[pos] === 0xff) {
    const marker = buf[pos + 1]!;
    const len = buf.readUInt16BE(pos + 2);
    out.push({ marker, body: buf.subarray(pos + 4, pos + 2 + len) });
    pos += 2 + len;
    if (marker === 0xda) break;
  }
  return out;
}

/** Tags of IFD0 in an Exif APP1 body, with the GPS IFD's tags when IFD0 points to one. */
export function readExif(app1: Buffer): { ifd0: Map<number, number>; gpsTags: number[] } {
  const t = app1.subarray(6);
  const le = t.toString("latin1", 0, 2) === "II";
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  const readIfd = (at: number) => {
    const tags = new Map<number, number>();
    const n = u16(at);
    for (let i = 0; i < n; i++) {
      const e = at + 2 + i * 12;
      const type = u16(e + 2);
      tags.set(u16(e), type === 3 ? u16(e + 8) : u32(e + 8));
    }
    return tags;
  };
  const ifd0 = readIfd(u32(4));
  const gpsAt = ifd0.get(0x8825);
  return { ifd0, gpsTags: gpsAt !== undefined ? [...readIfd(gpsAt).keys()] : [] };
}

// ---------- PNG ----------

export function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([ascii(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([len, typeAndData, crc]);
}

export const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A 1×1 RGB PNG, optionally with every metadata chunk the server must drop. */
export function png(opts: { metadata?: boolean } = {}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const chunks = [pngChunk("IHDR", ihdr), pngChunk("sRGB", Buffer.from([0]))];
  if (opts.metadata) {
    chunks.push(pngChunk("tEXt", ascii("Comment\0GPS 22.4868N 103.9707E")));
    chunks.push(pngChunk("eXIf", exifWithGps(1)));
    chunks.push(pngChunk("iTXt", Buffer.concat([ascii("XML:com.adobe.xmp\0\0\0\0\0"), ascii(XMP_GPS)])));
    chunks.push(pngChunk("zTXt", Buffer.concat([ascii("Author\0\0"), zlib.deflateSync(ascii("Nguyen Thi A"))])));
    chunks.push(pngChunk("tIME", Buffer.from([0x07, 0xea, 11, 29, 3, 47, 51])));
  }
  chunks.push(pngChunk("IDAT", zlib.deflateSync(Buffer.from([0, 200, 30, 90]))));
  chunks.push(pngChunk("IEND", Buffer.alloc(0)));
  return Buffer.concat([PNG_SIG, ...chunks]);
}

export function pngChunks(buf: Buffer): Array<{ type: string; crcOk: boolean }> {
  const out: Array<{ type: string; crcOk: boolean }> = [];
  for (let pos = 8; pos + 12 <= buf.length; ) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    const crcOk = zlib.crc32(buf.subarray(pos + 4, pos + 8 + len)) === buf.readUInt32BE(pos + 8 + len);
    out.push({ type, crcOk });
    pos += 12 + len;
  }
  return out;
}

// ---------- WebP ----------

const riffChunk = (fourcc: string, data: Buffer) => {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([ascii(fourcc), size, data, data.length % 2 ? Buffer.from([0]) : Buffer.alloc(0)]);
};

/** 1×1 lossless: header, then no transforms, no colour cache, five one-symbol prefix codes (pixel costs 0 bits). */
const VP8L_1x1 = Buffer.from([0x2f, 0, 0, 0, 0, 0x88, 0x88, 0x08]);

export function webp(opts: { metadata?: boolean } = {}): Buffer {
  const chunks: Buffer[] = [];
  if (opts.metadata) {
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x08 | 0x04; // Exif + XMP present
    chunks.push(riffChunk("VP8X", vp8x)); // canvas 1×1 (stored minus one: zeros)
  }
  chunks.push(riffChunk("VP8L", VP8L_1x1));
  if (opts.metadata) {
    chunks.push(riffChunk("EXIF", exifWithGps(1)));
    chunks.push(riffChunk("XMP ", ascii(XMP_GPS)));
  }
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write("RIFF", 0, "latin1");
  head.writeUInt32LE(4 + body.length, 4);
  head.write("WEBP", 8, "latin1");
  return Buffer.concat([head, body]);
}

export function riffChunks(buf: Buffer): Array<{ fourcc: string; data: Buffer }> {
  const out: Array<{ fourcc: string; data: Buffer }> = [];
  for (let pos = 12; pos + 8 <= buf.length; ) {
    const size = buf.readUInt32LE(pos + 4);
    out.push({ fourcc: buf.toString("latin1", pos, pos + 4), data: buf.subarray(pos + 8, pos + 8 + size) });
    pos += 8 + size + (size & 1);
  }
  return out;
}

// ---------- audio ----------

/** PCM 16-bit mono 8 kHz; `dataBytes` of silence. */
export function wav(dataBytes = 1600): Buffer {
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0);
  fmt.writeUInt16LE(1, 2);
  fmt.writeUInt32LE(8000, 4);
  fmt.writeUInt32LE(16000, 8);
  fmt.writeUInt16LE(2, 12);
  fmt.writeUInt16LE(16, 14);
  const body = Buffer.concat([ascii("WAVE"), riffChunk("fmt ", fmt), riffChunk("data", Buffer.alloc(dataBytes))]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([ascii("RIFF"), size, body]);
}

function oggPage(flags: number, seq: number, packet: Buffer): Buffer {
  const h = Buffer.alloc(27);
  h.write("OggS", 0, "latin1");
  h[5] = flags;
  h.writeUInt32LE(0x484f4953, 14); // stream serial
  h.writeUInt32LE(seq, 18);
  h[26] = 1;
  return Buffer.concat([h, Buffer.from([packet.length]), packet]);
}

/** Ogg Opus as MediaRecorder writes it: OpusHead page, OpusTags page, one audio page. */
export function oggOpus(): Buffer {
  const head = Buffer.concat([ascii("OpusHead"), Buffer.from([1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0])]);
  const tags = Buffer.concat([ascii("OpusTags"), Buffer.from([4, 0, 0, 0]), ascii("test"), Buffer.alloc(4)]);
  return Buffer.concat([oggPage(0x02, 0, head), oggPage(0, 1, tags), oggPage(0x04, 2, Buffer.from([0xfc, 0xff, 0xfe]))]);
}

const box = (type: string, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body.length);
  return Buffer.concat([size, ascii(type), body]);
};

function hdlr(handler: string): Buffer {
  return box("hdlr", Buffer.alloc(8), ascii(handler), Buffer.alloc(12), ascii("SoundHandler\0"));
}

/** An .m4a: ftyp, moov (mvhd 1.5 s, one track per handler), mdat. */
export function m4a(handlers: string[] = ["soun"], brand = "M4A "): Buffer {
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12); // timescale
  mvhd.writeUInt32BE(1500, 16); // duration
  const traks = handlers.map((h) => box("trak", box("mdia", hdlr(h))));
  return Buffer.concat([
    box("ftyp", ascii(brand), Buffer.alloc(4), ascii(brand), ascii("isom")),
    box("moov", box("mvhd", mvhd), ...traks),
    box("mdat", Buffer.alloc(64, 0x21)),
  ]);
}

const ebml = (id: number[], body: Buffer) => {
  if (body.length > 126) throw new Error("fixture element too long");
  return Buffer.concat([Buffer.from(id), Buffer.from([0x80 | body.length]), body]);
};

/** WebM as Chrome's MediaRecorder writes it: EBML header, unknown-size Segment, Tracks, unknown-size Cluster. */
export function webmAudio(trackType = 2): Buffer {
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3], Buffer.concat([ebml([0x42, 0x86], Buffer.from([1])), ebml([0x42, 0x82], ascii("webm"))]));
  const entry = ebml([0xae], Buffer.concat([ebml([0xd7], Buffer.from([1])), ebml([0x83], Buffer.from([trackType])), ebml([0x86], ascii("A_OPUS"))]));
  const tracks = ebml([0x16, 0x54, 0xae, 0x6b], entry);
  const unknown = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  const cluster = Buffer.concat([Buffer.from([0x1f, 0x43, 0xb6, 0x75]), unknown, ebml([0xe7], Buffer.from([0]))]);
  return Buffer.concat([header, Buffer.from([0x18, 0x53, 0x80, 0x67]), unknown, tracks, cluster]);
}

/** ID3v2.4 tag then MPEG-1 Layer III frames at 128 kbit/s, 44.1 kHz (417 bytes each). */
export function mp3(frames = 3): Buffer {
  const id3 = Buffer.concat([ascii("ID3"), Buffer.from([4, 0, 0, 0, 0, 0, 0])]);
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x00]);
  return Buffer.concat([id3, ...Array.from({ length: frames }, () => frame)]);
}

/** Raw AAC (ADTS), LC, 44.1 kHz mono. */
export function aac(frames = 3, frameLength = 32): Buffer {
  const f = Buffer.alloc(frameLength);
  f.set([0xff, 0xf1, 0x50, 0x40 | (frameLength >> 11), (frameLength >> 3) & 0xff, ((frameLength & 7) << 5) | 0x1f, 0xfc]);
  return Buffer.concat(Array.from({ length: frames }, () => f));
}

/** AMR-NB: magic line, 12.2 kbit/s frames (header 0x3C + 31 bytes). */
export function amr(frames = 10): Buffer {
  const f = Buffer.concat([Buffer.from([0x3c]), Buffer.alloc(31, 0x55)]);
  return Buffer.concat([ascii("#!AMR\n"), ...Array.from({ length: frames }, () => f)]);
}

// ---------- multipart ----------

export interface FilePart {
  bytes: Buffer;
  filename?: string;
  contentType?: string;
  field?: string;
}

export function multipart(parts: FilePart[], boundary = "----hoiso-test-boundary-7d1f"): { payload: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.field ?? "file"}"; filename="${p.filename ?? "upload.bin"}"\r\n` +
          `Content-Type: ${p.contentType ?? "application/octet-stream"}\r\n\r\n`,
        "latin1",
      ),
    );
    chunks.push(p.bytes, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const payload = Buffer.concat(chunks);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(payload.length) } };
}
