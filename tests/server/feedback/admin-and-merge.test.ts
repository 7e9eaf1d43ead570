import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeSubmission } from "../../../server/src/modules/feedback/pipeline.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin, grant } from "../../helpers/fixtures.js";
import { buildWorld, primaryAssignment, submitOk, type World } from "./world.js";

describe("categories and routing rules are data, edited by admins", () => {
  let ctx: TestContext;
  let w: World;

  beforeAll(async () => {
    ctx = await createTestContext();
    w = await buildWorld(ctx);
  });
  afterAll(() => ctx?.close());

  it("lists the seeded categories in order, the private one marked", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/categories" });
    const items = res.json().items as Array<{ code: string; private: boolean; handlingLevel: string; slaHours: number }>;
    expect(items.map((c) => c.code)).toEqual(["bao_luc", "viec_lam", "an_sinh", "y_te", "dat_dai", "vay_von", "thu_tuc", "gop_y_hoi", "khac"]);
    expect(items.filter((c) => c.private).map((c) => c.code)).toEqual(["bao_luc"]);
    expect(items[0]?.slaHours).toBeLessThan(items[1]?.slaHours as number);
  });

  it("only a province admin edits categories; a new category is usable at once, a deactivated one is not", async () => {
    const body = { name: "Nước sạch – vệ sinh môi trường", handlingLevel: "xa", slaHours: 72, private: false, sort: 55 };
    for (const who of [w.woman, w.staff.tinh, w.staff.xaA]) {
      const r = await ctx.app.inject({ method: "PUT", url: "/api/admin/categories/nuoc_sach", headers: who.headers, payload: body });
      expect(r.statusCode).toBe(403);
    }
    const xaAdmin = await devLogin(ctx.app, "Quản trị xã");
    await grant(ctx.deps.db, xaAdmin.memberId, w.units.xaA.id, "admin");
    expect((await ctx.app.inject({ method: "PUT", url: "/api/admin/categories/nuoc_sach", headers: xaAdmin.headers, payload: body })).statusCode).toBe(403);
    const ok = await ctx.app.inject({ method: "PUT", url: "/api/admin/categories/nuoc_sach", headers: w.admin.headers, payload: body });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ code: "nuoc_sach", handlingLevel: "xa", active: true });
    const s = await submitOk(ctx, w.woman, { kind: "feedback", category: "nuoc_sach", body: "Giếng nước bị ô nhiễm." });
    await routeSubmission(ctx.deps, s.id);
    expect((await primaryAssignment(ctx.deps, s.id))?.unit_id).toBe(w.units.xaA.id);
    await ctx.app.inject({ method: "PUT", url: "/api/admin/categories/nuoc_sach", headers: w.admin.headers, payload: { ...body, active: false } });
    const refused = await ctx.app.inject({ method: "POST", url: "/api/submissions", headers: w.woman.headers, payload: { kind: "feedback", category: "nuoc_sach", body: "…" } });
    expect(refused.json().code).toBe("CATEGORY_NOT_FOUND");
    const audit = await ctx.deps.db.selectFrom("audit_log").select("action").where("entity_id", "=", "nuoc_sach").execute();
    expect(audit.map((a) => a.action)).toEqual(["category.upsert", "category.upsert"]);
  });

  it("routing rules: a xã admin for her subtree only, the province for everything; one rule per category and place", async () => {
    const xaAdmin = await devLogin(ctx.app, "Quản trị xã B");
    await grant(ctx.deps.db, xaAdmin.memberId, w.units.xaB.id, "admin");
    const rule = { category: "vay_von", originUnitId: w.units.xaB.id, targetLevel: "xa", slaHours: 24, escalationLevels: ["tinh"] };
    const created = await ctx.app.inject({ method: "POST", url: "/api/admin/routing-rules", headers: xaAdmin.headers, payload: rule });
    expect(created.statusCode).toBe(200);
    const id = created.json().id;
    const dup = await ctx.app.inject({ method: "POST", url: "/api/admin/routing-rules", headers: w.admin.headers, payload: rule });
    expect([dup.statusCode, dup.json().code]).toEqual([409, "ROUTING_RULE_EXISTS"]);
    const elsewhere = await ctx.app.inject({ method: "POST", url: "/api/admin/routing-rules", headers: xaAdmin.headers, payload: { ...rule, originUnitId: w.units.xaA.id } });
    expect(elsewhere.statusCode).toBe(403);
    const everywhere = await ctx.app.inject({ method: "POST", url: "/api/admin/routing-rules", headers: xaAdmin.headers, payload: { ...rule, originUnitId: null } });
    expect(everywhere.statusCode).toBe(403);
    const unknown = await ctx.app.inject({ method: "POST", url: "/api/admin/routing-rules", headers: w.admin.headers, payload: { ...rule, category: "khong_co" } });
    expect(unknown.json().code).toBe("CATEGORY_NOT_FOUND");

    const s = await submitOk(ctx, w.womanB, { kind: "feedback", category: "vay_von", body: "Vay vốn hộ nghèo.", unitId: w.units.chiB1.id });
    await routeSubmission(ctx.deps, s.id);
    const a = await primaryAssignment(ctx.deps, s.id);
    expect([a?.unit_id, a?.sla_hours, a?.escalation_levels]).toEqual([w.units.xaB.id, 24, ["tinh"]]);

    const upd = await ctx.app.inject({ method: "PUT", url: `/api/admin/routing-rules/${id}`, headers: xaAdmin.headers, payload: { ...rule, active: false } });
    expect(upd.json().active).toBe(false);
    expect((await ctx.app.inject({ method: "GET", url: "/api/admin/routing-rules", headers: w.staff.xaA.headers })).statusCode).toBe(403);
    const list = await ctx.app.inject({ method: "GET", url: "/api/admin/routing-rules", headers: w.admin.headers });
    expect(list.json().items.find((r: { id: string }) => r.id === id)).toMatchObject({ originUnitName: "Phường Sa Pa", active: false });
    expect((await ctx.app.inject({ method: "DELETE", url: `/api/admin/routing-rules/${id}`, headers: w.admin.headers })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: "DELETE", url: `/api/admin/routing-rules/${id}`, headers: w.admin.headers })).statusCode).toBe(404);
  });

  it("settings are read and written by the province admin", async () => {
    const cur = await ctx.app.inject({ method: "GET", url: "/api/admin/feedback-settings", headers: w.admin.headers });
    expect(cur.json()).toMatchObject({ followUpDays: 7, csWindowHours: 48, petitionThresholds: { xa: 50 } });
    const next = { ...cur.json(), followUpDays: 5, templateIds: { statusUpdate: "tpl-123" } };
    const put = await ctx.app.inject({ method: "PUT", url: "/api/admin/feedback-settings", headers: w.admin.headers, payload: next });
    expect(put.json()).toMatchObject({ followUpDays: 5, templateIds: { statusUpdate: "tpl-123" } });
    expect((await ctx.app.inject({ method: "PUT", url: "/api/admin/feedback-settings", headers: w.staff.tinh.headers, payload: next })).statusCode).toBe(403);
  });
});

describe("a unit merger moves its open work to the survivor", () => {
  let ctx: TestContext;
  let w: World;

  beforeAll(async () => {
    ctx = await createTestContext();
    w = await buildWorld(ctx);
  });
  afterAll(() => ctx?.close());

  it("open assignments move, finished ones stay, unrouted items take the new origin", async () => {
    const open = await submitOk(ctx, w.woman, { kind: "feedback", category: "gop_y_hoi", body: "Góp ý chi hội Cốc Sâm.", unitId: w.units.chiA2.id });
    const done = await submitOk(ctx, w.woman, { kind: "feedback", category: "gop_y_hoi", body: "Đã xong.", unitId: w.units.chiA2.id });
    const both = await submitOk(ctx, w.woman, { kind: "feedback", category: "gop_y_hoi", body: "Hai chi hội cùng xử lý.", unitId: w.units.chiA2.id });
    for (const s of [open, done, both]) await routeSubmission(ctx.deps, s.id);
    const doneA = await primaryAssignment(ctx.deps, done.id);
    await ctx.app.inject({ method: "POST", url: `/api/assignments/${doneA?.id}/resolve`, headers: w.staff.chiA2.headers, payload: { message: "Đã giải quyết." } });
    const bothA = await primaryAssignment(ctx.deps, both.id);
    await ctx.app.inject({ method: "POST", url: `/api/assignments/${bothA?.id}/forward`, headers: w.staff.chiA2.headers, payload: { unitId: w.units.chiA1.id, note: "Phối hợp." } });
    const unrouted = await submitOk(ctx, w.woman, { kind: "feedback", category: "gop_y_hoi", body: "Chưa được chuyển.", unitId: w.units.chiA2.id });
    await ctx.deps.db.updateTable("submissions").set({ routed_at: null }).where("id", "=", unrouted.id).execute();

    const res = await ctx.app.inject({ method: "POST", url: `/api/admin/units/${w.units.chiA2.id}/merge`, headers: w.admin.headers, payload: { intoId: w.units.chiA1.id } });
    expect(res.statusCode).toBe(200);
    expect(res.json().movedOpenWork).toBe(3);

    expect((await primaryAssignment(ctx.deps, open.id))?.unit_id).toBe(w.units.chiA1.id);
    expect((await primaryAssignment(ctx.deps, done.id))?.unit_id).toBe(w.units.chiA2.id);
    const bothRows = await ctx.deps.db.selectFrom("assignments").select(["unit_id", "closed"]).where("submission_id", "=", both.id).orderBy("created_at").execute();
    expect(bothRows).toEqual([
      { unit_id: w.units.chiA2.id, closed: true },
      { unit_id: w.units.chiA1.id, closed: false },
    ]);
    const u = await ctx.deps.db.selectFrom("submissions").select("origin_unit_id").where("id", "=", unrouted.id).executeTakeFirstOrThrow();
    expect(u.origin_unit_id).toBe(w.units.chiA1.id);
    const inbox = await ctx.app.inject({ method: "GET", url: "/api/inbox", headers: w.staff.chiA1.headers });
    expect(inbox.json().items.map((i: { submissionId: string }) => i.submissionId)).toEqual(expect.arrayContaining([open.id, both.id]));
  });
});
