import { checkOaToken, jsonBody, newMessageId, ok, zaloError, type SimHandler } from "./http.js";
import { OA_TEXT_MAX } from "./state.js";

const NIGHT = () => zaloError(-234, "Cannot send messages at night");

/**
 * POST /v3.0/oa/message/cs — a consultation message, allowed only while the user's last interaction
 * is inside the window (7 days). Texts over 2,000 characters are refused, not cut. Checks in Zalo's order of
 * likelihood: token, rate, night, parameters, follow, window.
 */
export const oaMessageCs: SimHandler = (req) => {
  const { state } = req;
  const bad = checkOaToken(req);
  if (bad) return bad;
  if (!state.takeSendSlot()) return zaloError(-32, "Exceeded the rate limit");
  if (state.night) return NIGHT();
  const body = jsonBody(req);
  const recipient = body?.recipient as { user_id?: unknown } | undefined;
  const message = body?.message as { text?: unknown } | undefined;
  // Ids must travel as strings: a number here has already lost digits on the sender's side.
  if (typeof recipient?.user_id !== "string" || typeof message?.text !== "string" || message.text.length === 0) {
    return zaloError(-201, "Parameters are invalid");
  }
  if (message.text.length > OA_TEXT_MAX) return zaloError(-201, `Parameters are invalid: text is longer than ${OA_TEXT_MAX} characters`);
  const user = state.usersByOa.get(recipient.user_id);
  if (!user) return zaloError(-201, "user_id is invalid");
  if (!user.following) return zaloError(-213, "User has not followed the OA");
  if (!state.withinWindow(user)) return zaloError(-230, "User has not interacted with the OA within the allowed time");
  const messageId = newMessageId();
  state.recordMessage({ kind: "cs", messageId, userId: user.oaUserId, text: message.text, at: new Date() });
  return ok({ data: { message_id: messageId, user_id: user.oaUserId } });
};

/**
 * POST /message/template — a pre-approved template message to a phone number ("84…"). This endpoint says "access
 * token invalid" as -124, for an unknown and an expired token alike (ZALO.md), where the OA endpoints say -216/-220.
 */
export const templateMessage: SimHandler = (req) => {
  const { state } = req;
  if (checkOaToken(req)) return zaloError(-124, "Access token invalid");
  if (!state.takeSendSlot()) return zaloError(-32, "Exceeded the rate limit");
  if (state.night) return NIGHT();
  const body = jsonBody(req);
  const phone = body?.phone;
  if (typeof phone !== "string" || !/^84\d{9,10}$/.test(phone)) return zaloError(-108, "Phone number is invalid");
  const templateId = body?.template_id;
  const data = body?.template_data;
  if ((typeof templateId !== "string" && typeof templateId !== "number") || String(templateId) === "") {
    return zaloError(-1124, "template_id is invalid");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return zaloError(-1123, "template_data is invalid");
  const trackingId = typeof body?.tracking_id === "string" ? body.tracking_id : undefined;
  const messageId = newMessageId();
  state.recordMessage({
    kind: "template",
    messageId,
    phone,
    templateId: String(templateId),
    templateData: data as Record<string, unknown>,
    ...(trackingId ? { trackingId } : {}),
    at: new Date(),
  });
  return ok({ data: { msg_id: messageId, sent_time: String(Date.now()), quota: { dailyQuota: "500", remainingQuota: "499" } } });
};
