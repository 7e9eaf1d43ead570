import type { Me, SessionResponse } from "@hoiso/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_UNITS, PROVINCE_CODE } from "../../scripts/seed/demo.js";
import { seed, seedIfEmpty } from "../../scripts/seed/seed.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { OA_FOLLOWER_STAND_IN } from "../../server/src/db/migrations/102_chatbot_urgent.js";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

async function counts() {
  const q = (table: string) => sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.deps.db).then((r) => r.rows[0]?.n);
  const byLevel = await t.deps.db.selectFrom("units").select(["level", sql<number>`count(*)::int`.as("n")]).groupBy("level").orderBy("level").execute();
  return {
    units: await q("units"),
    byLevel,
    history: await q("unit_history"),
    // not the migrations' stand-in author of urgent records from unlinked OA followers
    members: await t.deps.db.selectFrom("members").select(sql<number>`count(*)::int`.as("n")).where("id", "<>", OA_FOLLOWER_STAND_IN).executeTakeFirstOrThrow().then((r) => r.n),
    roles: await q("roles"),
  };
}

describe("seed --demo", () => {
  it("seeds an empty database once, fast, and a second run changes nothing", async () => {
    const started = Date.now();
    expect(await seedIfEmpty(t.deps.db, { demo: true })).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    const first = await counts();
    expect(first.byLevel).toEqual(
      expect.arrayContaining([
        { level: "tinh", n: 1 },
        { level: "xa", n: 99 },
      ]),
    );
    expect(first.members).toBe(4);
    expect(first.roles).toBe(3);
    expect(first.history).toBe(first.units);

    expect(await seedIfEmpty(t.deps.db, { demo: true })).toBe(false);
    const again = await seed(t.deps.db, { demo: true });
    expect(again).toEqual({ unitsInserted: 0, membersInserted: 0, rolesInserted: 0 });
    expect(await counts()).toEqual(first);
  });

  it("builds the tree under the province with 89 xã and 10 phường and their former communes", async () => {
    const db = t.deps.db;
    const province = await db.selectFrom("units").selectAll().where("code", "=", PROVINCE_CODE).executeTakeFirstOrThrow();
    expect(province).toMatchObject({ name: "Hội LHPN tỉnh Lào Cai", level: "tinh", parent_id: null, path: `/${province.id}/` });
    const communes = await db.selectFrom("units").selectAll().where("level", "=", "xa").execute();
    expect(communes.filter((c) => c.kind === "xã" && c.name.startsWith("Xã "))).toHaveLength(89);
    expect(communes.filter((c) => c.kind === "phường" && c.name.startsWith("Phường "))).toHaveLength(10);
    expect(communes.every((c) => c.parent_id === province.id && c.path === `/${province.id}/${c.id}/`)).toBe(true);
    const baoThang = communes.find((c) => c.code === "02905");
    expect(baoThang).toMatchObject({ name: "Xã Bảo Thắng", former_names: ["Thị trấn Phố Lu", "Xã Thái Niên", "Xã Sơn Hải", "Xã Sơn Hà"] });
    expect(baoThang?.search_text).toContain("pho lu");
    // 319 old communes went into the 99; those that kept their name are not listed as "former".
    const formerCount = communes.reduce((n, c) => n + c.former_names.length, 0);
    expect(formerCount).toBeGreaterThan(200);
    expect(formerCount).toBeLessThan(319);
    // Every descendant's path runs through its parent's.
    const orphans = await sql<{ id: string }>`SELECT c.id FROM units c JOIN units p ON p.id = c.parent_id WHERE c.path NOT LIKE p.path || '%'`.execute(db);
    expect(orphans.rows).toEqual([]);
  });

  it("creates demo accounts the development login reaches, with their roles", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Chị quản trị", zaloId: DEMO_ACCOUNTS.admin.zaloId } });
    expect(res.statusCode, res.body).toBe(200);
    const admin = res.json<SessionResponse>().me;
    expect(admin.id).toBe(DEMO_ACCOUNTS.admin.memberId);
    expect(admin.roles).toEqual([{ unitId: DEMO_UNITS.province.id, unitName: "Hội LHPN tỉnh Lào Cai", unitLevel: "tinh", role: "admin" }]);

    const me = async (zaloId: string): Promise<Me> =>
      (await t.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "Chị demo", zaloId } })).json<SessionResponse>().me;
    expect(await me(DEMO_ACCOUNTS.canBoXa.zaloId)).toMatchObject({ unitId: DEMO_UNITS.xa.id, roles: [{ role: "can_bo", unitName: "Xã Bảo Thắng" }] });
    expect(await me(DEMO_ACCOUNTS.canBoChiHoi.zaloId)).toMatchObject({ roles: [{ role: "can_bo", unitId: DEMO_UNITS.chiHoi.id, unitLevel: "chi_hoi" }] });
    expect(await me(DEMO_ACCOUNTS.hoiVien.zaloId)).toMatchObject({ unitId: DEMO_UNITS.chiHoi.id, unitName: "Chi hội thôn Làng Mới", membershipStatus: "confirmed", roles: [] });
  });

  it("leaves units an admin changed since as they are", async () => {
    await t.deps.db.updateTable("units").set({ name: "Xã Bảo Thắng (đổi tên)" }).where("id", "=", DEMO_UNITS.xa.id).execute();
    await seed(t.deps.db, { demo: true });
    const row = await t.deps.db.selectFrom("units").select("name").where("id", "=", DEMO_UNITS.xa.id).executeTakeFirstOrThrow();
    expect(row.name).toBe("Xã Bảo Thắng (đổi tên)");
  });
});
