import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../scripts/zalo-sim/server.js";
import { createTestContext, type TestContext } from "../helpers/context.js";

/**
 * The Mini App's login and identity code (mini-app/src/state.ts, zalo.ts, api.ts) against a real server and the Zalo
 * simulator. Only zmp-sdk is replaced: outside the Zalo app it can only return its fixed mocks.
 */
const sdk = vi.hoisted(() => ({
  getAccessToken: vi.fn<() => Promise<string>>(),
  getUserInfo: vi.fn<(args?: unknown) => Promise<{ userInfo: { id: string; name: string; avatar: string; idByOA?: string } }>>(),
  getPhoneNumber: vi.fn<(args?: unknown) => Promise<{ token?: string; number?: string }>>(),
}));
vi.mock("zmp-sdk", () => sdk);

type Client = typeof import("../../mini-app/src/state.js") & typeof import("../../mini-app/src/zalo.js") & { api: typeof import("../../mini-app/src/api.js").api };

let t: TestContext;
let sim: ZaloSimulator;
let base = "";

/** A fresh copy of the client modules: their session state lives at module level, as in the app. */
async function client(): Promise<Client> {
  vi.resetModules();
  vi.stubEnv("VITE_API_URL", `${base}/api/`);
  const state = await import("../../mini-app/src/state.js");
  const zalo = await import("../../mini-app/src/zalo.js");
  const { api } = await import("../../mini-app/src/api.js");
  return { ...state, ...zalo, api };
}

beforeAll(async () => {
  sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret" });
  t = await createTestContext({ zaloUrl: sim.url });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const addr = t.app.server.address();
  if (!addr || typeof addr === "string") throw new Error("server did not report a port");
  base = `http://127.0.0.1:${addr.port}`;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await t?.close();
  await sim?.close();
});

beforeEach(() => {
  sdk.getAccessToken.mockReset();
  sdk.getUserInfo.mockReset();
  sdk.getPhoneNumber.mockReset();
});

describe("Mini App session", () => {
  it("inside Zalo logs in with the access token and links idByOA, once even when started twice", async () => {
    const u = sim.createUser({ name: "Sùng Thị Mỷ" });
    sdk.getAccessToken.mockResolvedValue(u.accessToken);
    sdk.getUserInfo.mockResolvedValue({ userInfo: { id: u.id, name: "", avatar: "", idByOA: u.oaUserId } });
    const c = await client();

    // React StrictMode runs the start effect twice: one login, two identity calls, not four.
    await Promise.all([c.startSession(), c.startSession()]);
    const s = c.currentSession();
    expect(s.status).toBe("ready");
    if (s.status !== "ready") return;
    expect(s.me.name).toBe("Sùng Thị Mỷ");
    expect(s.dev).toBe(false);
    expect(sdk.getAccessToken).toHaveBeenCalledTimes(1);
    expect(sdk.getUserInfo).toHaveBeenCalledTimes(1);
    const row = await t.deps.pool.query("SELECT zalo_app_user_id, zalo_oa_user_id FROM members WHERE id = $1", [s.me.id]);
    expect(row.rows[0]).toEqual({ zalo_app_user_id: u.id, zalo_oa_user_id: u.oaUserId });
  });

  it("waits out Zalo's identity throttle (-1409) instead of failing", async () => {
    const u = sim.createUser({ name: "Lù Thị Hoa" });
    sdk.getAccessToken.mockRejectedValueOnce({ code: -1409, message: "Too many requests", api: "getAccessToken" }).mockResolvedValue(u.accessToken);
    sdk.getUserInfo.mockRejectedValue({ code: -1401, message: "denied", api: "getUserInfo" });
    const c = await client();
    await c.startSession();
    expect(c.currentSession()).toMatchObject({ status: "ready", me: { name: "Lù Thị Hoa" } });
    expect(sdk.getAccessToken).toHaveBeenCalledTimes(2);
  });

  it("shows the server's Vietnamese message when Zalo rejects the token", async () => {
    const u = sim.createUser({ name: "Ma Thị Lan" });
    sim.expireAccessToken(u.accessToken);
    sdk.getAccessToken.mockResolvedValue(u.accessToken);
    sdk.getUserInfo.mockResolvedValue({ userInfo: { id: u.id, name: "", avatar: "" } });
    const c = await client();
    await c.startSession();
    expect(c.currentSession()).toEqual({ status: "error", message: expect.stringContaining("Phiên đăng nhập Zalo không hợp lệ") });
  });

  it("outside Zalo (SDK code -2000 or an empty token) asks for a development login, which works", async () => {
    sdk.getAccessToken.mockRejectedValue({ code: -2000, message: "not in Zalo", api: "getAccessToken" });
    const c = await client();
    await c.startSession();
    expect(c.currentSession()).toEqual({ status: "dev-login" });
    await c.devLogin("Vàng Thị Dung", "demo-hoivien");
    expect(c.currentSession()).toMatchObject({ status: "ready", dev: true, me: { name: "Vàng Thị Dung", membershipStatus: "none", roles: [] } });
  });

  it("turns a phone token into her number through POST /api/me/phone", async () => {
    const u = sim.createUser({ name: "Thào Thị Chu", phone: "84912345678" });
    sdk.getAccessToken.mockResolvedValue(u.accessToken);
    sdk.getUserInfo.mockResolvedValue({ userInfo: { id: u.id, name: "", avatar: "" } });
    sdk.getPhoneNumber.mockResolvedValue({ token: sim.phoneToken(u.id) });
    const c = await client();
    await c.startSession();
    const got = await c.zaloPhoneToken();
    if (!("token" in got)) throw new Error(`expected a phone token, got ${got.problem}`);
    const me = await c.api.savePhone({ token: got.token, accessToken: await c.zaloAccessToken() });
    expect(me.phone).toBe("84912345678");

    sdk.getPhoneNumber.mockResolvedValue({ number: "" });
    expect(await c.zaloPhoneToken()).toEqual({ problem: "not-in-zalo" });
    sdk.getPhoneNumber.mockRejectedValue({ code: -1401, message: "denied", api: "getPhoneNumber" });
    expect(await c.zaloPhoneToken()).toEqual({ problem: "denied" });
  });

  it("surfaces server errors as {code, message} and a lost session restarts the login", async () => {
    const u = sim.createUser({ name: "Giàng Thị Pà" });
    sdk.getAccessToken.mockResolvedValue(u.accessToken);
    sdk.getUserInfo.mockResolvedValue({ userInfo: { id: u.id, name: "", avatar: "" } });
    const c = await client();
    const { ApiError } = await import("../../mini-app/src/api.js");
    await c.startSession();

    const err = await c.api.chooseUnit({ unitId: "00000000-0000-4000-8000-000000000000" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: "UNIT_NOT_FOUND", message: "Không tìm thấy đơn vị Hội này." });

    // The server forgets every session (e.g. they expired): the next call's 401 logs her in again.
    await t.deps.pool.query("DELETE FROM sessions");
    const lost = await c.api.me().catch((e: unknown) => e);
    expect(lost).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    await vi.waitFor(() => expect(c.currentSession().status).toBe("ready"));
    expect(sdk.getAccessToken).toHaveBeenCalledTimes(2);
    expect((await c.api.me()).name).toBe("Giàng Thị Pà");
  });
});
