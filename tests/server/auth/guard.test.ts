import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasRoleOver } from "../../../server/src/policy/policy.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin, grant, smallTree } from "../../helpers/fixtures.js";
import { OA_FOLLOWER_STAND_IN } from "../../../server/src/db/migrations/102_chatbot_urgent.js";

describe("role scope", () => {
  it("covers the unit's subtree and nothing beside it", () => {
    const auth = { memberId: "m", roles: [{ unitId: "a", unitPath: "/t/a/", role: "can_bo" as const }] };
    expect(hasRoleOver(auth, "/t/a/", ["can_bo"])).toBe(true);
    expect(hasRoleOver(auth, "/t/a/c/", ["can_bo"])).toBe(true);
    expect(hasRoleOver(auth, "/t/b/", ["can_bo"])).toBe(false);
    expect(hasRoleOver(auth, "/t/", ["can_bo"])).toBe(false);
    expect(hasRoleOver(auth, "/t/a/c/", ["admin"])).toBe(false);
  });
});

describe("guard matrix on membership confirmation and role grants", () => {
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof smallTree>>;
  let woman: Awaited<ReturnType<typeof devLogin>>;
  const who: Record<string, Awaited<ReturnType<typeof devLogin>>> = {};

  beforeAll(async () => {
    ctx = await createTestContext();
    tree = await smallTree(ctx.deps.db);
    woman = await devLogin(ctx.app, "Giàng Thị Dua");
    await ctx.app.inject({ method: "PUT", url: "/api/me/unit", headers: woman.headers, payload: { unitId: tree.chiHoiA.id } });
    who.member = await devLogin(ctx.app, "Hội viên khác");
    who.inside = await devLogin(ctx.app, "Cán bộ xã Bảo Thắng");
    who.outside = await devLogin(ctx.app, "Cán bộ phường Sa Pa");
    who.admin = await devLogin(ctx.app, "Quản trị tỉnh");
    await grant(ctx.deps.db, who.inside.memberId, tree.xaA.id, "can_bo");
    await grant(ctx.deps.db, who.outside.memberId, tree.xaB.id, "can_bo");
    await grant(ctx.deps.db, who.admin.memberId, tree.tinh.id, "admin");
  });
  afterAll(() => ctx?.close());

  const pending = (h: { authorization: string } | undefined) =>
    ctx.app.inject({ method: "GET", url: `/api/units/${tree.chiHoiA.id}/pending-members`, headers: h ?? {} });

  it.each([
    ["member", 403],
    ["inside", 200],
    ["outside", 403],
    ["admin", 200],
  ])("%s listing pending members of a chi hội → %i", async (role, status) => {
    const res = await pending(who[role]!.headers);
    expect(res.statusCode).toBe(status);
    if (status === 403) expect(res.json()).toMatchObject({ code: "FORBIDDEN" });
    else expect(res.json().items.map((m: { id: string }) => m.id)).toContain(woman.memberId);
  });

  it("without a session → 401 in Vietnamese", async () => {
    const res = await pending(undefined);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(res.json().message).toMatch(/đăng nhập/);
  });

  it("an unknown unit → 404 UNIT_NOT_FOUND", async () => {
    const res = await ctx.app.inject({
      method: "GET",
      url: "/api/units/00000000-0000-4000-8000-000000000000/pending-members",
      headers: who.admin!.headers,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("UNIT_NOT_FOUND");
  });

  it("a cán bộ outside cannot confirm; one inside can, and the woman becomes a member", async () => {
    const url = `/api/members/${woman.memberId}/confirm`;
    expect((await ctx.app.inject({ method: "POST", url, headers: who.outside!.headers })).statusCode).toBe(403);
    const me1 = await ctx.app.inject({ method: "GET", url: "/api/me", headers: woman.headers });
    expect(me1.json().membershipStatus).toBe("pending");
    expect((await ctx.app.inject({ method: "POST", url, headers: who.inside!.headers })).statusCode).toBe(200);
    const me2 = await ctx.app.inject({ method: "GET", url: "/api/me", headers: woman.headers });
    expect(me2.json()).toMatchObject({ membershipStatus: "confirmed", unitId: tree.chiHoiA.id, unitName: "Chi hội thôn Làng Mới" });
  });

  it("only an admin over the unit grants roles, and the grant is audited", async () => {
    const body = { memberId: who.member!.memberId, unitId: tree.xaB.id, role: "can_bo" };
    expect((await ctx.app.inject({ method: "POST", url: "/api/admin/roles", headers: who.inside!.headers, payload: body })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: "POST", url: "/api/admin/roles", headers: who.admin!.headers, payload: body })).statusCode).toBe(200);
    const me = await ctx.app.inject({ method: "GET", url: "/api/me", headers: who.member!.headers });
    expect(me.json().roles).toEqual([{ unitId: tree.xaB.id, unitName: "Phường Sa Pa", unitLevel: "xa", role: "can_bo" }]);
    const audit = await ctx.deps.db.selectFrom("audit_log").selectAll().where("action", "=", "role.grant").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(who.admin!.memberId);
  });
});

describe("dev login and sessions", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  it("returns the same member for the same dev id and rejects a forged token", async () => {
    const a = await devLogin(ctx.app, "Vàng Thị Hoa", "hoa");
    const b = await devLogin(ctx.app, "Vàng Thị Hoa", "hoa");
    expect(b.memberId).toBe(a.memberId);
    const forged = await ctx.app.inject({ method: "GET", url: "/api/me", headers: { authorization: "Bearer not-a-token" } });
    expect(forged.statusCode).toBe(401);
  });

  it("logout ends the session", async () => {
    const a = await devLogin(ctx.app, "Lù Thị Sen");
    expect((await ctx.app.inject({ method: "POST", url: "/api/auth/logout", headers: a.headers })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: "GET", url: "/api/me", headers: a.headers })).statusCode).toBe(401);
  });

  it("a malformed body names the field", async () => {
    const res = await ctx.app.inject({ method: "POST", url: "/api/auth/dev", payload: { zaloId: "x" } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "VALIDATION", field: "name" });
    expect(res.json().message).toMatch(/tên/);
  });

  it("is refused when dev login is off", async () => {
    const prod = await createTestContext({ env: { DEV_LOGIN: "false" } });
    try {
      const res = await prod.app.inject({ method: "POST", url: "/api/auth/dev", payload: { name: "A" } });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe("DEV_LOGIN_DISABLED");
      // nobody but the stand-in author of urgent records from unlinked OA followers, which the migrations create
      expect(await prod.deps.db.selectFrom("members").select("id").where("id", "<>", OA_FOLLOWER_STAND_IN).execute()).toHaveLength(0);
    } finally {
      await prod.close();
    }
  });
});
