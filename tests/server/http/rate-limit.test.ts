import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../server/src/app.js";
import type { App } from "../../../server/src/http/types-app.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { type devLogin, smallTree } from "../../helpers/fixtures.js";
import { png } from "../media/fixtures.js";
import { upload } from "../media/helpers.js";

type Login = Awaited<ReturnType<typeof devLogin>>;

/** Low limits so that a handful of requests reach them; the window is long enough that none resets mid-test. */
const LOW = {
  RATE_LIMIT_WINDOW_SECONDS: "600",
  RATE_LIMIT_LOGIN_PER_IP: "4",
  RATE_LIMIT_SUBMIT_PER_MEMBER: "3",
  RATE_LIMIT_SUBMIT_PER_IP: "5",
  RATE_LIMIT_UPLOAD_PER_MEMBER: "2",
  RATE_LIMIT_UPLOAD_PER_IP: "50",
  RATE_LIMIT_SIGN_PER_MEMBER: "2",
  RATE_LIMIT_SIGN_PER_IP: "50",
  RATE_LIMIT_ANSWER_PER_MEMBER: "2",
  RATE_LIMIT_ANSWER_PER_IP: "50",
  RATE_LIMIT_WEBHOOK_PER_IP: "2",
  // app.inject comes from 127.0.0.1: stands for the proxy in front that names the client in X-Forwarded-For.
  TRUST_PROXY: "127.0.0.1",
};

const item = { kind: "feedback", category: "khac", body: "Đường vào thôn bị sạt lở." };

function expectLimited(res: { statusCode: number; headers: Record<string, unknown>; json(): { code: string; message: string } }) {
  expect(res.statusCode).toBe(429);
  expect(res.json().code).toBe("RATE_LIMITED");
  expect(res.json().message).toMatch(/Chị .* nhiều lần quá .* chờ .* rồi thử lại/);
  const retryAfter = Number(res.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);
}

let nextAddress = 1;
/** Each test login from its own address, so that logins of the set-up do not use up the login limit. */
async function loginFresh(app: App, name: string): Promise<Login> {
  const res = await app.inject({ method: "POST", url: "/api/auth/dev", headers: { "x-forwarded-for": `10.0.0.${nextAddress++}` }, payload: { name, zaloId: name.replace(/\W+/g, "-") } });
  const body = res.json<{ token: string; me: { id: string } }>();
  return { token: body.token, memberId: body.me.id, headers: { authorization: `Bearer ${body.token}` } };
}

async function women(ctx: TestContext, names: string[]): Promise<Login[]> {
  const tree = await smallTree(ctx.deps.db);
  const out: Login[] = [];
  for (const n of names) {
    const who = await loginFresh(ctx.app, n);
    await ctx.deps.db.updateTable("members").set({ unit_id: tree.chiHoiA.id, membership_status: "confirmed" }).where("id", "=", who.memberId).execute();
    out.push(who);
  }
  return out;
}

const send = (app: App, who: Login, ip = "203.0.113.7") =>
  app.inject({ method: "POST", url: "/api/submissions", headers: { ...who.headers, "x-forwarded-for": ip }, payload: item });

const count = async (ctx: TestContext) =>
  Number((await ctx.deps.db.selectFrom("submissions").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

describe("limits against abuse, in one process (embedded mode: counters in memory)", () => {
  let ctx: TestContext;
  let mediaDir: string;
  beforeAll(async () => {
    mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-limits-"));
    ctx = await createTestContext({ env: { ...LOW, MEDIA_DIR: mediaDir } });
  });
  afterAll(async () => {
    await ctx?.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  it("submissions: per member, then per address; another address is not affected", async () => {
    const [mai, lan, hoa] = await women(ctx, ["Sùng Thị Mai", "Hoàng Thị Lan", "Vàng Thị Hoa"]);
    for (let i = 0; i < 3; i++) expect((await send(ctx.app, mai!)).statusCode).toBe(201);
    expectLimited(await send(ctx.app, mai!));
    expect(await count(ctx)).toBe(3);
    // Same address, another woman: two more fit under the address's five, then the address is full.
    expect((await send(ctx.app, lan!)).statusCode).toBe(201);
    expect((await send(ctx.app, lan!)).statusCode).toBe(201);
    expectLimited(await send(ctx.app, lan!));
    expect((await send(ctx.app, hoa!, "198.51.100.20")).statusCode).toBe(201);
    expect(await count(ctx)).toBe(6);
  });

  it("uploads are refused before the file is read", async () => {
    const [who] = await women(ctx, ["Lò Thị Ảnh"]);
    for (let i = 0; i < 2; i++) expect((await upload(ctx, who!.token, { bytes: png() })).statusCode).toBe(201);
    expectLimited(await upload(ctx, who!.token, { bytes: png() }));
    const stored = await ctx.deps.db.selectFrom("media").select("id").where("owner_id", "=", who!.memberId).execute();
    expect(stored).toHaveLength(2);
  });

  it("poll answers and positions on a draft share one per-member count, checked before the route looks at the id", async () => {
    const [who] = await women(ctx, ["Người trả lời nhiều"]);
    const missing = "00000000-0000-4000-8000-000000000000";
    const poll = () => ctx.app.inject({ method: "POST", url: `/api/polls/${missing}/answers`, headers: who!.headers, payload: { answers: [{ choice: 0 }] } });
    const positions = () =>
      ctx.app.inject({ method: "POST", url: `/api/consultations/${missing}/positions`, headers: who!.headers, payload: { positions: [] } });
    expect((await poll()).statusCode).toBe(404);
    expect((await positions()).statusCode).not.toBe(429);
    expectLimited(await poll());
    expectLimited(await positions());
  });

  it("petition signatures, logins and the webhook", async () => {
    const [author, signer] = await women(ctx, ["Người kiến nghị", "Người ký nhiều"]);
    const { id } = (await ctx.app.inject({
      method: "POST",
      url: "/api/submissions",
      headers: { ...author!.headers, "x-forwarded-for": "192.0.2.50" },
      payload: { kind: "petition", category: "gop_y_hoi", body: "Kiến nghị làm cầu." },
    })).json();
    const sign = () => ctx.app.inject({ method: "POST", url: `/api/petitions/${id}/sign`, headers: signer!.headers });
    expect((await sign()).statusCode).toBe(200);
    expect((await sign()).statusCode).toBe(409);
    expectLimited(await sign());

    const login = (ip: string) => ctx.app.inject({ method: "POST", url: "/api/auth/dev", headers: { "x-forwarded-for": ip }, payload: { name: "Thử đăng nhập" } });
    for (let i = 0; i < 4; i++) expect((await login("192.0.2.99")).statusCode).toBe(200);
    expectLimited(await login("192.0.2.99"));
    expect((await login("192.0.2.100")).statusCode).toBe(200);

    const hook = () => ctx.app.inject({ method: "POST", url: "/api/zalo/webhook", headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.7" }, payload: "{}" });
    expect((await hook()).statusCode).not.toBe(429);
    expect((await hook()).statusCode).not.toBe(429);
    expectLimited(await hook());
  });
});

describe("limits shared by every API process through Redis", () => {
  let ctx: TestContext;
  let second: App;
  beforeAll(async () => {
    ctx = await createTestContext({ backend: "redis", env: LOW });
    // A second API process: its own Fastify instance and Redis connection, the same Redis.
    second = await buildApp(ctx.deps);
    await second.ready();
  });
  afterAll(async () => {
    await second?.close();
    await ctx?.close();
  });

  it("counts a member's submissions across processes", async () => {
    const [mai] = await women(ctx, ["Sùng Thị Mai"]);
    expect((await send(ctx.app, mai!)).statusCode).toBe(201);
    expect((await send(second, mai!)).statusCode).toBe(201);
    expect((await send(ctx.app, mai!)).statusCode).toBe(201);
    expectLimited(await send(second, mai!));
    expectLimited(await send(ctx.app, mai!));
    expect(await count(ctx)).toBe(3);
  });
});

describe("limits when their Redis is down", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // Nothing listens on port 1. Intake must keep working (the queue's reconciler catches up later), so the limits
    // step aside rather than refuse every woman.
    ctx = await createTestContext({ backend: "redis", env: { ...LOW, REDIS_URL: "redis://127.0.0.1:1" } });
  });
  afterAll(() => ctx?.close());

  it("lets requests through instead of failing them", async () => {
    const [mai] = await women(ctx, ["Sùng Thị Mai"]);
    for (let i = 0; i < 5; i++) expect((await send(ctx.app, mai!)).statusCode).toBe(201);
  });
});

describe("client addresses without a trusted proxy", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { ...LOW, TRUST_PROXY: "" } });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it("a forged X-Forwarded-For does not get round the per-address login limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await ctx.app.inject({
        method: "POST",
        url: "/api/auth/dev",
        headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
        payload: { name: `Người thử ${i}`, zaloId: `forged-${i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });
});
