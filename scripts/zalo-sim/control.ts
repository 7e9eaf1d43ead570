import { jsonBody, type SimReply, type SimRequest } from "./http.js";
import { deliverWebhook, signWebhook, textEvent, type WebhookEvent } from "./webhook.js";

const bad = (message: string): SimReply => ({ status: 400, body: { error: "bad_request", message } });
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * The simulator's own control API under /_sim/, so another process (the dev server, a browser test,
 * a benchmark) can create users, open windows and push webhooks. Not part of Zalo.
 */
export async function control(req: SimRequest): Promise<SimReply> {
  const { state } = req;
  const body = req.method === "POST" ? (jsonBody(req) ?? {}) : {};
  const route = `${req.method} ${req.path.slice("/_sim".length)}`;
  const userAction = /^POST \/users\/([0-9]+)\/(interact|following|consent|phone-token|location-token|token)$/.exec(route);
  try {
    if (route === "GET /health") return { body: { ok: true } };
    if (route === "POST /reset") {
      state.reset();
      return { body: { ok: true } };
    }
    if (route === "POST /users") {
      const name = str(body.name);
      if (!name) return bad("name is required");
      const u = state.createUser({ name, id: str(body.id), oaUserId: str(body.oaUserId), phone: str(body.phone), sharesUserInfo: body.sharesUserInfo !== false });
      return { body: u };
    }
    if (userAction) {
      const [, id, action] = userAction as unknown as [string, string, string];
      // Either of her ids works here: the Mini App id or the OA id.
      const user = state.usersById.get(id) ?? state.usersByOa.get(id);
      if (!user) return { status: 404, body: { error: "not_found", message: `no simulated user ${id}` } };
      if (action === "interact") state.interact(user.oaUserId, str(body.at) ? new Date(String(body.at)) : new Date());
      else if (action === "following") state.setFollowing(user.oaUserId, body.following !== false);
      else if (action === "consent") user.sharesUserInfo = body.userInfo !== false;
      else if (action === "phone-token") return { body: { token: state.phoneToken(user.id) } };
      else if (action === "location-token") return { body: { token: state.locationToken(user.id, Number(body.latitude ?? 22.48), Number(body.longitude ?? 103.97)) } };
      else return { body: { accessToken: state.issueUserToken(user.id) } };
      return { body: { ok: true } };
    }
    if (route === "POST /tokens/expire") {
      const token = str(body.token);
      if (!token) return bad("token is required");
      state.expireAccessToken(token);
      return { body: { ok: true } };
    }
    if (route === "POST /oa/tokens") {
      const p = state.issueOaTokens();
      return { body: { access_token: p.accessToken, refresh_token: p.refreshToken, expires_in: p.expiresIn } };
    }
    if (route === "POST /fail") {
      const path = str(body.path);
      const failure = body.error === "drop" ? "drop" : Number(body.error);
      if (!path || (failure !== "drop" && !Number.isInteger(failure))) return bad("path and error (a Zalo code or \"drop\") are required");
      state.failNext(path, failure);
      return { body: { ok: true } };
    }
    if (route === "POST /night") {
      state.night = body.on !== false;
      return { body: { ok: true, night: state.night } };
    }
    if (route === "POST /graph") {
      state.graphReturnsOaId = body.userIdByOa === true;
      return { body: { ok: true, userIdByOa: state.graphReturnsOaId } };
    }
    if (route === "POST /rate") {
      const perSec = Number(body.perSec);
      if (!Number.isFinite(perSec)) return bad("perSec is required (0: no limit)");
      state.opts.ratePerSec = perSec;
      return { body: { ok: true, perSec } };
    }
    if (route === "GET /stats") return { body: { sent: state.sentCount } };
    if (route === "GET /messages") return { body: { items: state.messages } };
    if (route === "GET /requests") return { body: { items: state.requests.filter((r) => !r.path.startsWith("/_sim/")) } };
    if (route === "POST /webhook/sign") return { body: signWebhook(state, (body.event ?? {}) as WebhookEvent) };
    if (route === "POST /webhook") {
      const target = str(body.target);
      if (!target) return bad("target is required");
      let event = body.event as WebhookEvent | undefined;
      if (!event && str(body.oaUserId) && str(body.text)) event = textEvent(state, String(body.oaUserId), String(body.text));
      if (!event) return bad("event, or oaUserId and text, is required");
      return { body: await deliverWebhook(state, target, event) };
    }
  } catch (err) {
    return bad((err as Error).message);
  }
  return { status: 404, body: { error: "not_found", message: `no simulator route ${route}` } };
}
