import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminMember, AdminRole } from "@hoiso/shared";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin, grant, smallTree } from "../../helpers/fixtures.js";

type Login = Awaited<ReturnType<typeof devLogin>>;

/**
 * Quản trị → Hội viên: who may find members and give or take roles. A plain member nothing; a xã cán bộ only inside
 * her xã and never an admin role; the province admin anywhere. Every grant and revoke leaves an audit row written in
 * the same transaction.
 */
describe("admin members and roles", () => {
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof smallTree>>;
  const who: Record<"woman" | "member" | "canBoXa" | "outsider" | "admin" | "newcomer", Login> = {} as never;

  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, as: Login | null, payload?: object) =>
    ctx.app.inject({ method, url, headers: as ? as.headers : {}, ...(payload ? { payload } : {}) });
  const search = async (as: Login, qs: string) => {
    const res = await call("GET", `/api/admin/members?${qs}`, as);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: AdminMember[]; truncated: boolean }>().items;
  };
  const rolesOf = (memberId: string) => ctx.deps.db.selectFrom("roles").select(["id", "unit_id", "role"]).where("member_id", "=", memberId).execute();
  const auditRows = (action: string) => ctx.deps.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();

  beforeAll(async () => {
    ctx = await createTestContext();
    tree = await smallTree(ctx.deps.db);
    who.woman = await devLogin(ctx.app, "Giàng Thị Dua");
    await call("PUT", "/api/me/unit", who.woman, { unitId: tree.chiHoiA.id }).then((r) => expect(r.statusCode).toBe(200));
    await ctx.deps.db.updateTable("members").set({ phone: "84912345678" }).where("id", "=", who.woman.memberId).execute();
    who.member = await devLogin(ctx.app, "Đặng Thị Lan");
    await call("PUT", "/api/me/unit", who.member, { unitId: tree.xaB.id });
    who.newcomer = await devLogin(ctx.app, "Lù Thị Sen");
    who.canBoXa = await devLogin(ctx.app, "Lò Thị Mai");
    who.outsider = await devLogin(ctx.app, "Cán bộ phường Sa Pa");
    who.admin = await devLogin(ctx.app, "Nguyễn Thị Hồng Nhung");
    await grant(ctx.deps.db, who.canBoXa.memberId, tree.xaA.id, "can_bo");
    await grant(ctx.deps.db, who.outsider.memberId, tree.xaB.id, "can_bo");
    await grant(ctx.deps.db, who.admin.memberId, tree.tinh.id, "admin");
  });
  afterAll(() => ctx?.close());

  describe("searching members", () => {
    it("finds a name typed without diacritics, a phone typed the way people write it, and a unit name", async () => {
      expect((await search(who.admin, "q=giang%20thi%20dua")).map((m) => m.id)).toEqual([who.woman.memberId]);
      expect((await search(who.admin, "q=DUA")).map((m) => m.id)).toEqual([who.woman.memberId]);
      expect((await search(who.admin, `q=${encodeURIComponent("0912 345")}`)).map((m) => m.id)).toEqual([who.woman.memberId]);
      expect((await search(who.admin, "q=lang%20moi")).map((m) => m.id)).toEqual([who.woman.memberId]);
      // "Đ" folds to d whatever the database's locale does with lower().
      expect((await search(who.admin, "q=dang%20thi")).map((m) => m.name)).toEqual(["Đặng Thị Lan"]);
      const [dua] = await search(who.admin, "q=dua");
      expect(dua).toMatchObject({ unitId: tree.chiHoiA.id, unitName: "Chi hội thôn Làng Mới", membershipStatus: "pending", phone: "84912345678", roles: [] });
    });

    it("shows each member's roles", async () => {
      const [mai] = await search(who.admin, "q=lo%20thi%20mai");
      expect(mai?.roles).toMatchObject([{ unitId: tree.xaA.id, unitName: "Xã Bảo Thắng", role: "can_bo", memberName: "Lò Thị Mai" }]);
    });

    it("a xã cán bộ sees her xã only; the province admin also sees women with no unit yet", async () => {
      const names = (items: AdminMember[]) => items.map((m) => m.name).sort();
      expect(names(await search(who.canBoXa, ""))).toEqual(["Giàng Thị Dua"]);
      expect(await search(who.canBoXa, "q=dang")).toEqual([]);
      expect(names(await search(who.admin, "q=thi"))).toEqual(expect.arrayContaining(["Giàng Thị Dua", "Đặng Thị Lan", "Lù Thị Sen", "Lò Thị Mai"]));
      expect(names(await search(who.admin, `unitId=${tree.xaB.id}`))).toEqual(["Đặng Thị Lan"]);
    });

    it.each([
      ["a plain member", "member", "", 403],
      ["a xã cán bộ, on another xã", "canBoXa", `unitId=${"xaB"}`, 403],
      ["anyone without a session", null, "", 401],
    ] as const)("is refused to %s", async (_label, as, qs, status) => {
      const query = qs.replace("xaB", tree.xaB.id);
      const res = await call("GET", `/api/admin/members?${query}`, as ? who[as] : null);
      expect(res.statusCode).toBe(status);
      const roles = await call("GET", `/api/admin/roles?${query}`, as ? who[as] : null);
      expect(roles.statusCode).toBe(status);
    });
  });

  describe("granting and revoking", () => {
    it("a plain member can do neither (403) and nothing is written", async () => {
      const res = await call("POST", "/api/admin/roles", who.member, { memberId: who.woman.memberId, unitId: tree.chiHoiA.id, role: "can_bo" });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe("FORBIDDEN");
      expect(await rolesOf(who.woman.memberId)).toEqual([]);
    });

    it("a xã cán bộ names a chi hội cán bộ in her xã, and removes the role again; both audited", async () => {
      const granted = await call("POST", "/api/admin/roles", who.canBoXa, { memberId: who.woman.memberId, unitId: tree.chiHoiA.id, role: "can_bo" });
      expect(granted.statusCode, granted.body).toBe(200);
      const role = granted.json<AdminRole>();
      expect(role).toMatchObject({ memberId: who.woman.memberId, unitId: tree.chiHoiA.id, role: "can_bo", grantedByName: "Lò Thị Mai" });

      const listed = await call("GET", `/api/admin/roles?unitId=${tree.xaA.id}`, who.canBoXa);
      expect(listed.json<{ items: AdminRole[] }>().items.map((r) => [r.memberName, r.unitName])).toEqual([
        ["Lò Thị Mai", "Xã Bảo Thắng"],
        ["Giàng Thị Dua", "Chi hội thôn Làng Mới"],
      ]);

      const revoked = await call("DELETE", `/api/admin/roles/${role.id}`, who.canBoXa);
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(await rolesOf(who.woman.memberId)).toEqual([]);
      const [g] = await auditRows("role.grant");
      const [r] = await auditRows("role.revoke");
      expect(g).toMatchObject({ actor_id: who.canBoXa.memberId, entity_type: "member", entity_id: who.woman.memberId, detail: { role: "can_bo", unitId: tree.chiHoiA.id } });
      expect(r).toMatchObject({ actor_id: who.canBoXa.memberId, entity_id: who.woman.memberId, detail: { roleId: role.id, role: "can_bo" } });
    });

    it("a xã cán bộ may not grant admin, even in her xã, nor anything outside it", async () => {
      const admin = await call("POST", "/api/admin/roles", who.canBoXa, { memberId: who.woman.memberId, unitId: tree.chiHoiA.id, role: "admin" });
      expect(admin.statusCode).toBe(403);
      expect(admin.json().message).toMatch(/Quyền quản trị/);
      const outside = await call("POST", "/api/admin/roles", who.canBoXa, { memberId: who.member.memberId, unitId: tree.xaB.id, role: "can_bo" });
      expect(outside.statusCode).toBe(403);
      expect(await rolesOf(who.woman.memberId)).toEqual([]);
      expect(await rolesOf(who.member.memberId)).toEqual([]);
    });

    it("a xã cán bộ may not revoke an admin role in her xã, nor a cán bộ role outside it", async () => {
      const adminRole = await call("POST", "/api/admin/roles", who.admin, { memberId: who.woman.memberId, unitId: tree.chiHoiA.id, role: "admin" });
      expect(adminRole.statusCode).toBe(200);
      const outsiderRole = (await rolesOf(who.outsider.memberId))[0]!;
      for (const id of [adminRole.json<AdminRole>().id, outsiderRole.id]) {
        expect((await call("DELETE", `/api/admin/roles/${id}`, who.canBoXa)).statusCode).toBe(403);
      }
      expect(await rolesOf(who.outsider.memberId)).toHaveLength(1);
      expect((await call("DELETE", `/api/admin/roles/${adminRole.json<AdminRole>().id}`, who.admin)).statusCode).toBe(200);
    });

    it("the province admin grants and revokes anywhere, admin roles included", async () => {
      const res = await call("POST", "/api/admin/roles", who.admin, { memberId: who.newcomer.memberId, unitId: tree.xaB.id, role: "admin" });
      expect(res.statusCode).toBe(200);
      const again = await call("POST", "/api/admin/roles", who.admin, { memberId: who.newcomer.memberId, unitId: tree.xaB.id, role: "admin" });
      expect(again.json<AdminRole>().id).toBe(res.json<AdminRole>().id);
      expect((await auditRows("role.grant")).filter((a) => a.entity_id === who.newcomer.memberId)).toHaveLength(1);
      expect((await call("DELETE", `/api/admin/roles/${res.json<AdminRole>().id}`, who.admin)).statusCode).toBe(200);
      expect((await call("DELETE", `/api/admin/roles/${res.json<AdminRole>().id}`, who.admin)).json().code).toBe("ROLE_NOT_FOUND");
    });

    it("nobody removes her own role; unknown members and merged units are refused with their own codes", async () => {
      const own = (await rolesOf(who.canBoXa.memberId))[0]!;
      const self = await call("DELETE", `/api/admin/roles/${own.id}`, who.canBoXa);
      expect(self.statusCode).toBe(409);
      expect(self.json().code).toBe("ROLE_SELF_REVOKE");
      const ghost = await call("POST", "/api/admin/roles", who.admin, { memberId: "00000000-0000-4000-8000-000000000000", unitId: tree.xaB.id, role: "can_bo" });
      expect(ghost.json().code).toBe("MEMBER_NOT_FOUND");
      await ctx.deps.db.updateTable("units").set({ active: false }).where("id", "=", tree.xaB.id).execute();
      try {
        const inactive = await call("POST", "/api/admin/roles", who.admin, { memberId: who.member.memberId, unitId: tree.xaB.id, role: "can_bo" });
        expect(inactive.statusCode).toBe(409);
        expect(inactive.json().code).toBe("ROLE_UNIT_INACTIVE");
      } finally {
        await ctx.deps.db.updateTable("units").set({ active: true }).where("id", "=", tree.xaB.id).execute();
      }
    });

    it("a grant or revoke whose audit row cannot be written does not happen", async () => {
      const breakAudit = () => sql`ALTER TABLE audit_log ADD CONSTRAINT audit_broken CHECK (action NOT IN ('role.grant', 'role.revoke')) NOT VALID`.execute(ctx.deps.db);
      const repairAudit = () => sql`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_broken`.execute(ctx.deps.db);
      const body = { memberId: who.member.memberId, unitId: tree.xaB.id, role: "can_bo" };
      await breakAudit();
      try {
        expect((await call("POST", "/api/admin/roles", who.admin, body)).statusCode).toBe(500);
        expect(await rolesOf(who.member.memberId)).toEqual([]);
      } finally {
        await repairAudit();
      }
      const role = (await call("POST", "/api/admin/roles", who.admin, body)).json<AdminRole>();
      await breakAudit();
      try {
        expect((await call("DELETE", `/api/admin/roles/${role.id}`, who.admin)).statusCode).toBe(500);
        expect(await rolesOf(who.member.memberId)).toHaveLength(1);
      } finally {
        await repairAudit();
      }
    });

    it("confirming a pending member is audited with the change", async () => {
      const res = await call("POST", `/api/members/${who.woman.memberId}/confirm`, who.canBoXa);
      expect(res.statusCode).toBe(200);
      const [row] = await auditRows("member.confirm");
      expect(row).toMatchObject({ actor_id: who.canBoXa.memberId, entity_id: who.woman.memberId, detail: { unitId: tree.chiHoiA.id } });
      expect((await search(who.canBoXa, "q=dua"))[0]?.membershipStatus).toBe("confirmed");
    });
  });
});
