import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jpeg, wav } from "./fixtures.js";
import { createMediaContext, login, mediaRowCount, storedFiles, type MediaTestContext } from "./helpers.js";

let ctx: MediaTestContext;
let token: string;
let port: number;

beforeAll(async () => {
  ctx = await createMediaContext();
  token = await login(ctx, "Hoàng Thị Nga");
  await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  port = (ctx.app.server.address() as AddressInfo).port;
});
afterAll(async () => ctx?.close());

const BOUNDARY = "----hoiso-stream-test";
const MB = 1024 * 1024;

interface Outcome {
  status: number;
  body: string;
  /** Bytes of the file we had written when the answer arrived. */
  sentWhenAnswered: number;
}

/**
 * Streams a multipart upload of `fileBytes` total (the given head, then filler) over a real socket, 256 KB at a time,
 * and stops writing as soon as the server answers: a server that reads the whole body first would only answer at the end.
 */
function streamUpload(head: Buffer, fileBytes: number, declaredLength?: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/api/media",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        ...(declaredLength ? { "content-length": String(declaredLength) } : { "transfer-encoding": "chunked" }),
      },
    });
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), sentWhenAnswered: sent });
        req.destroy();
      });
    });
    // The server may close the connection under our feet once it has answered; that is the point.
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    const filler = Buffer.alloc(256 * 1024, 0x41);
    const write = async () => {
      const partHead = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="x"\r\nContent-Type: image/jpeg\r\n\r\n`;
      req.write(partHead);
      req.write(head);
      sent = head.length;
      while (!answered && sent < fileBytes && !req.destroyed) {
        const ok = req.write(filler);
        sent += filler.length;
        if (!ok) await new Promise<void>((r) => {
          const done = () => {
            req.off("drain", done).off("close", done);
            r();
          };
          req.on("drain", done).on("close", done);
        });
        await new Promise((r) => setImmediate(r));
      }
      if (!answered && !req.destroyed) req.end(`\r\n--${BOUNDARY}--\r\n`);
    };
    write().catch(reject);
  });
}

describe("oversized uploads are cut off while streaming", () => {
  it("a 50 MB photo without Content-Length gets 413 after about 5 MB", async () => {
    const out = await streamUpload(jpeg().subarray(0, 20), 50 * MB);
    expect(out.status).toBe(413);
    expect(JSON.parse(out.body)).toMatchObject({ code: "MEDIA_TOO_LARGE" });
    expect(out.sentWhenAnswered).toBeLessThan(20 * MB);
    expect(await mediaRowCount(ctx)).toBe(0);
    expect(storedFiles(ctx.mediaDir)).toEqual([]);
  });

  it("a voice note is cut off at its own 2 MB limit", async () => {
    const out = await streamUpload(wav(0), 50 * MB);
    expect(out.status).toBe(413);
    expect(JSON.parse(out.body)).toMatchObject({ code: "MEDIA_TOO_LARGE" });
    expect(out.sentWhenAnswered).toBeLessThan(20 * MB);
  });

  it("a declared 50 MB Content-Length is refused before the body is read", async () => {
    const out = await streamUpload(jpeg().subarray(0, 20), 50 * MB, 50 * MB + 500);
    expect(out.status).toBe(413);
    expect(out.sentWhenAnswered).toBeLessThan(20 * MB);
    expect(await mediaRowCount(ctx)).toBe(0);
  });

  it("the server keeps serving after cutting uploads off", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });
});
