import { describe, expect, it } from "vitest";
import { CorruptMediaError } from "../../../server/src/modules/media/formats/corrupt.js";
import { exifOrientation } from "../../../server/src/modules/media/formats/jpeg.js";
import { inspect, sniff } from "../../../server/src/modules/media/sniff.js";
import { PNG_SIG, aac, amr, exifWithGps, jpeg, m4a, mp3, oggOpus, png, pngChunk, wav, webmAudio, webp } from "./fixtures.js";

const run = (b: Buffer) => inspect(sniff(b.subarray(0, 16))!, b);
const corrupt = (b: Buffer) => expect(() => run(b)).toThrow(CorruptMediaError);

describe("sniffing ignores everything but the bytes", () => {
  it.each([
    ["HTML", Buffer.from("<html><body>hi</body></html>")],
    ["SVG", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ["GIF", Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1")],
    ["ZIP", Buffer.from("PK\x03\x04\x14\x00\x00\x00", "latin1")],
    ["RIFF AVI", Buffer.from("RIFF\x10\x00\x00\x00AVI LIST", "latin1")],
    ["empty", Buffer.alloc(0)],
  ])("%s is not an allowed type", (_n, b) => expect(sniff(b)).toBeNull());
});

describe("structure checks", () => {
  it("PDF (a cán bộ's proof, issue 13): sniffed from its header; without its end-of-file marker it is corrupt", () => {
    const head = Buffer.from("%PDF-1.7\n%âãÏÓ\n", "latin1");
    expect(sniff(head)).toBe("pdf");
    corrupt(Buffer.concat([head, Buffer.alloc(64, 0x20)]));
    expect(sniff(Buffer.from(" %PDF-1.7\n%âãÏÓ\n", "latin1"))).toBeNull();
  });

  it("JPEG: truncated before EOI, or scan before frame", () => {
    const j = jpeg();
    corrupt(j.subarray(0, j.length - 2));
    corrupt(Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from([0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 63, 0, 0x3f, 0xff, 0xd9])]));
  });

  it("JPEG: the orientation reader survives junk Exif", () => {
    expect(exifOrientation(Buffer.concat([Buffer.from("Exif\0\0"), exifWithGps(8)]))).toBe(8);
    expect(exifOrientation(Buffer.from("Exif\0\0II*\0\xff\xff\xff\x7f", "latin1"))).toBeNull();
    expect(exifOrientation(Buffer.from("Exif\0\0MM"))).toBeNull();
  });

  it("PNG: a bad CRC, a missing IEND or an unknown critical chunk", () => {
    const p = png();
    const flipped = Buffer.from(p);
    flipped[p.length - 20] = flipped[p.length - 20]! ^ 0xff;
    corrupt(flipped);
    corrupt(p.subarray(0, p.length - 12));
    const ihdr = p.subarray(8, 8 + 25);
    corrupt(Buffer.concat([PNG_SIG, ihdr, pngChunk("ZZZZ", Buffer.from([1])), p.subarray(8 + 25)]));
  });

  it("WebP: RIFF size past the end, no image chunk, bad VP8L signature", () => {
    const w = webp();
    corrupt(w.subarray(0, w.length - 4));
    const noImage = Buffer.from("RIFF\x0c\x00\x00\x00WEBPJUNK\x00\x00\x00\x00", "latin1");
    corrupt(noImage);
    const bad = Buffer.from(w);
    bad[20] = 0x00;
    corrupt(bad);
  });

  it("audio: video in mp4 or webm, HEIC-like ftyp without moov, lone sync words", () => {
    corrupt(m4a(["vide", "soun"]));
    corrupt(m4a([]));
    corrupt(Buffer.concat([m4a().subarray(0, 24)]));
    corrupt(webmAudio(1));
    corrupt(Buffer.from([0xff, 0xfb, 0x90, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    corrupt(Buffer.from([0xff, 0xf1, 0x50, 0x40, 0x04, 0x1f, 0xfc, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    corrupt(amr(2).subarray(0, 40));
    corrupt(oggOpus().subarray(0, 40));
    corrupt(wav(100).subarray(0, 50));
  });

  it("valid voice notes keep their bytes exactly and report what they can", () => {
    for (const b of [wav(1600), oggOpus(), m4a(), webmAudio(), mp3(), aac(), amr()]) {
      const out = run(b);
      expect(out.kind).toBe("audio");
      expect(out.bytes.equals(b)).toBe(true);
    }
    expect(run(wav(16000)).durationMs).toBe(1000);
    expect(run(amr(50)).durationMs).toBe(1000);
  });
});
