import { ErrorCode, normalizeVietnamPhone } from "@hoiso/shared";
import type { AppDeps } from "../deps.js";
import { ZaloApiError, ZaloUnavailableError, zaloFetch } from "./http.js";
import { OaNotConnectedError, OaTokenStore } from "./oa-tokens.js";

export { OaNotConnectedError } from "./oa-tokens.js";

/** What notifications use to reach a woman through the Official Account. */
export interface OaClient {
  /** A consultation message; only inside the window after her last interaction (else -230/-232 → "fallback"). */
  sendText(oaUserId: string, text: string): Promise<{ messageId: string }>;
  /** A pre-approved template message (ZNS/ZBS) to a phone number ("84…" or "0…"). */
  sendTemplate(phone: string, templateId: string, data: Record<string, string>, trackingId: string): Promise<{ messageId: string }>;
}

export type ZaloErrorClass = "refresh" | "retry" | "night" | "fallback" | "fatal";

/** -216 invalid, -220 expired; -124 is how the template (ZNS) endpoint says "access token invalid". */
const REFRESH_CODES = new Set([-216, -220, -124]);
/** No messages at night: send it in the morning, not never. */
const NIGHT_CODES = new Set([-234]);
const RETRY_CODES = new Set([-32]);
/** Outside the window, not following, out of quota: this channel cannot reach her now, another may. */
const FALLBACK_CODES = new Set([-230, -232, -213, -211]);
const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EAI_AGAIN", "ENOTFOUND", "EPIPE", "UND_ERR_SOCKET"]);

/** Decides what a caller does after a failed Zalo call. */
export function classifyZaloError(err: unknown): ZaloErrorClass {
  if (err instanceof ZaloApiError) {
    if (REFRESH_CODES.has(err.code)) return "refresh";
    if (RETRY_CODES.has(err.code)) return "retry";
    if (NIGHT_CODES.has(err.code)) return "night";
    if (FALLBACK_CODES.has(err.code)) return "fallback";
    return "fatal";
  }
  if (err instanceof ZaloUnavailableError) return "retry";
  if (err instanceof InvalidPhoneError) return "fatal";
  // No token pair configured: the OA channel is unusable until an admin connects it, so use another channel.
  if (err instanceof OaNotConnectedError) return "fallback";
  const e = err as { name?: unknown; code?: unknown } | null;
  if (e && (e.name === "AbortError" || e.name === "TimeoutError" || (typeof e.code === "string" && NETWORK_CODES.has(e.code)))) return "retry";
  return "fatal";
}

/** A phone that is not a Vietnamese number: refused here rather than spending a Zalo call on a -108. */
export class InvalidPhoneError extends Error {
  readonly code = ErrorCode.PHONE_INVALID;
  constructor(phone: string) {
    super(`${ErrorCode.PHONE_INVALID}: not a Vietnamese phone number (${phone.replace(/[0-9](?=[0-9]{3})/g, "•")})`);
  }
}

/** Zalo wants "84…"; members may have typed "0912 345 678" or "+84 …". */
export function normalizeZaloPhone(phone: string): string {
  const n = normalizeVietnamPhone(phone);
  if (!n) throw new InvalidPhoneError(phone);
  return n;
}

/** Zalo's limit for an OA text message [unsure: ~2,000 characters]; longer texts are refused, never cut by Zalo. */
export const OA_TEXT_MAX = 2000;
const MORE = "… (Chị xem đầy đủ trong Hội Số)";

/**
 * A text that fits one OA message: as it is when short enough, else cut at a word boundary with a pointer to the
 * app, where the whole text always is. Counted in UTF-16 units, as the strictest reading of the limit, and never
 * cutting an emoji in half.
 */
export function fitOaText(text: string, max = OA_TEXT_MAX): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - MORE.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.search(/\s\S*$/);
  if (space > cut.length - 40 && space > 0) cut = cut.slice(0, space);
  return cut.trimEnd() + MORE;
}

function messageIdOf(body: Record<string, unknown>, api: string): string {
  const data = body.data as { message_id?: unknown; msg_id?: unknown } | undefined;
  const id = data?.message_id ?? data?.msg_id;
  if (typeof id !== "string" && typeof id !== "number") throw new ZaloApiError(-1, "answer carries no message id", api);
  return String(id);
}

export function createOaClient(deps: AppDeps): OaClient {
  const tokens = new OaTokenStore(deps);
  const { openApiUrl, templateUrl, httpTimeoutMs } = deps.config.zalo;

  /** Sends with the current token; on -216/-220/-124 refreshes (once, shared) and resends once. */
  async function withToken(send: (token: string) => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const token = await tokens.accessToken();
    try {
      return await send(token);
    } catch (err) {
      if (classifyZaloError(err) !== "refresh") throw err;
      return send(await tokens.refresh(token));
    }
  }

  const post = (url: string, token: string, payload: unknown, api: string) =>
    zaloFetch(url, { method: "POST", headers: { "content-type": "application/json", access_token: token }, body: JSON.stringify(payload) }, httpTimeoutMs, api);

  return {
    async sendText(oaUserId, text) {
      const api = "oa/message/cs";
      // user_id stays the string Zalo gave us; as a number it would lose digits.
      const body = await withToken((token) => post(`${openApiUrl}/v3.0/oa/message/cs`, token, { recipient: { user_id: oaUserId }, message: { text: fitOaText(text) } }, api));
      return { messageId: messageIdOf(body, api) };
    },
    async sendTemplate(phone, templateId, data, trackingId) {
      const api = "message/template";
      const payload = { phone: normalizeZaloPhone(phone), template_id: templateId, template_data: data, tracking_id: trackingId };
      const body = await withToken((token) => post(`${templateUrl}/message/template`, token, payload, api));
      return { messageId: messageIdOf(body, api) };
    },
  };
}
