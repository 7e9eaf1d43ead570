import crypto from "node:crypto";
import { zaloFetch } from "./http.js";
import { textOf } from "./text.js";

export interface GraphConfig {
  graphUrl: string;
  appSecret: string;
  httpTimeoutMs: number;
}

export interface ZaloProfile {
  /** Per-Mini-App user id; a string because Zalo ids exceed Number.MAX_SAFE_INTEGER. */
  id: string;
  name: string;
  avatar: string | null;
  /**
   * The id the OA uses for her (`user_id_by_oa`), when Graph gives it: only when the Mini App is verified by, or
   * linked to, the OA [unsure: seen in public integrations, not in Zalo's SDKs]. Zalo vouches for it, unlike the
   * idByOA the Mini App sends, so it may link her OA conversations.
   */
  oaUserId: string | null;
}

/** hex(HMAC-SHA256(key = app secret, message = access token)), required by Graph v2. */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return crypto.createHmac("sha256", appSecret).update(accessToken).digest("hex");
}

/** Verifies a Mini App access token by asking Graph who it belongs to. */
export async function fetchProfile(cfg: GraphConfig, accessToken: string): Promise<ZaloProfile> {
  const body = await zaloFetch(
    `${cfg.graphUrl}/v2.0/me?fields=id,name,picture,user_id_by_oa`,
    { headers: { access_token: accessToken, appsecret_proof: appSecretProof(accessToken, cfg.appSecret) } },
    cfg.httpTimeoutMs,
    "graph/me",
  );
  const picture = body.picture as { data?: { url?: string } } | undefined;
  // Keep ids as the strings Zalo sent; a numeric id would already have lost digits.
  const byOa = body.user_id_by_oa;
  return {
    id: String(body.id),
    name: textOf(body.name),
    avatar: picture?.data?.url ?? null,
    oaUserId: typeof byOa === "string" && /^[0-9]{1,32}$/.test(byOa) ? byOa : null,
  };
}

/** Exchanges a getPhoneNumber() token (single use, ~2 minutes) for the number, "84…". */
export async function exchangePhoneToken(cfg: GraphConfig, accessToken: string, code: string): Promise<string> {
  const body = await zaloFetch(
    `${cfg.graphUrl}/v2.0/me/info`,
    { headers: { access_token: accessToken, code, secret_key: cfg.appSecret } },
    cfg.httpTimeoutMs,
    "graph/me/info",
  );
  const data = body.data as { number?: string } | undefined;
  if (!data?.number) throw new Error("Zalo graph/me/info returned no number");
  return data.number;
}

/**
 * Exchanges a getLocation() token (single use, ~2 minutes) for her coordinates: the same /v2.0/me/info call as the
 * phone token, answering `data: {provider, latitude, longitude, timestamp}` (numbers or numeric strings) [docs].
 */
export async function exchangeLocationToken(cfg: GraphConfig, accessToken: string, code: string): Promise<{ lat: number; lng: number }> {
  const body = await zaloFetch(
    `${cfg.graphUrl}/v2.0/me/info`,
    { headers: { access_token: accessToken, code, secret_key: cfg.appSecret } },
    cfg.httpTimeoutMs,
    "graph/me/info",
  );
  const data = body.data as { latitude?: unknown; longitude?: unknown } | undefined;
  const lat = Number(data?.latitude);
  const lng = Number(data?.longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) throw new Error("Zalo graph/me/info returned no location");
  return { lat, lng };
}
