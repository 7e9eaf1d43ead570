import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import type { AppDeps } from "../../../server/src/deps.js";
import { openDatabase, type Database } from "../../../server/src/db/pool.js";
import { ZaloApiError, ZaloUnavailableError } from "../../../server/src/zalo/http.js";
import { InvalidPhoneError, OA_TEXT_MAX, OaNotConnectedError, classifyZaloError, createOaClient, fitOaText, normalizeZaloPhone } from "../../../server/src/zalo/oa.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";

let sim: ZaloSimulator;
let ctx: TestContext;
let second: Database;

beforeAll(async () => {
  sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
  ctx = await createTestContext({ zaloUrl: sim.url });
  second = openDatabase(ctx.config.databaseUrl as string, 5);
});
afterAll(async () => {
  await second?.close();
  await ctx?.close();
  await sim?.close();
});
beforeEach(async () => {
  sim.reset();
  await ctx.deps.db.deleteFrom("zalo_oa_tokens").execute();
});

const refreshCalls = () => sim.requests.filter((r) => r.path === "/v4/oa/access_token");
const csCalls = () => sim.requests.filter((r) => r.path === "/v3.0/oa/message/cs");
const tokenRow = () => ctx.deps.db.selectFrom("zalo_oa_tokens").selectAll().executeTakeFirst();

async function storePair(expiresInMs = 25 * 3_600_000, issuedAgoMs = 0) {
  const pair = sim.issueOaTokens();
  await ctx.deps.db
    .insertInto("zalo_oa_tokens")
    .values({
      oa_id: ctx.config.zalo.oaId,
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      access_expires_at: new Date(Date.now() + expiresInMs),
      updated_at: new Date(Date.now() - issuedAgoMs),
    })
    .execute();
  return pair;
}

function womanInWindow(name = "Lò Thị Mai") {
  const u = sim.createUser({ name });
  sim.interact(u.oaUserId);
  return u;
}

describe("OA client", () => {
  it("bootstraps a token pair from the simulator and sends inside the window", async () => {
    const u = womanInWindow();
    const client = createOaClient(ctx.deps);
    const { messageId } = await client.sendText(u.oaUserId, "Ý kiến của chị đã được chuyển tới Hội xã.");
    expect(messageId).toMatch(/^[0-9a-f]{32}$/);
    expect(sim.sentMessages()).toEqual([expect.objectContaining({ kind: "cs", userId: u.oaUserId, messageId })]);
    expect(JSON.parse(csCalls()[0]!.body)).toEqual({ recipient: { user_id: u.oaUserId }, message: { text: "Ý kiến của chị đã được chuyển tới Hội xã." } });
    const row = await tokenRow();
    expect(row?.access_token).toBe(csCalls()[0]!.headers["access_token"]);
  });

  it("fails outside the window with a fallback-class error", async () => {
    await storePair();
    const u = sim.createUser({ name: "Giàng Thị Say" });
    // Zalo refuses after 7 days without interaction (50 hours would only cost money).
    sim.interact(u.oaUserId, new Date(Date.now() - 8 * 24 * 3_600_000));
    const err = await createOaClient(ctx.deps).sendText(u.oaUserId, "Chào chị").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect((err as ZaloApiError).code).toBe(-230);
    expect(classifyZaloError(err)).toBe("fallback");
    expect(sim.sentMessages()).toHaveLength(0);
  });

  it("on -220 refreshes once, stores the new pair and resends", async () => {
    const pair = await storePair();
    const u = womanInWindow();
    sim.failNext("/v3.0/oa/message/cs", -220);
    await createOaClient(ctx.deps).sendText(u.oaUserId, "Chào chị");
    expect(refreshCalls()).toHaveLength(1);
    expect(new URLSearchParams(refreshCalls()[0]!.body).get("refresh_token")).toBe(pair.refreshToken);
    expect(csCalls()).toHaveLength(2);
    const row = await tokenRow();
    expect(row?.access_token).not.toBe(pair.accessToken);
    expect(row?.refresh_token).not.toBe(pair.refreshToken);
    expect(csCalls()[1]!.headers["access_token"]).toBe(row?.access_token);
    expect(sim.sentMessages()).toHaveLength(1);
  });

  it("refreshes a token close to expiry before sending", async () => {
    await storePair(20 * 60_000, 24 * 3_600_000);
    const u = womanInWindow();
    await createOaClient(ctx.deps).sendText(u.oaUserId, "Chào chị");
    expect(refreshCalls()).toHaveLength(1);
    expect(csCalls()).toHaveLength(1);
  });

  it("two processes hitting an expired token refresh once and both send", async () => {
    const pair = await storePair();
    sim.expireAccessToken(pair.accessToken);
    sim.setDelay("/v4/oa/access_token", 300);
    const a = womanInWindow("Hoàng Thị Lan");
    const b = womanInWindow("Sùng Thị Mỷ");
    const other: AppDeps = { ...ctx.deps, db: second.db, pool: second.pool };
    const clientA = createOaClient(ctx.deps);
    const clientB = createOaClient(other);
    const results = await Promise.all([
      clientA.sendText(a.oaUserId, "1"),
      clientB.sendText(b.oaUserId, "2"),
      clientA.sendText(b.oaUserId, "3"),
      clientB.sendText(a.oaUserId, "4"),
    ]);
    expect(results).toHaveLength(4);
    expect(refreshCalls()).toHaveLength(1);
    expect(sim.sentMessages().map((m) => m.text).sort()).toEqual(["1", "2", "3", "4"]);
    const row = await tokenRow();
    expect(new Set(csCalls().slice(-4).map((r) => r.headers["access_token"]))).toEqual(new Set([row?.access_token]));
  });

  it("seeds the row from ZALO_OA_REFRESH_TOKEN", async () => {
    const pair = sim.issueOaTokens();
    const deps: AppDeps = { ...ctx.deps, config: { ...ctx.config, zalo: { ...ctx.config.zalo, oaRefreshToken: pair.refreshToken } } };
    const u = womanInWindow();
    await createOaClient(deps).sendText(u.oaUserId, "Chào chị");
    expect(refreshCalls().map((r) => new URLSearchParams(r.body).get("refresh_token"))).toEqual([pair.refreshToken]);
    expect((await tokenRow())?.refresh_token).not.toBe(pair.refreshToken);
  });

  it("without tokens outside the simulator the OA is not connected (fallback)", async () => {
    const deps: AppDeps = { ...ctx.deps, config: { ...ctx.config, zalo: { ...ctx.config.zalo, simulator: false } } };
    const err = await createOaClient(deps).sendText("1234567890123456789", "x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OaNotConnectedError);
    expect(classifyZaloError(err)).toBe("fallback");
  });

  it("a dead refresh token surfaces as fatal", async () => {
    const pair = await storePair();
    sim.expireAccessToken(pair.accessToken);
    sim.failNext("/v4/oa/access_token", -14014);
    const u = womanInWindow();
    const err = await createOaClient(ctx.deps).sendText(u.oaUserId, "x").catch((e: unknown) => e);
    expect((err as ZaloApiError).code).toBe(-14014);
    expect(classifyZaloError(err)).toBe("fatal");
    expect((await tokenRow())?.refresh_token).toBe(pair.refreshToken);
  });

  it("sends template messages to a normalised phone", async () => {
    await storePair();
    const { messageId } = await createOaClient(ctx.deps).sendTemplate("0912 345 678", "2301", { code: "PA-7" }, "sub-7");
    expect(sim.sentMessages()).toEqual([
      expect.objectContaining({ kind: "template", messageId, phone: "84912345678", templateId: "2301", templateData: { code: "PA-7" }, trackingId: "sub-7" }),
    ]);
  });

  it("on -124 from the template endpoint refreshes once (shared) and resends", async () => {
    const pair = await storePair();
    sim.failNext("/message/template", -124);
    const { messageId } = await createOaClient(ctx.deps).sendTemplate("0912 345 678", "2301", { code: "PA-8" }, "sub-8");
    expect(refreshCalls()).toHaveLength(1);
    expect(new URLSearchParams(refreshCalls()[0]!.body).get("refresh_token")).toBe(pair.refreshToken);
    const sends = sim.requests.filter((r) => r.path === "/message/template");
    expect(sends).toHaveLength(2);
    expect(sends[1]!.headers["access_token"]).toBe((await tokenRow())?.access_token);
    expect(sim.sentMessages()).toEqual([expect.objectContaining({ kind: "template", messageId, trackingId: "sub-8" })]);
  });

  it("a text longer than Zalo's limit is shortened to fit, never refused", async () => {
    await storePair();
    const u = womanInWindow();
    const long = `${"Cán bộ Hội đã trả lời ý kiến của chị. ".repeat(80)}🌸 hết.`;
    expect(long.length).toBeGreaterThan(OA_TEXT_MAX);
    await createOaClient(ctx.deps).sendText(u.oaUserId, long);
    const [sent] = sim.sentMessages();
    expect(sent?.text?.length).toBeLessThanOrEqual(OA_TEXT_MAX);
    expect(sent?.text).toMatch(/… \(Chị xem đầy đủ trong Hội Số\)$/);
    expect(long.startsWith((sent?.text ?? "").replace(/… \(Chị xem đầy đủ trong Hội Số\)$/, ""))).toBe(true);
    // Short texts go as they are; an emoji is never cut in half.
    expect(fitOaText("Chào chị")).toBe("Chào chị");
    const emojis = fitOaText("🌸".repeat(1500));
    expect(emojis.length).toBeLessThanOrEqual(OA_TEXT_MAX);
    expect(emojis).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("refuses a phone that is not Vietnamese before calling Zalo", async () => {
    await storePair();
    const err = await createOaClient(ctx.deps).sendTemplate("+1 415 555 0100", "2301", {}, "sub-9").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidPhoneError);
    expect(err).toMatchObject({ code: "PHONE_INVALID" });
    expect(classifyZaloError(err)).toBe("fatal");
    expect(sim.requests.filter((r) => r.path === "/message/template")).toHaveLength(0);
  });

  it("classifies Zalo errors", () => {
    const api = (code: number) => new ZaloApiError(code, "x", "oa/message/cs");
    const table: Array<[unknown, string]> = [
      [api(-216), "refresh"],
      [api(-220), "refresh"],
      [new ZaloApiError(-124, "Access token invalid", "message/template"), "refresh"],
      [api(-234), "night"],
      [api(-32), "retry"],
      [new ZaloUnavailableError("down"), "retry"],
      [Object.assign(new Error("reset"), { code: "ECONNRESET" }), "retry"],
      [api(-230), "fallback"],
      [api(-232), "fallback"],
      [api(-213), "fallback"],
      [api(-211), "fallback"],
      [api(-201), "fatal"],
      [api(-242), "fatal"],
      [new Error("bug"), "fatal"],
      [undefined, "fatal"],
    ];
    for (const [err, expected] of table) expect([err, classifyZaloError(err)]).toEqual([err, expected]);
    expect(normalizeZaloPhone("+84 912-345-678")).toBe("84912345678");
    expect(normalizeZaloPhone("0912.345.678")).toBe("84912345678");
    expect(() => normalizeZaloPhone("12345")).toThrow(InvalidPhoneError);
  });
});
