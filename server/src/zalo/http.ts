import http from "node:http";
import https from "node:https";
import { countZaloCall } from "../ops/metrics.js";
import { textOf } from "./text.js";

/** Zalo answers errors as HTTP 200 with a non-zero `error`; this carries the code so callers can branch on it. */
export class ZaloApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly api: string,
  ) {
    super(`Zalo ${api}: ${code} ${message}`);
  }
}

/** Network trouble or a non-JSON answer: the caller may retry, the user did nothing wrong. */
export class ZaloUnavailableError extends Error {}

/** What zaloFetch sends: Zalo's calls carry text bodies and plain headers. */
export interface ZaloRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Connections kept open and reused for every Zalo call of the process. node:http rather than fetch: an announcement
 * makes thousands of calls a second, and fetch's streams and abort signals cost several times the CPU of a plain
 * request (measured in scripts/bench/broadcast.ts).
 */
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 }),
};

class TimeoutError extends Error {
  override readonly name = "TimeoutError";
}

/** One HTTP exchange: the status and the body as text; rejects on a network failure or after `timeoutMs` in all. */
function exchange(url: string, init: ZaloRequest, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const lib = u.protocol === "https:" ? https : http;
    const body = init.body === undefined ? undefined : Buffer.from(init.body, "utf8");
    const req = lib.request(
      u,
      {
        method: init.method ?? "GET",
        agent: agents[u.protocol === "https:" ? "https:" : "http:"],
        headers: { ...init.headers, ...(body ? { "content-length": String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") });
        });
        res.on("error", (err) => {
          clearTimeout(timer);
          reject(err);
        });
      },
    );
    const timer = setTimeout(() => req.destroy(new TimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}

export async function zaloFetch(url: string, init: ZaloRequest, timeoutMs: number, api: string): Promise<Record<string, unknown>> {
  let res: { status: number; text: string };
  try {
    res = await exchange(url, init, timeoutMs);
  } catch (err) {
    countZaloCall(api, "unreachable");
    throw new ZaloUnavailableError(`Zalo ${api} unreachable: ${(err as Error).message}`);
  }
  const { text } = res;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    countZaloCall(api, "unreachable");
    throw new ZaloUnavailableError(`Zalo ${api} answered HTTP ${res.status} with non-JSON`);
  }
  if (typeof body !== "object" || body === null) {
    countZaloCall(api, "unreachable");
    throw new ZaloUnavailableError(`Zalo ${api} answered ${text.slice(0, 80)}`);
  }
  const obj = body as Record<string, unknown>;
  const code = Number(obj.error ?? 0);
  countZaloCall(api, code === 0 && res.status >= 500 ? "unreachable" : code === 0 ? "ok" : code);
  if (code !== 0) throw new ZaloApiError(code, textOf(obj.message ?? obj.error_name ?? obj.error_description), api);
  if (res.status >= 500) throw new ZaloUnavailableError(`Zalo ${api} answered HTTP ${res.status}`);
  return obj;
}
