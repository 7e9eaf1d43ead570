import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../scripts/zalo-sim/server.js";

const APP = { appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret" };
let sim: ZaloSimulator;

beforeAll(async () => {
  // Zalo's own window (7 days) is the simulator's default.
  sim = await startZaloSimulator({ port: 0, ...APP, ratePerSec: 5 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => sim.reset());

async function call(method: string, path: string, headers: Record<string, string>, body?: string) {
  const res = await fetch(`${sim.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const refresh = (refreshToken: string, secret = APP.appSecret) =>
  call(
    "POST",
    "/v4/oa/access_token",
    { "content-type": "application/x-www-form-urlencoded", secret_key: secret },
    new URLSearchParams({ refresh_token: refreshToken, app_id: APP.appId, grant_type: "refresh_token" }).toString(),
  );

const sendCs = (token: string, userId: unknown, text = "Chào chị") =>
  call("POST", "/v3.0/oa/message/cs", { "content-type": "application/json", access_token: token }, JSON.stringify({ recipient: { user_id: userId }, message: { text } }));

describe("zalo simulator", () => {
  it("hands out ids as digit strings beyond Number.MAX_SAFE_INTEGER", () => {
    const u = sim.createUser({ name: "Lò Thị Mai" });
    for (const id of [u.id, u.oaUserId]) {
      expect(id).toMatch(/^[0-9]{19}$/);
      expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    }
  });

  it("checks appsecret_proof on /v2.0/me and rejects expired tokens with HTTP 200", async () => {
    const u = sim.createUser({ name: "Giàng Thị Say" });
    const proof = crypto.createHmac("sha256", APP.appSecret).update(u.accessToken).digest("hex");
    const good = await call("GET", "/v2.0/me?fields=id,name,picture", { access_token: u.accessToken, appsecret_proof: proof });
    expect(good.json).toMatchObject({ error: 0, id: u.id, name: "Giàng Thị Say" });
    const wrong = await call("GET", "/v2.0/me", { access_token: u.accessToken, appsecret_proof: proof.replace(/^./, (c) => (c === "a" ? "b" : "a")) });
    expect(wrong).toMatchObject({ status: 200, json: { error: -242 } });
    sim.expireAccessToken(u.accessToken);
    const expired = await call("GET", "/v2.0/me", { access_token: u.accessToken, appsecret_proof: proof });
    expect(expired.status).toBe(200);
    expect(expired.json.error).not.toBe(0);
  });

  it("phone tokens work once", async () => {
    const u = sim.createUser({ name: "Vàng Thị Dung", phone: "84912345678" });
    const code = sim.phoneToken(u.id);
    const h = { access_token: u.accessToken, code, secret_key: APP.appSecret };
    expect((await call("GET", "/v2.0/me/info", h)).json).toEqual({ error: 0, message: "Success", data: { number: "84912345678" } });
    expect((await call("GET", "/v2.0/me/info", h)).json.error).not.toBe(0);
  });

  it("refresh tokens are single use and the OAuth error is an HTTP 200", async () => {
    const pair = sim.issueOaTokens();
    const first = await refresh(pair.refreshToken);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: "90000" });
    expect(first.json.refresh_token).not.toBe(pair.refreshToken);
    const again = await refresh(pair.refreshToken);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ error: -14014, error_name: "Invalid refresh token" });
    expect((await refresh(String(first.json.refresh_token), "wrong-secret")).json.error).not.toBe(0);
    expect((await refresh(String(first.json.refresh_token))).json.access_token).toEqual(expect.any(String));
  });

  it("enforces token, follow and Zalo's 7-day consultation window (48 h is only where charging starts)", async () => {
    const { accessToken } = sim.issueOaTokens();
    const u = sim.createUser({ name: "Hoàng Thị Lan" });
    expect((await sendCs("nope", u.oaUserId)).json.error).toBe(-216);
    expect((await sendCs(accessToken, u.oaUserId)).json.error).toBe(-230);
    sim.interact(u.oaUserId, new Date(Date.now() - (7 * 24 + 1) * 3_600_000));
    expect((await sendCs(accessToken, u.oaUserId)).json.error).toBe(-230);
    // Six days after her last message: past the free 48 hours, still allowed.
    sim.interact(u.oaUserId, new Date(Date.now() - 6 * 24 * 3_600_000));
    const sent = await sendCs(accessToken, u.oaUserId, "Ý kiến của chị đã được tiếp nhận");
    expect(sent.json).toMatchObject({ error: 0, data: { message_id: expect.any(String) } });
    expect(sim.sentMessages()).toEqual([expect.objectContaining({ kind: "cs", userId: u.oaUserId, text: "Ý kiến của chị đã được tiếp nhận" })]);
    // A numeric id would have lost digits: the simulator refuses it.
    expect((await sendCs(accessToken, Number(u.oaUserId))).json.error).toBe(-201);
    sim.setFollowing(u.oaUserId, false);
    expect((await sendCs(accessToken, u.oaUserId)).json.error).toBe(-213);
    sim.expireAccessToken(accessToken);
    expect((await sendCs(accessToken, u.oaUserId)).json.error).toBe(-220);
  });

  it("refuses texts over 2,000 characters instead of cutting them", async () => {
    const { accessToken } = sim.issueOaTokens();
    const u = sim.createUser({ name: "Vàng Thị Dung" });
    sim.interact(u.oaUserId);
    const long = await sendCs(accessToken, u.oaUserId, "a".repeat(2001));
    expect(long.json).toMatchObject({ error: -201, message: expect.stringContaining("2000") });
    expect((await sendCs(accessToken, u.oaUserId, "ạ".repeat(2000))).json.error).toBe(0);
    expect(sim.sentMessages()).toHaveLength(1);
  });

  it("answers -234 at night (switched on and off through /_sim/night) for OA and template messages", async () => {
    const { accessToken } = sim.issueOaTokens();
    const u = sim.createUser({ name: "Lò Thị Mai" });
    sim.interact(u.oaUserId);
    const json = { "content-type": "application/json" };
    expect((await call("POST", "/_sim/night", json, JSON.stringify({ on: true }))).json).toMatchObject({ night: true });
    expect((await sendCs(accessToken, u.oaUserId)).json.error).toBe(-234);
    const tpl = JSON.stringify({ phone: "84987654321", template_id: "2301", template_data: {}, tracking_id: "t-night" });
    expect((await call("POST", "/message/template", { ...json, access_token: accessToken }, tpl)).json.error).toBe(-234);
    await call("POST", "/_sim/night", json, JSON.stringify({ on: false }));
    expect((await sendCs(accessToken, u.oaUserId)).json.error).toBe(0);
  });

  it("answers user_id_by_oa on Graph /me only when switched on (a Mini App linked to the OA) and asked for", async () => {
    const u = sim.createUser({ name: "Giàng Thị Say" });
    const proof = crypto.createHmac("sha256", APP.appSecret).update(u.accessToken).digest("hex");
    const me = () => call("GET", "/v2.0/me?fields=id,name,user_id_by_oa", { access_token: u.accessToken, appsecret_proof: proof });
    expect((await me()).json.user_id_by_oa).toBeUndefined();
    await call("POST", "/_sim/graph", { "content-type": "application/json" }, JSON.stringify({ userIdByOa: true }));
    expect((await me()).json).toMatchObject({ id: u.id, user_id_by_oa: u.oaUserId });
    expect((await call("GET", "/v2.0/me?fields=id", { access_token: u.accessToken, appsecret_proof: proof })).json.user_id_by_oa).toBeUndefined();
  });

  it("rate-limits sends above ratePerSec with -32", async () => {
    const { accessToken } = sim.issueOaTokens();
    const u = sim.createUser({ name: "Sùng Thị Mỷ" });
    sim.interact(u.oaUserId);
    const results = await Promise.all(Array.from({ length: 8 }, () => sendCs(accessToken, u.oaUserId)));
    const codes = results.map((r) => r.json.error);
    expect(codes.filter((c) => c === 0)).toHaveLength(5);
    expect(codes.filter((c) => c === -32)).toHaveLength(3);
  });

  it("accepts template messages to a phone and injects failures", async () => {
    const { accessToken } = sim.issueOaTokens();
    const body = JSON.stringify({ phone: "84987654321", template_id: "2301", template_data: { code: "PA-1" }, tracking_id: "t-1" });
    const h = { "content-type": "application/json", access_token: accessToken };
    sim.failNext("/message/template", -124);
    expect((await call("POST", "/message/template", h, body)).json.error).toBe(-124);
    const ok = await call("POST", "/message/template", h, body);
    expect(ok.json).toMatchObject({ error: 0, data: { msg_id: expect.any(String) } });
    expect(sim.sentMessages()).toEqual([expect.objectContaining({ kind: "template", phone: "84987654321", templateId: "2301", trackingId: "t-1" })]);
  });

  it("answers -124 on the template endpoint for an unknown or expired token, where the OA endpoint says -216/-220", async () => {
    const { accessToken } = sim.issueOaTokens();
    const body = JSON.stringify({ phone: "84987654321", template_id: "2301", template_data: { code: "PA-1" } });
    const h = (token: string) => ({ "content-type": "application/json", access_token: token });
    expect((await call("POST", "/message/template", h("sim-oa-at-unknown"), body)).json.error).toBe(-124);
    const u = sim.createUser({ name: "Giàng Thị Sua" });
    sim.interact(u.oaUserId);
    sim.expireAccessToken(accessToken);
    expect((await call("POST", "/message/template", h(accessToken), body)).json.error).toBe(-124);
    expect((await sendCs(accessToken, u.oaUserId)).json.error).toBe(-220);
    expect(sim.sentCount()).toEqual({ cs: 0, template: 0 });
  });

  it("takes a new rate at run time (0: no limit) and counts what it accepted", async () => {
    const { accessToken } = sim.issueOaTokens();
    const u = sim.createUser({ name: "Thào Thị Dế" });
    sim.interact(u.oaUserId);
    sim.setRate(0);
    const results = await Promise.all(Array.from({ length: 12 }, () => sendCs(accessToken, u.oaUserId)));
    expect(results.every((r) => r.json.error === 0)).toBe(true);
    expect(sim.sentCount().cs).toBe(12);
    expect((await call("GET", "/_sim/stats", {})).json).toMatchObject({ sent: { cs: 12, template: 0 } });
    expect((await call("POST", "/_sim/rate", { "content-type": "application/json" }, JSON.stringify({ perSec: 5 }))).json).toMatchObject({ perSec: 5 });
    sim.reset();
  });

  it("signs webhooks as sha256(appId + body + timestamp + oaSecret) and opens the window", () => {
    const u = sim.createUser({ name: "Lù Thị Hoa" });
    const signed = sim.signedWebhook(sim.textEvent(u.oaUserId, "xin chào"));
    const ts = (JSON.parse(signed.body) as { timestamp: string }).timestamp;
    const mac = crypto.createHash("sha256").update(APP.appId + signed.body + ts + APP.oaSecret).digest("hex");
    expect(signed.headers["x-zevent-signature"]).toBe(`mac=${mac}`);
    expect(JSON.parse(signed.body)).toMatchObject({ event_name: "user_send_text", sender: { id: u.oaUserId }, app_id: APP.appId });
  });

  it("is drivable over its /_sim/ control API", async () => {
    const created = await call("POST", "/_sim/users", { "content-type": "application/json" }, JSON.stringify({ name: "Tráng Thị Pà" }));
    const oaUserId = String(created.json.oaUserId);
    expect((await sendCs(String((await call("POST", "/_sim/oa/tokens", {}, "")).json.access_token), oaUserId)).json.error).toBe(-230);
    await call("POST", `/_sim/users/${oaUserId}/interact`, { "content-type": "application/json" }, "{}");
    const phone = await call("POST", `/_sim/users/${String(created.json.id)}/phone-token`, {}, "");
    expect(phone.json.token).toEqual(expect.any(String));
    expect((await call("POST", "/_sim/users/42/interact", {}, "")).status).toBe(404);
    const tokens = await call("POST", "/_sim/oa/tokens", {}, "");
    expect((await sendCs(String(tokens.json.access_token), oaUserId)).json.error).toBe(0);
    const messages = await call("GET", "/_sim/messages", {});
    expect(messages.json.items).toEqual([expect.objectContaining({ userId: oaUserId })]);
  });
});
