import crypto from "node:crypto";
import type { SimState } from "./state.js";

export type WebhookEvent = Record<string, unknown>;

export interface SignedWebhook {
  /** The exact bytes to POST; the signature covers them. */
  body: string;
  headers: Record<string, string>;
}

/**
 * Builds an OA webhook delivery as Zalo would: app_id and a string timestamp filled in when missing,
 * X-ZEvent-Signature: mac=sha256hex(appId + rawBody + timestamp + oaSecret) — plain SHA-256, not HMAC.
 * A user_* event counts as the user interacting with the OA, which opens the consultation window.
 */
export function signWebhook(state: SimState, event: WebhookEvent): SignedWebhook {
  const timestamp = typeof event.timestamp === "string" ? event.timestamp : String(Date.now());
  const full = { app_id: state.opts.appId, ...event, timestamp };
  const body = JSON.stringify(full);
  const mac = crypto.createHash("sha256").update(state.opts.appId + body + timestamp + state.opts.oaSecret).digest("hex");
  noteInteraction(state, full);
  return { body, headers: { "content-type": "application/json", "x-zevent-signature": `mac=${mac}` } };
}

function noteInteraction(state: SimState, event: WebhookEvent): void {
  const name = typeof event.event_name === "string" ? event.event_name : "";
  const sender = (event.sender as { id?: unknown } | undefined)?.id;
  const follower = (event.follower as { id?: unknown } | undefined)?.id;
  const user = state.usersByOa.get(String(name === "follow" || name === "unfollow" ? follower : sender));
  if (!user) return;
  if (name === "unfollow") user.following = false;
  else if (name === "follow") user.following = true;
  if (name === "follow" || (name.startsWith("user_") && name !== "user_received_message" && name !== "user_seen_message")) {
    user.lastInteractionAt = new Date(Number(event.timestamp));
  }
}

/** A user_send_text event from a known OA user, shaped like Zalo's. */
export function textEvent(state: SimState, oaUserId: string, text: string, msgId = crypto.randomBytes(16).toString("hex")): WebhookEvent {
  const user = state.userByOa(oaUserId);
  return {
    app_id: state.opts.appId,
    user_id_by_app: user.id,
    event_name: "user_send_text",
    sender: { id: user.oaUserId },
    recipient: { id: state.opts.oaId },
    message: { msg_id: msgId, text },
    timestamp: String(Date.now()),
  };
}

/** Signs an event and POSTs it to our server, the way Zalo delivers webhooks. */
export async function deliverWebhook(state: SimState, target: string, event: WebhookEvent): Promise<{ status: number; body: string }> {
  const signed = signWebhook(state, event);
  const res = await fetch(target, { method: "POST", headers: signed.headers, body: signed.body, signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: await res.text() };
}
