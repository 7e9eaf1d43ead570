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

/**
 * The request went out whole and no answer came (a timeout, or the connection cut while Zalo was working on it): Zalo
 * may have acted on it. A send must not be repeated blindly (a second copy); a refused connection, or a kept-alive
 * connection the server had already closed, is a plain ZaloUnavailableError instead.
 */
export class ZaloNoAnswerError extends ZaloUnavailableError {}

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
/**
 * Calls in flight per process. More do not go faster (the CPU is the limit), they only wait longer for their answers,
 * and an answer later than the timeout is a message in doubt (ZaloNoAnswerError). A call waits for its turn here,
 * before its clock starts.
 */
export const ZALO_CALLS_IN_FLIGHT = 64;
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: ZALO_CALLS_IN_FLIGHT, maxFreeSockets: ZALO_CALLS_IN_FLIGHT }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: ZALO_CALLS_IN_FLIGHT, maxFreeSockets: ZALO_CALLS_IN_FLIGHT }),
};
let inFlight = 0;
const turns: Array<() => void> = [];
async function turn<T>(call: () => Promise<T>): Promise<T> {
  if (inFlight >= ZALO_CALLS_IN_FLIGHT) await new Promise<void>((r) => turns.push(r));
  else inFlight++;
  try {
    return await call();
  } finally {
    const next = turns.shift();
    if (next) next();
    else inFlight--;
  }
}

class TimeoutError extends Error {
  override readonly name = "TimeoutError";
}

/** A failure after the request went out whole: the server may have it (see ZaloNoAnswerError). */
class AfterSending extends Error {}

/** One HTTP exchange: the status and the body as text; rejects on a network failure or after `timeoutMs` in all. */
function exchange(url: string, init: ZaloRequest, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let sent = false;
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
    req.on("finish", () => {
      sent = true;
    });
    req.on("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // a kept-alive connection the server closed while idle refuses the write: nothing reached it
      const stale = req.reusedSocket && err.code === "ECONNRESET";
      reject(sent && !stale ? new AfterSending(err.message) : err);
    });
    req.end(body);
  });
}

export async function zaloFetch(url: string, init: ZaloRequest, timeoutMs: number, api: string): Promise<Record<string, unknown>> {
  let res: { status: number; text: string };
  try {
    res = await turn(() => exchange(url, init, timeoutMs));
  } catch (err) {
    countZaloCall(api, "unreachable");
    if (err instanceof AfterSending) throw new ZaloNoAnswerError(`Zalo ${api} gave no answer: ${err.message}`);
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
