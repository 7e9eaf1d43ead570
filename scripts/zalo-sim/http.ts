import crypto from "node:crypto";
import type { SimState } from "./state.js";

/** One incoming request, already read, as the route handlers see it. */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  raw: Buffer;
  state: SimState;
}

export interface SimReply {
  status?: number;
  body: unknown;
}

export type SimHandler = (req: SimRequest) => SimReply | Promise<SimReply>;

/** Zalo reports failures as HTTP 200 with a non-zero `error`. */
export const zaloError = (error: number, message: string): SimReply => ({ body: { error, message } });

export const ok = (body: Record<string, unknown>): SimReply => ({ body: { error: 0, message: "Success", ...body } });

export function jsonBody(req: SimRequest): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(req.raw.toString("utf8"));
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const formBody = (req: SimRequest) => new URLSearchParams(req.raw.toString("utf8"));

export const newMessageId = () => crypto.randomBytes(16).toString("hex");

/** The OA access-token check shared by every OA endpoint: -216 unknown, -220 expired. */
export function checkOaToken(req: SimRequest): SimReply | null {
  const token = req.headers["access_token"];
  const entry = token ? req.state.oaAccess.get(token) : undefined;
  if (!entry) return zaloError(-216, "Access token is invalid");
  if (entry.expiresAt <= Date.now()) return zaloError(-220, "Access token has expired");
  return null;
}
