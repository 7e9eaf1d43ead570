import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../scripts/zalo-sim/server.js";
import { processOaEvent } from "../../server/src/modules/zalo/events.js";
import { oaEventsQueue } from "../../server/src/modules/zalo/queues.js";
import { createTestContext, type TestContext } from "../helpers/context.js";

/**
 * The Mini App's login and identity code (mini-app/src/state.ts, zalo.ts, api/me.ts) against a real server and the Zalo
 * simulator. Only zmp-sdk is replaced: outside the Zalo app it can only return its fixed mocks.
 */
const sdk = vi.hoisted(() => ({
  getAccessToken: vi.fn<() => Promise<string>>(),
  getUserInfo: vi.fn<(args?: unknown) => Promise<{ userInfo: { id: string; name: string; avatar: string; idByOA?: string } }>>(),
  getPhoneNumber: vi.fn<(args?: unknown) => Promise<{ token?: string; number?: string }>>(),
  getSetting: vi.fn<(args?: unknown) => Promise<{ authSetting: Record<string, boolean> }>>(),
  authorize: vi.fn<(args: { scopes: string[] }) => Promise<Record<string, boolean>>>(),
  chooseImage: vi.fn<(args: unknown) => Promise<{ filePaths: string[] }>>(),
  openChat: vi.fn<(args: { type: string; id: string; message?: string }) => Promise<void>>(),
}));
vi.mock("zmp-sdk", () => sdk);

type Client = typeof import("../../mini-app/src/state.js") &
  typeof import("../../mini-app/src/zalo.js") &
  typeof import("../../mini-app/src/zaloName.js") & { api: typeof import("../../mini-app/src/api/me.js").meApi };

/**
 * zmp-sdk's own error codes, from the installed package (its constants module reads `window` when loaded, and is
 * not exported from the entry point that the app's code imports and this test mocks).
 */
let CODE: Record<"UNKNOWN_ERROR" | "UNAUTHORIZED" | "FAIL_LIMIT" | "USER_DENIED" | "USER_CANCEL", number>;
const sdkError = (code: number, api: string) => ({ code, message: "zmp-sdk error", api });

let t: TestContext;
let sim: ZaloSimulator;
let base = "";

/** A fresh copy of the client modules: their session state lives at module level, as in the app. */
async function client(): Promise<Client> {
  vi.resetModules();
  vi.stubEnv("VITE_API_URL", `${base}/api/`);
  const state = await import("../../mini-app/src/state.js");
  const zalo = await import("../../mini-app/src/zalo.js");
  const name = await import("../../mini-app/src/zaloName.js");
  const { meApi: api } = await import("../../mini-app/src/api/me.js");
  return { ...state, ...zalo, ...name, api };
}

beforeAll(async () => {
  vi.stubGlobal("window", {});
  const constants = "zmp-sdk/apis/constants.js"; // a path string: the package ships no types for it
  CODE = ((await import(constants)) as { RESPONSE_CODE: typeof CODE }).RESPONSE_CODE;
  vi.unstubAllGlobals();
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
  for (const fn of Object.values(sdk)) fn.mockReset();
});

describe("Mini App session", () => {
  it("the app's error codes are zmp-sdk's own", async () => {
    const c = await client();
    expect(c.SDK_CODE).toEqual({
      UNKNOWN_ERROR: CODE.UNKNOWN_ERROR,
      UNAUTHORIZED: CODE.UNAUTHORIZED,
      FAIL_LIMIT: CODE.FAIL_LIMIT,
      USER_DENIED: CODE.USER_DENIED,
      USER_CANCEL: CODE.USER_CANCEL,
    });
  });

  it("inside Zalo logs in with the access token; the OA id is linked from Graph's answer, once even when started twice", async () => {
    sim.setGraphReturnsOaId(true);
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
    sim.setGraphReturnsOaId(false);
  });

  it("waits out Zalo's identity throttle (-1409) instead of failing", async () => {
    const u = sim.createUser({ name: "Lù Thị Hoa" });
    sdk.getAccessToken.mockRejectedValueOnce(sdkError(CODE.FAIL_LIMIT, "getAccessToken")).mockResolvedValue(u.accessToken);
    sdk.getUserInfo.mockRejectedValue(sdkError(CODE.UNAUTHORIZED, "getUserInfo"));
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
    sdk.getAccessToken.mockRejectedValue(sdkError(CODE.UNKNOWN_ERROR, "getAccessToken"));
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
    // Her "no" comes back as USER_DENIED (zmp-sdk maps Zalo's native -1/-10/-101 to it): the "not shared" message.
    sdk.getPhoneNumber.mockRejectedValue(sdkError(CODE.USER_DENIED, "getPhoneNumber"));
    expect(await c.zaloPhoneToken()).toEqual({ problem: "denied" });
    sdk.getPhoneNumber.mockRejectedValue(sdkError(CODE.UNKNOWN_ERROR, "getPhoneNumber"));
    expect(await c.zaloPhoneToken()).toEqual({ problem: "not-in-zalo" });
  });

  it("chooseImage: a cancel that never settles ends when she is back on the page; -2000 falls back to the file input", async () => {
    const c = await client();
    const page = new EventTarget();
    sdk.chooseImage.mockReturnValue(new Promise(() => undefined)); // the hidden file input: no answer on cancel
    const cancelled = c.zaloChooseImages(4, page);
    page.dispatchEvent(new Event("focus"));
    expect(await cancelled).toEqual({ cancelled: true });

    sdk.chooseImage.mockReturnValue(new Promise(() => undefined));
    const viaCancelEvent = c.zaloChooseImages(4, page);
    page.dispatchEvent(new Event("cancel"));
    expect(await viaCancelEvent).toEqual({ cancelled: true });

    sdk.chooseImage.mockRejectedValue(sdkError(CODE.UNKNOWN_ERROR, "chooseImage"));
    expect(await c.zaloChooseImages(4, page)).toEqual({ unavailable: true });
    sdk.chooseImage.mockRejectedValue(sdkError(CODE.USER_CANCEL, "chooseImage"));
    expect(await c.zaloChooseImages(4, page)).toEqual({ cancelled: true });
    sdk.chooseImage.mockResolvedValue({ filePaths: ["blob:a", "blob:b"] });
    expect(await c.zaloChooseImages(4, page)).toEqual({ paths: ["blob:a", "blob:b"] });
    // Coming back after a successful pick changes nothing.
    page.dispatchEvent(new Event("focus"));
  });

  it("asks for scope.userInfo so she is not 'Hội viên', and works the same when she refuses", async () => {
    const u = sim.createUser({ name: "Hầu Thị Sáu", sharesUserInfo: false });
    sdk.getAccessToken.mockImplementation(async () => sim.userToken(u.id));
    sdk.getUserInfo.mockResolvedValue({ userInfo: { id: u.id, name: "", avatar: "" } });
    sdk.getSetting.mockResolvedValue({ authSetting: {} });
    const c = await client();
    await c.startSession();
    expect(c.currentSession()).toMatchObject({ status: "ready", me: { name: "Hội viên" } });
    expect(c.shouldAskForName()).toBe(true);

    // She says no: still logged in, still "Hội viên", nothing thrown.
    sdk.authorize.mockRejectedValueOnce(sdkError(CODE.USER_DENIED, "authorize"));
    expect(await c.shareZaloName()).toBe("refused");
    expect(c.currentSession()).toMatchObject({ status: "ready", me: { name: "Hội viên" } });

    // She says yes (Zalo's prompt): a fresh login reads her name from Graph.
    sdk.authorize.mockImplementation(async (args) => {
      expect(args.scopes).toEqual(["scope.userInfo"]);
      sim.setUserInfoConsent(u.id, true);
      return { "scope.userInfo": true };
    });
    expect(await c.shareZaloName()).toBe("named");
    expect(c.currentSession()).toMatchObject({ status: "ready", me: { name: "Hầu Thị Sáu" } });
    expect(c.shouldAskForName()).toBe(false);

    // Later she withdraws it in Zalo's settings: the name the Hội already has stays.
    sim.setUserInfoConsent(u.id, false);
    const again = await c.api.loginZalo({ accessToken: sim.userToken(u.id) });
    expect(again.me.name).toBe("Hầu Thị Sáu");
  });

  it("links her OA chat the way the profile does: a code, sent from her own Zalo to the OA, seen by the signed webhook", async () => {
    const u = sim.createUser({ name: "Lý Thị Mẩy" });
    sdk.getAccessToken.mockResolvedValue(u.accessToken);
    // What the Mini App claims is ignored: only Zalo's word links.
    sdk.getUserInfo.mockResolvedValue({ userInfo: { id: u.id, name: "", avatar: "", idByOA: "1234567890123456789" } });
    sdk.openChat.mockResolvedValue(undefined);
    const c = await client();
    await c.startSession();
    expect(await c.api.oaLinkStatus()).toEqual({ linked: false });

    const code = await c.api.oaLinkCode();
    expect(await c.zaloOpenOaChat(code.oaId, code.message)).toBe(true);
    expect(sdk.openChat).toHaveBeenCalledWith({ type: "oa", id: "sim-oa", message: code.message });
    // She taps send in the OA chat: Zalo (the simulator) delivers the signed event to our webhook; the worker runs it.
    const res = await fetch(`${sim.url}/_sim/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ target: `${base}/api/zalo/webhook`, oaUserId: u.oaUserId, text: code.message }),
    });
    expect(await res.json()).toMatchObject({ status: 200 });
    const [job] = await oaEventsQueue.on(t.deps.queues).getJobs(["waiting"]);
    expect(await processOaEvent(t.deps, job!.data)).toBe("linked");
    expect(await c.api.oaLinkStatus()).toEqual({ linked: true });
  });

  it("surfaces server errors as {code, message} and a lost session restarts the login", async () => {
    const u = sim.createUser({ name: "Giàng Thị Pà" });
    sdk.getAccessToken.mockResolvedValue(u.accessToken);
    sdk.getUserInfo.mockResolvedValue({ userInfo: { id: u.id, name: "", avatar: "" } });
    const c = await client();
    const { ApiError } = await import("../../mini-app/src/api/http.js");
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
