import { openPhone } from "../../../server/src/privacy/phones.js";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { OA_FOLLOWER_STAND_IN } from "../../../server/src/db/migrations/102_chatbot_urgent.js";

const SIM = { appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret" };

/** A port nobody listens on: "Zalo is down". */
async function deadUrl(): Promise<string> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

let sim: ZaloSimulator;
let ctx: TestContext;
let wrongSecret: TestContext;
let down: TestContext;

beforeAll(async () => {
  sim = await startZaloSimulator({ port: 0, ...SIM });
  ctx = await createTestContext({ zaloUrl: sim.url });
  wrongSecret = await createTestContext({ zaloUrl: sim.url, env: { ZALO_APP_ID: SIM.appId, ZALO_APP_SECRET: "not-the-app-secret" } });
  down = await createTestContext({ zaloUrl: await deadUrl() });
});
afterAll(async () => {
  await Promise.all([ctx?.close(), wrongSecret?.close(), down?.close()]);
  await sim?.close();
});

const login = (c: TestContext, accessToken: string, idByOA?: string) =>
  c.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken, ...(idByOA ? { idByOA } : {}) } });
const memberCount = async (c: TestContext) =>
  // the migrations' one row, the stand-in author of urgent records from unlinked OA followers, is not a login
  Number((await c.deps.db.selectFrom("members").select((eb) => eb.fn.countAll().as("n")).where("id", "<>", OA_FOLLOWER_STAND_IN).executeTakeFirstOrThrow()).n);

describe("POST /api/auth/zalo against the simulator", () => {
  it("creates the member from a verified token, keeping both Zalo ids as exact strings", async () => {
    // The OA id comes from Graph's answer (a Mini App linked to the OA), not from the idByOA the client sends.
    sim.setGraphReturnsOaId(true);
    const u = sim.createUser({ name: "Lò Thị Mai" });
    const res = await login(ctx, u.accessToken, u.oaUserId);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ token: string; me: { id: string; name: string } }>();
    expect(body.me.name).toBe("Lò Thị Mai");
    const row = await ctx.deps.db.selectFrom("members").selectAll().where("id", "=", body.me.id).executeTakeFirstOrThrow();
    expect(row.zalo_app_user_id).toBe(u.id);
    expect(row.zalo_oa_user_id).toBe(u.oaUserId);
    expect(BigInt(row.zalo_app_user_id as string) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);

    const me = await ctx.app.inject({ method: "GET", url: "/api/me", headers: { authorization: `Bearer ${body.token}` } });
    expect(me.json()).toMatchObject({ id: body.me.id });

    const graph = sim.requests.filter((r) => r.path === "/v2.0/me").at(-1);
    expect(graph?.headers["access_token"]).toBe(u.accessToken);
    expect(graph?.headers["appsecret_proof"]).toMatch(/^[0-9a-f]{64}$/);

    // Logging in again finds the same woman.
    const again = await login(ctx, sim.userToken(u.id), u.oaUserId);
    expect(again.json<{ me: { id: string } }>().me.id).toBe(body.me.id);
    sim.setGraphReturnsOaId(false);
  });

  it("rejects a token signed with another app secret (wrong appsecret_proof) and writes nothing", async () => {
    const u = sim.createUser({ name: "Giàng Thị Say" });
    const res = await login(wrongSecret, u.accessToken, u.oaUserId);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "ZALO_TOKEN_INVALID", message: expect.stringContaining("Zalo") });
    expect(res.json<{ message: string }>().message).toMatch(/Chị/);
    expect(await memberCount(wrongSecret)).toBe(0);
  });

  it("rejects an expired token with 401", async () => {
    const u = sim.createUser({ name: "Hoàng Thị Lan" });
    sim.expireAccessToken(u.accessToken);
    const before = await memberCount(ctx);
    const res = await login(ctx, u.accessToken);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "ZALO_TOKEN_INVALID" });
    expect(await memberCount(ctx)).toBe(before);
  });

  it("answers 503 ZALO_UNAVAILABLE when Zalo cannot be reached", async () => {
    const res = await login(down, "some-token");
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: "ZALO_UNAVAILABLE" });
    expect(await memberCount(down)).toBe(0);
  });
});

describe("POST /api/me/phone against the simulator", () => {
  it("exchanges a phone token once; a reused token fails and keeps the number", async () => {
    const u = sim.createUser({ name: "Vàng Thị Dung", phone: "84912345678" });
    const session = (await login(ctx, u.accessToken, u.oaUserId)).json<{ token: string }>().token;
    const code = sim.phoneToken(u.id);
    const send = () =>
      ctx.app.inject({
        method: "POST",
        url: "/api/me/phone",
        headers: { authorization: `Bearer ${session}` },
        payload: { token: code, accessToken: u.accessToken },
      });
    const first = await send();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ phone: "84912345678" });
    const info = sim.requests.filter((r) => r.path === "/v2.0/me/info").at(-1);
    expect(info?.headers).toMatchObject({ code, access_token: u.accessToken, secret_key: SIM.appSecret });

    const reused = await send();
    expect(reused.statusCode).toBe(401);
    expect(reused.json()).toMatchObject({ code: "ZALO_TOKEN_INVALID" });
    const row = await ctx.deps.db.selectFrom("members").select(["phone", "phone_enc"]).where("zalo_app_user_id", "=", u.id).executeTakeFirstOrThrow();
    // kept sealed (migration 130): no plaintext column, and the sealed value opens to her number
    expect(row.phone).toBeNull();
    expect(openPhone(ctx.config.phoneKeys, row.phone_enc!)).toBe("84912345678");
  });
});
