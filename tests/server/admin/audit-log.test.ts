import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditList } from "@hoiso/shared";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin, grant, smallTree } from "../../helpers/fixtures.js";

type Login = Awaited<ReturnType<typeof devLogin>>;

/** Quản trị → Nhật ký: the province admin reads the audit log, filtered by who, what and which days (Vietnam time). */
describe("audit log", () => {
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof smallTree>>;
  let admin: Login;
  let xaAdmin: Login;
  let canBo: Login;
  let member: Login;

  const read = (as: Login, qs = "") => ctx.app.inject({ method: "GET", url: `/api/admin/audit?${qs}`, headers: as.headers });
  const list = async (qs: string) => {
    const res = await read(admin, qs);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<AuditList>();
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    tree = await smallTree(ctx.deps.db);
    admin = await devLogin(ctx.app, "Nguyễn Thị Hồng Nhung");
    xaAdmin = await devLogin(ctx.app, "Quản trị xã Bảo Thắng");
    canBo = await devLogin(ctx.app, "Lò Thị Mai");
    member = await devLogin(ctx.app, "Vàng Thị Dung");
    await grant(ctx.deps.db, admin.memberId, tree.tinh.id, "admin");
    await grant(ctx.deps.db, xaAdmin.memberId, tree.xaA.id, "admin");
    await grant(ctx.deps.db, canBo.memberId, tree.xaA.id, "can_bo");
    // 23:30 UTC on 1 March is already 06:30 on 2 March in Lào Cai.
    const rows = [
      { actor_id: canBo.memberId, action: "submission.read", entity_type: "submission", entity_id: "s1", at: new Date("2025-03-01T16:30:00Z") },
      { actor_id: canBo.memberId, action: "submission.read", entity_type: "submission", entity_id: "s2", at: new Date("2025-03-01T23:30:00Z") },
      { actor_id: admin.memberId, action: "unit.rename", entity_type: "unit", entity_id: tree.xaA.id, at: new Date("2025-03-02T10:00:00Z") },
      { actor_id: admin.memberId, action: "role.grant", entity_type: "member", entity_id: canBo.memberId, at: new Date("2025-03-03T10:00:00Z") },
      { actor_id: admin.memberId, action: "routing_rule.create", entity_type: "routing_rule", entity_id: "r1", at: new Date("2025-03-04T10:00:00Z") },
    ];
    await ctx.deps.db.insertInto("audit_log").values(rows.map((r) => ({ ...r, detail: JSON.stringify({ entity: r.entity_id }) }))).execute();
  });
  afterAll(() => ctx?.close());

  it.each([
    ["a plain member", () => member],
    ["a cán bộ", () => canBo],
    ["an admin of one xã", () => xaAdmin],
  ])("is refused to %s", async (_label, as) => {
    const res = await read(as());
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("FORBIDDEN");
  });

  it("lists newest first with the actor's name, and pages with nextBefore", async () => {
    const first = await list("limit=2");
    expect(first.items.map((e) => e.action)).toEqual(["routing_rule.create", "role.grant"]);
    expect(first.items[0]).toMatchObject({ actorId: admin.memberId, actorName: "Nguyễn Thị Hồng Nhung", entityType: "routing_rule", entityId: "r1", detail: { entity: "r1" } });
    const second = await list(`limit=2&before=${first.nextBefore}`);
    expect(second.items.map((e) => e.action)).toEqual(["unit.rename", "submission.read"]);
    const last = await list(`limit=2&before=${second.nextBefore}`);
    expect(last.items).toHaveLength(1);
    expect(last.nextBefore).toBeNull();
  });

  it("filters by actor (typed without diacritics), by action or action family, and by Vietnam days", async () => {
    expect((await list("actor=lo%20thi%20mai")).items.map((e) => e.entityId)).toEqual(["s2", "s1"]);
    expect((await list(`actorId=${admin.memberId}&action=role.grant`)).items.map((e) => e.action)).toEqual(["role.grant"]);
    expect((await list("action=routing_rule.")).items.map((e) => e.action)).toEqual(["routing_rule.create"]);
    expect((await list("from=2025-03-02&to=2025-03-02")).items.map((e) => e.entityId)).toEqual([tree.xaA.id, "s2"]);
    expect((await list("to=2025-03-01")).items.map((e) => e.entityId)).toEqual(["s1"]);
  });

  it("refuses a malformed filter with a 400 naming the field", async () => {
    const res = await read(admin, "from=hôm-qua");
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe("from");
  });
});
