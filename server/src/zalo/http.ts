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

export async function zaloFetch(url: string, init: RequestInit, timeoutMs: number, api: string): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    countZaloCall(api, "unreachable");
    throw new ZaloUnavailableError(`Zalo ${api} unreachable: ${(err as Error).message}`);
  }
  const text = await res.text();
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
