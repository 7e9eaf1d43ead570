import type { Unit, UnitList } from "@hoiso/shared";
import { sql } from "kysely";
import { expect } from "vitest";
import { DEMO_ACCOUNTS, DEMO_UNITS } from "../../../scripts/seed/demo.js";
import { seed } from "../../../scripts/seed/seed.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";

export interface OrgContext extends TestContext {
  /** Logs in through the development login and returns the bearer header. */
  login(zaloId: string, name?: string): Promise<{ authorization: string }>;
  /** Logs in as a fresh member and grants her a role directly, as test setup. */
  loginWithRole(zaloId: string, role: "admin" | "can_bo", unitId: string): Promise<{ authorization: string }>;
  as: {
    provinceAdmin(): Promise<{ authorization: string }>;
    canBoXa(): Promise<{ authorization: string }>;
    hoiVien(): Promise<{ authorization: string }>;
  };
  search(q: string, extra?: string): Promise<Unit[]>;
  children(parentId: string, includeInactive?: boolean): Promise<Unit[]>;
  /** Creates a unit as the province admin (setup for admin tests). */
  createUnit(parentId: string, name: string): Promise<Unit>;
  /** Everything a unit change can touch, to prove a failed change left nothing behind. */
  snapshot(): Promise<unknown>;
}

/** A seeded server (province, 99 xã/phường, demo chi hội and accounts) for one test file. */
export async function createOrgContext(): Promise<OrgContext> {
  const ctx = await createTestContext();
  await seed(ctx.deps.db, { demo: true });
  const login = async (zaloId: string, name = "Chị kiểm thử") => {
    const res = await ctx.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name, zaloId } });
    expect(res.statusCode, res.body).toBe(200);
    return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
  };
  const loginWithRole = async (zaloId: string, role: "admin" | "can_bo", unitId: string) => {
    const headers = await login(zaloId);
    const m = await ctx.deps.db.selectFrom("members").select("id").where("zalo_app_user_id", "=", `dev-${zaloId}`).executeTakeFirstOrThrow();
    await ctx.deps.db.insertInto("roles").values({ member_id: m.id, unit_id: unitId, role, granted_by: null }).execute();
    return headers;
  };
  const provinceAdmin = await login(DEMO_ACCOUNTS.admin.zaloId, DEMO_ACCOUNTS.admin.name);
  const list = async (url: string) => {
    const res = await ctx.app.inject({ method: "GET", url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<UnitList>().items;
  };
  return {
    ...ctx,
    login,
    loginWithRole,
    as: {
      provinceAdmin: async () => provinceAdmin,
      canBoXa: () => login(DEMO_ACCOUNTS.canBoXa.zaloId),
      hoiVien: () => login(DEMO_ACCOUNTS.hoiVien.zaloId),
    },
    search: (q, extra = "") => list(`/api/units?q=${encodeURIComponent(q)}${extra}`),
    children: (parentId, includeInactive = false) => list(`/api/units?parentId=${parentId}${includeInactive ? "&includeInactive=true" : ""}`),
    async createUnit(parentId, name) {
      const res = await ctx.app.inject({ method: "POST", url: "/api/admin/units", headers: provinceAdmin, payload: { parentId, name } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Unit>();
    },
    async snapshot() {
      const db = ctx.deps.db;
      return {
        units: await db.selectFrom("units").select(["id", "parent_id", "path", "name", "former_names", "search_text", "active", "merged_into"]).orderBy("id").execute(),
        members: await db.selectFrom("members").select(["id", "unit_id", "membership_status"]).orderBy("id").execute(),
        history: (await sql<{ n: number }>`SELECT count(*)::int AS n FROM unit_history`.execute(db)).rows[0]?.n,
        audit: (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(db)).rows[0]?.n,
      };
    },
  };
}

export { DEMO_ACCOUNTS, DEMO_UNITS };
