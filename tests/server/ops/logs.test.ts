import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { startProcess, type ServerProcess } from "../../helpers/process.js";
import { buildWorld, waitUntil, type World } from "../feedback/world.js";

const SIM = { appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret" };
const METRICS_TOKEN = "metrics-token-that-must-not-be-logged-0042";
const PRIVATE_TEXT = "Chồng tôi đánh tôi mỗi tối sau khi uống rượu ở nhà ông Tráng";
const URGENT_TEXT = "Anh ấy đang đập cửa phòng ngủ, em trốn trong nhà tắm";
// each phone's nine digits after 84/0: found in any format once separators between digits are removed
const PHONES = { zalo: "386271594", onBehalf: "357903168", urgent: "968412735", search: "386271594" };

/**
 * A production server (JSON logs, LOG_LEVEL=debug) as a real process, against the Zalo simulator and with its workers
 * running; a realistic flow through it; then its whole output is searched for every secret the flow handled.
 */
describe("the logs of a full run hold no token, phone number or private text", () => {
  let sim: ZaloSimulator;
  let ctx: TestContext;
  let w: World;
  let server: ServerProcess;
  let base: string;
  const secrets: Record<string, string> = {};

  const call = async (method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      redirect: "manual",
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: () => JSON.parse(text) as Record<string, unknown> & { [k: string]: unknown }, text, headers: res.headers };
  };

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, ...SIM, ratePerSec: 1000 });
    ctx = await createTestContext({ zaloUrl: sim.url });
    w = await buildWorld(ctx);
    const oa = (await (await fetch(`${sim.url}/_sim/oa/tokens`, { method: "POST" })).json()) as { access_token: string; refresh_token: string };
    secrets.oaAccess = oa.access_token;
    secrets.oaRefresh = oa.refresh_token;
    secrets.metrics = METRICS_TOKEN;
    for (const [who, login] of Object.entries({ admin: w.admin, xaA: w.staff.xaA, chiA1: w.staff.chiA1, identified: w.identified })) secrets[`session ${who}`] = login.token;

    server = startProcess(
      {
        NODE_ENV: "production",
        DATABASE_URL: ctx.config.databaseUrl!,
        QUEUE_BACKEND: "postgres",
        QUEUE_PREFIX: ctx.config.queuePrefix,
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "debug",
        ...Object.fromEntries(Object.entries(SIM).map(([k, v]) => [`ZALO_${k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`, v])),
        ZALO_GRAPH_URL: sim.url,
        ZALO_OPENAPI_URL: sim.url,
        ZALO_OAUTH_URL: sim.url,
        ZALO_TEMPLATE_URL: sim.url,
        ZALO_OA_ACCESS_TOKEN: oa.access_token,
        ZALO_OA_REFRESH_TOKEN: oa.refresh_token,
        ZALO_HTTP_TIMEOUT_MS: "3000",
        METRICS_TOKEN,
        PHONE_KEYS: `k1:${Buffer.alloc(32, 5).toString("base64")}`,
        WORKER_CONCURRENCY: "2",
        ...Object.fromEntries(["LOGIN_PER_IP", "SUBMIT_PER_MEMBER", "SUBMIT_PER_IP", "WEBHOOK_PER_IP"].map((k) => [`RATE_LIMIT_${k}`, "0"])),
      },
      ["server/src/main.ts", "--role=all"],
    );
    base = `http://127.0.0.1:${(await server.waitFor(/API:\s+http:\/\/localhost:(\d+)\//, 300_000))[1]}`;
  }, 400_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
    await sim?.close();
  });

  it("runs the flow, then finds none of its secrets in the output", async () => {
    // a woman signs in with Zalo (her access token in the body) and gives her number
    const u = sim.createUser({ name: "Thào Thị Pà", phone: `84${PHONES.zalo}` });
    secrets.zaloUser = u.accessToken;
    const login = await call("POST", "/api/auth/zalo", null, { accessToken: u.accessToken });
    expect(login.status, login.text).toBe(200);
    const her = String(login.json().token);
    secrets["session her"] = her;
    const phoneToken = sim.phoneToken(u.id);
    secrets.phoneToken = phoneToken;
    expect((await call("POST", "/api/me/phone", her, { token: phoneToken, accessToken: u.accessToken })).status).toBe(200);
    await ctx.deps.db.updateTable("members").set({ unit_id: w.units.chiA1.id, membership_status: "confirmed" }).where("zalo_app_user_id", "=", u.id).execute();
    expect((await call("GET", "/api/me", her)).status).toBe(200);
    // a token where it does not belong: in a query string
    await call("GET", `/api/me?access_token=${u.accessToken}`, null);

    // a private report, and an urgent one with a number to call back
    const report = await call("POST", "/api/submissions", her, { kind: "report", category: "bao_luc", body: PRIVATE_TEXT, anonymous: true });
    expect(report.status, report.text).toBe(201);
    const urgent = await call("POST", "/api/safety/urgent", her, { what: URGENT_TEXT, callbackPhone: `0${PHONES.urgent.slice(0, 2)} ${PHONES.urgent.slice(2, 5)} ${PHONES.urgent.slice(5)}` });
    expect(urgent.status, urgent.text).toBe(201);
    // an item entered for a woman by phone, with her number; a cán bộ searching members by a number
    const ob = await call("POST", "/api/on-behalf", w.staff.chiA1.token, {
      kind: "feedback", category: "viec_lam", body: "Chị Mỷ chưa được trả lương.", unitId: w.units.chiA1.id, consent: true,
      channel: "dien_thoai", womanName: "Sùng Thị Mỷ", womanPhone: `+84 ${PHONES.onBehalf}`,
    });
    expect(ob.status, ob.text).toBe(201);
    expect((await call("GET", `/api/admin/members?q=0${PHONES.search}`, w.admin.token)).status).toBe(200);
    // a refused number is logged by nobody either
    expect((await call("POST", "/api/on-behalf", w.staff.chiA1.token, { kind: "feedback", category: "viec_lam", body: "x", unitId: w.units.chiA1.id, consent: true, channel: "dien_thoai", womanPhone: "0123 456 7" })).status).toBe(400);

    // the handler reads the private report (decrypted numbers in answers, never in logs)
    const assignment = await waitUntil("the report routed", () =>
      ctx.deps.db.selectFrom("assignments").select("id").where("submission_id", "=", String(report.json().id)).where("reason", "=", "primary").executeTakeFirst(),
    );
    const seen = await call("GET", `/api/assignments/${assignment.id}`, w.staff.xaA.token);
    expect(seen.status).toBe(200);
    expect((await call("GET", `/api/safety/reports/${String(urgent.json().id)}`, w.staff.xaA.token)).status).toBe(200);

    // the OA webhook (signed) and a Zalo call from the workers: the urgent alert and her own OA messages
    const hook = sim.signedWebhook(sim.textEvent(u.oaUserId, `Số của em là 0${PHONES.zalo}, ${PRIVATE_TEXT}`));
    expect((await call("POST", "/api/zalo/webhook", null, hook.body, hook.headers)).status).toBeLessThan(300);
    await waitUntil("a Zalo call from the workers", async () => sim.requests.some((r) => r.path.startsWith("/v3.0/oa/message")), 60_000);

    // operations: metrics with its token, the queue board's one-time ticket in a URL
    expect((await call("GET", "/metrics", METRICS_TOKEN)).status).toBe(200);
    const board = await call("POST", "/api/admin/ops/queue-board", w.admin.token, {});
    expect(board.status, board.text).toBe(200);
    const url = String(board.json().url);
    secrets.boardTicket = new URL(url, base).searchParams.get("ticket")!;
    const entered = await call("GET", url, null);
    expect(entered.status).toBeLessThan(400);
    secrets.boardCookie = /=([^;]+)/.exec(entered.headers.get("set-cookie") ?? "")?.[1] ?? "";
    expect(secrets.boardCookie.length).toBeGreaterThan(10);

    // the OA token the workers may have refreshed meanwhile
    for (const t of await ctx.deps.db.selectFrom("zalo_oa_tokens").select(["access_token", "refresh_token"]).execute()) {
      secrets.oaAccessNow = t.access_token;
      secrets.oaRefreshNow = t.refresh_token;
    }

    await server.stop();
    const out = server.output();
    expect(out).toMatch(/"level":20|"level":30/); // the logs were on, as JSON
    expect(out).toContain("/api/admin/members"); // and did record these requests
    expect(out).toContain("/admin/queues/enter");
    if (process.env.HOISO_LOG_DUMP) (await import("node:fs")).writeFileSync(process.env.HOISO_LOG_DUMP, out);
    const digits = out.replace(/(?<=\d)[\s.()+-]+(?=\d)/g, "");
    const leaks = [
      ...Object.entries(secrets).filter(([, v]) => out.includes(v)).map(([what]) => what),
      ...[PRIVATE_TEXT, URGENT_TEXT].filter((t) => out.includes(t.slice(0, 24))).map((t) => `text "${t.slice(0, 24)}…"`),
      ...Object.entries(PHONES).filter(([, p]) => digits.includes(p)).map(([what]) => `phone (${what})`),
    ];
    expect(leaks).toEqual([]);
  }, 400_000);
});
