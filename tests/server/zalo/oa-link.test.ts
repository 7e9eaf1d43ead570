import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { processOaEvent } from "../../../server/src/modules/zalo/events.js";
import { extractLinkCode, LINK_CODE_MAX_MISSES } from "../../../server/src/modules/zalo/link.js";
import { oaEventsQueue } from "../../../server/src/modules/zalo/queues.js";
import { webhookEventKey } from "../../../server/src/zalo/webhook.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";

/**
 * Issue 7 item 4: an OA id is linked to a member only from something Zalo vouches for — Graph's answer for her own
 * token, or the signed webhook of a code she sent to the OA chat — and a link is never taken over silently.
 */
let sim: ZaloSimulator;
let ctx: TestContext;

beforeAll(async () => {
  sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret" });
  ctx = await createTestContext({ zaloUrl: sim.url });
});
afterAll(async () => {
  await ctx?.close();
  await sim?.close();
});
beforeEach(() => sim.setGraphReturnsOaId(false));

const login = async (accessToken: string, idByOA?: string) => {
  const res = await ctx.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken, ...(idByOA ? { idByOA } : {}) } });
  expect(res.statusCode).toBe(200);
  return res.json<{ token: string; me: { id: string } }>();
};
const oaIdOf = async (memberId: string) =>
  (await ctx.deps.db.selectFrom("members").select("zalo_oa_user_id").where("id", "=", memberId).executeTakeFirstOrThrow()).zalo_oa_user_id;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const askCode = async (token: string) => {
  const res = await ctx.app.inject({ method: "POST", url: "/api/me/zalo-oa/code", headers: auth(token) });
  expect(res.statusCode).toBe(200);
  return res.json<{ code: string; message: string; oaId: string; expiresAt: string }>();
};
/** She types `text` in the OA chat: Zalo signs the webhook, our server queues it, the oa-events worker runs it. */
const sayInOaChat = async (oaUserId: string, text: string) => {
  const { body, headers } = sim.signedWebhook(sim.textEvent(oaUserId, text));
  const res = await ctx.app.inject({ method: "POST", url: "/api/zalo/webhook", headers, payload: body });
  expect(res.statusCode).toBe(200);
  const job = await oaEventsQueue.on(ctx.deps.queues).getJob(webhookEventKey(JSON.parse(body) as Record<string, unknown>));
  if (!job) throw new Error("the webhook queued nothing");
  return processOaEvent(ctx.deps, job.data);
};
const audit = (memberId: string) =>
  ctx.deps.db.selectFrom("audit_log").select(["action", "detail"]).where("entity_type", "=", "member").where("entity_id", "=", memberId).where("action", "like", "zalo.oa_link%").execute();

describe("OA id claims", () => {
  it("a claimed idByOA never links: neither an unlinked OA id nor another woman's", async () => {
    sim.setGraphReturnsOaId(true);
    const victim = sim.createUser({ name: "Lò Thị Mai" });
    const her = await login(victim.accessToken);
    expect(await oaIdOf(her.me.id)).toBe(victim.oaUserId);
    sim.setGraphReturnsOaId(false);

    const follower = sim.createUser({ name: "Giàng Thị Say" }); // follows the OA, never opened the Mini App
    const attacker = sim.createUser({ name: "Kẻ Mạo Danh" });
    const a1 = await login(attacker.accessToken, victim.oaUserId);
    expect(await oaIdOf(a1.me.id)).toBeNull();
    expect(await oaIdOf(her.me.id)).toBe(victim.oaUserId);
    const a2 = await login(sim.userToken(attacker.id), follower.oaUserId);
    expect(a2.me.id).toBe(a1.me.id);
    expect(await oaIdOf(a1.me.id)).toBeNull();
    expect(await ctx.deps.db.selectFrom("members").select("id").where("zalo_oa_user_id", "=", follower.oaUserId).executeTakeFirst()).toBeUndefined();
  });

  it("Graph's user_id_by_oa links at login", async () => {
    sim.setGraphReturnsOaId(true);
    const u = sim.createUser({ name: "Vàng Thị Dung" });
    const s = await login(u.accessToken);
    expect(await oaIdOf(s.me.id)).toBe(u.oaUserId);
    expect(sim.requests.filter((r) => r.path === "/v2.0/me").at(-1)?.query.fields).toContain("user_id_by_oa");
    expect((await ctx.app.inject({ method: "GET", url: "/api/me/zalo-oa", headers: auth(s.token) })).json()).toEqual({ linked: true });
  });

  it("a code she sends to the OA chat links the OA user who sent it, once", async () => {
    const u = sim.createUser({ name: "Thào Thị Chu" });
    const s = await login(u.accessToken, u.oaUserId);
    expect(await oaIdOf(s.me.id)).toBeNull();
    expect((await ctx.app.inject({ method: "GET", url: "/api/me/zalo-oa", headers: auth(s.token) })).json()).toEqual({ linked: false });

    const code = await askCode(s.token);
    expect(code).toMatchObject({ code: expect.stringMatching(/^[0-9]{8}$/), oaId: "sim-oa", message: `HS ${code.code.slice(0, 4)} ${code.code.slice(4)}` });
    expect(await sayInOaChat(u.oaUserId, `Chào Hội, mã của em: ${code.message}`)).toBe("linked");
    expect(await oaIdOf(s.me.id)).toBe(u.oaUserId);
    expect((await ctx.app.inject({ method: "GET", url: "/api/me/zalo-oa", headers: auth(s.token) })).json()).toEqual({ linked: true });
    expect(await audit(s.me.id)).toEqual([{ action: "zalo.oa_link", detail: expect.objectContaining({ via: "oa_chat", oaUserId: u.oaUserId }) }]);

    // Used up: the same code from someone else links nothing.
    const other = sim.createUser({ name: "Người Khác" });
    expect(await sayInOaChat(other.oaUserId, code.message)).toBe("bad_code");
    expect(await oaIdOf(s.me.id)).toBe(u.oaUserId);
  });

  it("a proven code moves a link held by another member, and says so in the audit log", async () => {
    const u = sim.createUser({ name: "Ma Thị Lan" });
    const wrongHolder = await login(sim.createUser({ name: "Tài khoản cũ" }).accessToken);
    await ctx.deps.db.updateTable("members").set({ zalo_oa_user_id: u.oaUserId }).where("id", "=", wrongHolder.me.id).execute();
    const s = await login(u.accessToken);
    expect(await oaIdOf(s.me.id)).toBeNull(); // a login alone does not take it over
    const code = await askCode(s.token);
    expect(await sayInOaChat(u.oaUserId, code.code)).toBe("linked");
    expect(await oaIdOf(s.me.id)).toBe(u.oaUserId);
    expect(await oaIdOf(wrongHolder.me.id)).toBeNull();
    expect(await audit(s.me.id)).toEqual([
      { action: "zalo.oa_link.moved", detail: expect.objectContaining({ via: "oa_chat", takenFromMember: wrongHolder.me.id }) },
    ]);
  });

  it("expired codes and guessing do not link; too many misses and even a right code is ignored for a day", async () => {
    const victim = sim.createUser({ name: "Lù Thị Hoa" });
    const s = await login(victim.accessToken);
    const attacker = sim.createUser({ name: "Kẻ Đoán Mã" });

    const stale = await askCode(s.token);
    await ctx.deps.db.updateTable("oa_link_codes").set({ expires_at: new Date(Date.now() - 1000) }).where("code", "=", stale.code).execute();
    expect(await sayInOaChat(victim.oaUserId, stale.message)).toBe("bad_code");
    expect(await oaIdOf(s.me.id)).toBeNull();

    const live = await askCode(s.token);
    const wrong = (i: number) => String((Number(live.code) + 1 + i) % 100_000_000).padStart(8, "0");
    for (let i = 0; i < LINK_CODE_MAX_MISSES; i++) expect(await sayInOaChat(attacker.oaUserId, `HS ${wrong(i)}`)).toBe("bad_code");
    expect(await sayInOaChat(attacker.oaUserId, live.message)).toBe("code_limited");
    expect(await oaIdOf(s.me.id)).toBeNull();
    // She herself is not limited by the attacker's misses.
    expect(await sayInOaChat(victim.oaUserId, live.message)).toBe("linked");
    expect(await oaIdOf(s.me.id)).toBe(victim.oaUserId);
  });

  it("reads codes the way women type them, and nothing else", () => {
    for (const t of ["HS 1234 5678", "hs12345678", "Mã: HS-1234-5678 ạ", "12345678", " 1234 5678 "]) expect([t, extractLinkCode(t)]).toEqual([t, "12345678"]);
    for (const t of ["Con em 12345678 tuổi", "HS 1234 567", "HS 1234 56789", "THS 12345678x", "xin chào"]) expect([t, extractLinkCode(t)]).toEqual([t, null]);
  });
});
