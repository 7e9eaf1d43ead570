import crypto from "node:crypto";
import { ok, zaloError, type SimHandler, type SimRequest, type SimReply } from "./http.js";

function proofMatches(token: string, proof: string, appSecret: string): boolean {
  const expected = Buffer.from(crypto.createHmac("sha256", appSecret).update(token).digest("hex"));
  const got = Buffer.from(proof.toLowerCase());
  return got.length === expected.length && crypto.timingSafeEqual(got, expected);
}

/** Resolves a Mini App user access token, or the error Zalo would answer. */
function userForToken(req: SimRequest): { userId: string } | SimReply {
  const token = req.headers["access_token"];
  const entry = token ? req.state.userTokens.get(token) : undefined;
  if (!entry) return zaloError(-216, "Access token is invalid");
  if (entry.expiresAt <= Date.now()) return zaloError(-220, "Access token has expired");
  return { userId: entry.userId };
}

/** GET /v2.0/me — headers access_token and appsecret_proof = hex HMAC-SHA256(appSecret, token). */
export const graphMe: SimHandler = (req) => {
  const token = req.headers["access_token"] ?? "";
  if (!proofMatches(token, req.headers["appsecret_proof"] ?? "", req.state.opts.appSecret)) {
    return zaloError(-242, "appsecret_proof is invalid");
  }
  const who = userForToken(req);
  if ("body" in who) return who;
  const user = req.state.usersById.get(who.userId);
  if (!user) return zaloError(-216, "Access token is invalid");
  const fields = new Set((req.query.get("fields") ?? "id,name,picture").split(",").map((f) => f.trim()));
  const out: Record<string, unknown> = { id: user.id };
  if (fields.has("name") && user.sharesUserInfo) out.name = user.name;
  if (fields.has("picture") && user.sharesUserInfo) out.picture = { data: { url: user.avatar } };
  // Only for a Mini App verified by / linked to the OA, and only when asked for.
  if (req.state.graphReturnsOaId && fields.has("user_id_by_oa")) out.user_id_by_oa = user.oaUserId;
  if (req.state.graphReturnsOaId && fields.has("is_follower")) out.is_follower = user.following;
  return ok(out);
};

/**
 * GET /v2.0/me/info — exchanges a single-use getPhoneNumber() token (header `code`) for the number, or a getLocation()
 * token for `{provider, latitude, longitude, timestamp}` [docs: the same endpoint serves both tokens].
 */
export const graphMeInfo: SimHandler = (req) => {
  if (req.headers["secret_key"] !== req.state.opts.appSecret) return zaloError(-124, "secret_key is invalid");
  const who = userForToken(req);
  if ("body" in who) return who;
  const code = req.headers["code"] ?? "";
  const place = req.state.locationTokens.get(code);
  if (place) {
    if (place.used || place.expiresAt <= Date.now() || place.userId !== who.userId) return zaloError(-201, "code is invalid, used or expired");
    place.used = true;
    return ok({ data: { provider: "gps", latitude: String(place.latitude), longitude: String(place.longitude), timestamp: String(Date.now()) } });
  }
  const entry = req.state.phoneTokens.get(code);
  if (!entry || entry.used || entry.expiresAt <= Date.now() || entry.userId !== who.userId) {
    return zaloError(-201, "code is invalid, used or expired");
  }
  entry.used = true;
  const user = req.state.usersById.get(who.userId);
  if (!user) return zaloError(-201, "user not found");
  return ok({ data: { number: user.phone } });
};
