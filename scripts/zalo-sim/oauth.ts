import { formBody, type SimHandler, type SimReply } from "./http.js";

/** OAuth v4 failures carry error_name/error_reason/error_description beside the code, still in an HTTP 200. */
const oauthError = (error: number, name: string, reason: string): SimReply => ({
  body: { error, error_name: name, error_reason: reason, error_description: reason },
});

/**
 * POST /v4/oa/access_token — form-encoded, header secret_key (the app secret).
 * grant_type=refresh_token consumes the refresh token: a second use fails, exactly like Zalo.
 */
export const oaAccessToken: SimHandler = (req) => {
  const { state } = req;
  if (req.headers["secret_key"] !== state.opts.appSecret) return oauthError(-14005, "Invalid secret key", "secret_key is invalid");
  const form = formBody(req);
  if (form.get("app_id") !== state.opts.appId) return oauthError(-14002, "Invalid app id", "app_id is invalid");
  if (form.get("grant_type") !== "refresh_token") {
    return oauthError(-14003, "Invalid grant type", "the simulator only supports grant_type=refresh_token");
  }
  const rt = form.get("refresh_token") ?? "";
  const entry = state.oaRefresh.get(rt);
  if (!entry || entry.used || entry.expiresAt <= Date.now()) {
    return oauthError(-14014, "Invalid refresh token", "refresh_token is invalid, expired or already used");
  }
  entry.used = true;
  const pair = state.issueOaTokens();
  return { body: { access_token: pair.accessToken, refresh_token: pair.refreshToken, expires_in: pair.expiresIn } };
};
