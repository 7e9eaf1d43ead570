import type { ErrorBody } from "@hoiso/shared";
import "../i18n/common/index.js";
import { t } from "../i18n/index.js";

/** What every failed call turns into: the server's stable code and its Vietnamese message, ready to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const BASE = (import.meta.env.VITE_API_URL || "/api").replace(/\/+$/, "");

/** A path on the API's server outside /api (the queue board), as a full address. */
export function serverUrl(path: string): string {
  return new URL(path, new URL(`${BASE}/`, window.location.href)).href;
}
// Remote communes have slow, patchy networks: wait long, but not forever.
const TIMEOUT_MS = 25_000;
export const UPLOAD_TIMEOUT_MS = 120_000;

let token: string | null = null;
let onExpired: (() => void) | null = null;

export function setAuthToken(t: string | null): void {
  token = t;
}

/** Called when the server no longer knows our session, so the app can log in again. */
export function onSessionExpired(cb: () => void): void {
  onExpired = cb;
}

export type Query = Record<string, string | number | boolean | undefined>;

function url(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== "") qs.set(k, String(v));
  const s = qs.toString();
  return `${BASE}${path}${s ? `?${s}` : ""}`;
}

function isErrorBody(x: unknown): x is ErrorBody {
  return typeof x === "object" && x !== null && typeof (x as ErrorBody).code === "string" && typeof (x as ErrorBody).message === "string";
}

export interface RequestOptions {
  body?: unknown;
  /** A multipart upload instead of a JSON body (the browser sets the boundary header). */
  form?: FormData;
  query?: Query;
  /** Answer with the raw bytes (media) instead of JSON. */
  blob?: boolean;
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** TanStack Query's signal: a query nobody shows any more stops downloading. */
  signal?: AbortSignal;
  /** Sent without her session: public data that must not be tied to who asked (An toàn's trusted addresses). */
  anonymous?: boolean;
}

/** One call to the API: JSON in and out, the bearer token, a timeout, every failure as an ApiError in her language. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: opts.blob ? "*/*" : "application/json", ...opts.headers };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const sentToken = opts.anonymous ? null : token;
  if (sentToken) headers.authorization = `Bearer ${sentToken}`;
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs ?? TIMEOUT_MS);
  const cancel = () => ctrl.abort();
  opts.signal?.addEventListener("abort", cancel);
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      body: opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: ctrl.signal,
    });
    if (opts.blob && res.ok) return (await res.blob()) as T;
  } catch {
    if (opts.signal?.aborted) throw new ApiError(0, "CANCELLED", t("common:errors.unknown"));
    throw ctrl.signal.aborted ? new ApiError(0, "TIMEOUT", t("common:errors.timeout")) : new ApiError(0, "NETWORK", t("common:errors.network"));
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", cancel);
  }
  const data: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (res.ok && (data !== undefined || res.status === 204)) return data as T;
  // A 200 that is not JSON (e.g. an HTML fallback page for a route this server does not have yet).
  if (res.ok) throw new ApiError(res.status, "BAD_RESPONSE", t("common:errors.badResponse"));
  if (res.status === 401 && sentToken && sentToken === token) onExpired?.();
  if (isErrorBody(data)) throw new ApiError(res.status, data.code, data.message, data.field);
  throw new ApiError(res.status, "HTTP_" + res.status, t("common:errors.busy"));
}

/** A path segment from an id. */
export const seg = encodeURIComponent;

/** A random Idempotency-Key (randomUUID needs a secure context; Zalo's webview and localhost are, a LAN address is not). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The message to show for anything a call or the SDK threw. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return t("common:errors.unknown");
}
