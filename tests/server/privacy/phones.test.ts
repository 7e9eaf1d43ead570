import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { ConfigError, loadConfig } from "../../../server/src/config.js";
import { routeSubmission } from "../../../server/src/modules/feedback/pipeline.js";
import { DEVELOPMENT_PHONE_KEYS, openPhone, parsePhoneKeys, sealPhone, type PhoneKeyring } from "../../../server/src/privacy/phones.js";
import { phoneKeyUsage, resealPhones } from "../../../server/src/privacy/reseal.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, primaryAssignment, type World } from "../feedback/world.js";

const run = promisify(execFile);
const key = (id: string, fill: number) => `${id}:${Buffer.alloc(32, fill).toString("base64")}`;
const ring = (spec: string): PhoneKeyring => {
  const r = parsePhoneKeys(spec);
  if ("problems" in r) throw new Error(r.problems.join("; "));
  return r.ring;
};
const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return "";
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.join("\n");
    throw err;
  }
};

describe("sealing a phone number", () => {
  it("round-trips, with a fresh IV each time and the key id in front", () => {
    const r = ring(key("k1", 1));
    const a = sealPhone(r, "84912345678");
    const b = sealPhone(r, "84912345678");
    expect(a).not.toBe(b);
    expect(a.startsWith("k1.")).toBe(true);
    expect(a).not.toMatch(/912345678/);
    expect(openPhone(r, a)).toBe("84912345678");
  });

  it("refuses a tampered value and a value whose key is gone", () => {
    const r = ring(key("k1", 1));
    const s = sealPhone(r, "84912345678");
    const parts = s.split(".");
    const ct = Buffer.from(parts[3]!, "base64url");
    ct[0] = ct[0]! ^ 1;
    expect(() => openPhone(r, [parts[0], parts[1], parts[2], ct.toString("base64url")].join("."))).toThrow();
    expect(() => openPhone(ring(key("k2", 2)), s)).toThrow(/"k1"/);
  });

  it("reads PHONE_KEYS strictly", () => {
    expect(parsePhoneKeys("k1:short")).toMatchObject({ problems: [expect.stringMatching(/32 bytes/)] });
    expect(parsePhoneKeys(`${key("k1", 1)},${key("k1", 2)}`)).toMatchObject({ problems: [expect.stringMatching(/twice/)] });
    expect(parsePhoneKeys("no-colon")).toMatchObject({ problems: [expect.stringMatching(/id:base64key/)] });
    expect(ring(`${key("new", 2)},${key("old", 1)}`).current.id).toBe("new");
  });

  it("is required in production, the development key refused there, and used elsewhere", () => {
    const prod = { DATABASE_URL: "postgres://h/db", ZALO_APP_ID: "a", ZALO_APP_SECRET: "b" };
    expect(problems(prod)).toMatch(/PHONE_KEYS is required in production/);
    expect(problems({ ...prod, PHONE_KEYS: DEVELOPMENT_PHONE_KEYS })).toMatch(/development key .* refused in production/);
    expect(problems({ ...prod, PHONE_KEYS: key("k1", 1) })).toBe("");
    expect(loadConfig({}).phoneKeys.current.id).toBe("dev-not-for-production");
  });
});

describe("phone numbers at rest", () => {
  let sim: ZaloSimulator;
  let ctx: TestContext;
  let w: World;
  let herToken: string;
  let onBehalfAssignment: string;
  let urgentId: string;
  // every number this test stores, as digits that would show in any format (84…, 0…, spaced)
  const NUMBERS = { identified: "912345678", zalo: "987654321", urgent: "912000111" };

  const dumpData = async () => (await run("pg_dump", ["--data-only", "--inserts", ctx.config.databaseUrl!], { maxBuffer: 256 * 1024 * 1024 })).stdout;
  const api = async (method: "GET" | "POST", url: string, token: string, payload?: Record<string, unknown>) => {
    const res = await ctx.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const search = async (q: string) => (await api("GET", `/api/admin/members?q=${encodeURIComponent(q)}`, w.admin.token)).items as Array<{ id: string; phone: string | null }>;

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
    ctx = await createTestContext({ zaloUrl: sim.url });
    w = await buildWorld(ctx); // the identified woman's number is written the pre-130 way: plaintext

    // a woman gives her number through Zalo (POST /api/me/phone)
    const u = sim.createUser({ name: "Vàng Thị Dung", phone: `84${NUMBERS.zalo}` });
    const login = await ctx.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken: u.accessToken } });
    expect(login.statusCode, login.body).toBe(200);
    herToken = login.json<{ token: string }>().token;
    expect((await api("POST", "/api/me/phone", herToken, { token: sim.phoneToken(u.id), accessToken: u.accessToken })).phone).toBe(`84${NUMBERS.zalo}`);

    // a cán bộ enters an item for her by phone: found by her number (blind index), told on Zalo
    const ob = await api("POST", "/api/on-behalf", w.staff.chiA1.token, {
      kind: "feedback", category: "viec_lam", body: "Chị Dung chưa được trả lương.", unitId: w.units.chiA1.id, consent: true,
      channel: "dien_thoai", womanName: "Vàng Thị Dung", womanPhone: `0${NUMBERS.zalo.slice(0, 2)} ${NUMBERS.zalo.slice(2, 5)} ${NUMBERS.zalo.slice(5)}`, notifyConsent: true,
    });
    expect(ob.zaloNotice).toBe(true);
    await routeSubmission(ctx.deps, ob.id);
    onBehalfAssignment = (await primaryAssignment(ctx.deps, ob.id))!.id;

    // an urgent report with a number to call back
    const urgent = await api("POST", "/api/safety/urgent", w.identified.token, { what: "Chồng em đánh em", callbackPhone: `+84 ${NUMBERS.urgent}` });
    urgentId = urgent.id;
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
    await sim?.close();
  });

  it("new numbers are stored sealed; the old plaintext one is sealed by the backfill; then no stored byte holds a number", async () => {
    expect(await dumpData()).toContain(NUMBERS.identified); // the pre-130 row, before the backfill
    expect(await phoneKeyUsage(ctx.deps.db)).toEqual({ plain: 1, "dev-not-for-production": 3 });
    const r = await resealPhones(ctx.deps.db, ctx.config.phoneKeys, { batch: 1 });
    expect(r.resealed).toEqual({ members: 1 });
    expect(await phoneKeyUsage(ctx.deps.db)).toEqual({ "dev-not-for-production": 4 });
    const dump = await dumpData();
    expect(dump).toContain("dev-not-for-production."); // the dump did read the tables
    for (const digits of Object.values(NUMBERS)) expect(dump).not.toContain(digits);
  });

  it("reads them back through the API where they were shown before", async () => {
    expect((await api("GET", "/api/me", w.identified.token)).phone).toBe(`84${NUMBERS.identified}`);
    expect((await api("GET", "/api/me", herToken)).phone).toBe(`84${NUMBERS.zalo}`);
    expect((await api("GET", `/api/assignments/${onBehalfAssignment}`, w.staff.xaA.token)).author).toEqual({ name: "Vàng Thị Dung", phone: `84${NUMBERS.zalo}` });
    expect((await api("GET", `/api/safety/reports/${urgentId}`, w.staff.xaA.token)).callbackPhone).toBe(`84${NUMBERS.urgent}`);
  });

  it("finds a member by her full number, however it is typed", async () => {
    for (const q of [`0${NUMBERS.identified}`, `84${NUMBERS.identified}`, `0${NUMBERS.identified.slice(0, 2)} ${NUMBERS.identified.slice(2, 5)} ${NUMBERS.identified.slice(5)}`]) {
      expect((await search(q)).map((m) => [m.id, m.phone])).toEqual([[w.identified.memberId, `84${NUMBERS.identified}`]]);
    }
    expect(await search("0999999999")).toEqual([]);
  });

  it("npm run rotate:phones re-seals under a new first key; the old key can then be removed", async () => {
    const next = `${key("k2026", 9)},${DEVELOPMENT_PHONE_KEYS}`;
    const { stdout } = await run("npx", ["tsx", "scripts/ops/rotate-phones.ts"], {
      env: { ...process.env, DATABASE_URL: ctx.config.databaseUrl, NODE_ENV: "test", PHONE_KEYS: next, ROTATE_BATCH: "2" },
    });
    expect(stdout).toMatch(/the other keys may leave PHONE_KEYS/);
    expect(await phoneKeyUsage(ctx.deps.db)).toEqual({ k2026: 4 });
    // the server restarted with the new key alone (the development key removed)
    Object.assign(ctx.deps.config, { phoneKeys: ring(key("k2026", 9)) });
    expect((await api("GET", "/api/me", w.identified.token)).phone).toBe(`84${NUMBERS.identified}`);
    expect((await api("GET", `/api/safety/reports/${urgentId}`, w.staff.xaA.token)).callbackPhone).toBe(`84${NUMBERS.urgent}`);
    expect((await api("GET", `/api/assignments/${onBehalfAssignment}`, w.staff.xaA.token)).author.phone).toBe(`84${NUMBERS.zalo}`);
    expect((await search(`0${NUMBERS.zalo}`)).map((m) => m.phone)).toEqual([`84${NUMBERS.zalo}`]);
    const dump = await dumpData();
    expect(dump).not.toContain("dev-not-for-production.");
    for (const digits of Object.values(NUMBERS)) expect(dump).not.toContain(digits);
  }, 120_000);
});
