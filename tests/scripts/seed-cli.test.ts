import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_TREE, type DemoUnit } from "../../scripts/seed/demo.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { startProcess } from "../helpers/process.js";
import { OA_FOLLOWER_STAND_IN } from "../../server/src/db/migrations/102_chatbot_urgent.js";

const codes = (list: DemoUnit[]): string[] => list.flatMap((u) => [u.code, ...codes(u.children ?? [])]);
const demoCodes = Object.values(DEMO_TREE).flatMap(codes);

async function contents(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const n = async (q: string, values: unknown[] = []) => Number((await c.query<{ n: string }>(q, values)).rows[0]?.n);
    return {
      communes: await n("SELECT count(*) AS n FROM units WHERE level = 'xa'"),
      demoUnits: await n("SELECT count(*) AS n FROM units WHERE code = ANY($1)", [demoCodes]),
      // not the migrations' stand-in author of urgent records from unlinked OA followers: nobody can sign in as it
      members: await n("SELECT count(*) AS n FROM members WHERE id <> $1", [OA_FOLLOWER_STAND_IN]),
      demoMembers: await n("SELECT count(*) AS n FROM members WHERE zalo_app_user_id = ANY($1)", [Object.values(DEMO_ACCOUNTS).map((a) => a.zaloAppUserId)]),
      roles: await n("SELECT count(*) AS n FROM roles"),
    };
  } finally {
    await c.end();
  }
}

/** `npm run seed` the README's production way: DATABASE_URL set, nothing else (no NODE_ENV, no Zalo credentials). */
async function runSeed(url: string, args: string[] = []) {
  const p = startProcess({ DATABASE_URL: url }, ["scripts/seed/index.ts", ...args]);
  expect(await p.exited, p.output()).toBe(0);
  return p.output();
}

describe("npm run seed against a real database", () => {
  let database: TestDatabase | null = null;
  afterEach(async () => {
    await database?.drop();
    database = null;
  });

  it("creates the unit tree and no demo accounts, roles or demo units", async () => {
    database = await createTestDatabase();
    const out = await runSeed(database.url);
    expect(out).toMatch(/Không tạo dữ liệu demo/);
    expect(await contents(database.url)).toEqual({ communes: 99, demoUnits: 0, members: 0, demoMembers: 0, roles: 0 });
  }, 60_000);

  it("adds the demo units and accounts when asked with --demo", async () => {
    database = await createTestDatabase();
    await runSeed(database.url);
    await runSeed(database.url, ["--demo"]);
    expect(await contents(database.url)).toEqual({
      communes: 99,
      demoUnits: demoCodes.length,
      members: Object.keys(DEMO_ACCOUNTS).length,
      demoMembers: Object.keys(DEMO_ACCOUNTS).length,
      roles: 3,
    });
  }, 60_000);

  it("refuses an unknown argument", async () => {
    const p = startProcess({ DATABASE_URL: "postgres://postgres@127.0.0.1:9/none" }, ["scripts/seed/index.ts", "--demos"]);
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/--demos/);
  }, 120_000);
});
