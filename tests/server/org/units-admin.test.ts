import type { Unit, UnitHistory } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrgContext, DEMO_UNITS, type OrgContext } from "./org-context.js";

let t: OrgContext;
let admin: { authorization: string };
beforeAll(async () => {
  t = await createOrgContext();
  admin = await t.as.provinceAdmin();
});
afterAll(async () => {
  await t?.close();
});

const post = (url: string, payload: unknown, headers = admin) => t.app.inject({ method: "POST", url, payload: payload as object, headers });
const patch = (url: string, payload: unknown, headers = admin) => t.app.inject({ method: "PATCH", url, payload: payload as object, headers });
const history = async (id: string) => (await t.app.inject({ method: "GET", url: `/api/units/${id}/history` })).json<UnitHistory>().items;
const audit = (entityId: string) =>
  t.deps.db.selectFrom("audit_log").selectAll().where("entity_type", "=", "unit").where("entity_id", "=", entityId).orderBy("id").execute();

describe("POST /api/admin/units", () => {
  it("creates a chi hội under a xã, one level down, with a code after the parent's", async () => {
    const res = await post("/api/admin/units", { parentId: DEMO_UNITS.xa.id, name: "  Chi hội thôn   Phú Thịnh " });
    expect(res.statusCode, res.body).toBe(201);
    const unit = res.json<Unit>();
    expect(unit).toMatchObject({ parentId: DEMO_UNITS.xa.id, level: "chi_hoi", name: "Chi hội thôn Phú Thịnh", code: "02905.05", active: true, kind: null });
    expect((await t.search("phu thinh")).map((u) => u.id)).toContain(unit.id);
    expect((await history(unit.id)).map((h) => h.action)).toEqual(["create"]);
    expect(await audit(unit.id)).toMatchObject([{ action: "unit.create" }]);
    // Subtree queries see it: its path extends the parent's.
    const row = await t.deps.db.selectFrom("units").select("path").where("id", "=", unit.id).executeTakeFirstOrThrow();
    expect(row.path).toMatch(new RegExp(`/${DEMO_UNITS.xa.id}/${unit.id}/$`));
  });

  it("creates a tổ under a chi hội with the code given", async () => {
    const res = await post("/api/admin/units", { parentId: DEMO_UNITS.chiHoi.id, name: "Tổ phụ nữ số 3", code: "LM-T3" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Unit>()).toMatchObject({ level: "to", code: "LM-T3" });
  });

  it("creates a xã under the province, its kind read from the name", async () => {
    const res = await post("/api/admin/units", { parentId: DEMO_UNITS.province.id, name: "Phường Thử Nghiệm" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Unit>()).toMatchObject({ level: "xa", kind: "phường", code: "15.100" });
  });

  it("refuses children under a tổ: 400 naming parentId", async () => {
    const res = await post("/api/admin/units", { parentId: DEMO_UNITS.to.id, name: "Nhóm con" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "UNIT_LEVEL_INVALID", field: "parentId" });
  });

  it.each([
    [{ name: "Chi hội A" }, "parentId"],
    [{ parentId: "not-a-uuid", name: "Chi hội A" }, "parentId"],
    [{ parentId: DEMO_UNITS.xa.id }, "name"],
    [{ parentId: DEMO_UNITS.xa.id, name: "A" }, "name"],
    [{ parentId: DEMO_UNITS.xa.id, name: "   " }, "name"],
    [{ parentId: DEMO_UNITS.xa.id, name: "Chi hội B", code: "có dấu" }, "code"],
  ])("rejects the bad body %j naming %s", async (body, field) => {
    const res = await post("/api/admin/units", body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "VALIDATION", field });
  });

  it("refuses a taken code and a sibling with the same name (diacritics ignored): 409", async () => {
    const code = await post("/api/admin/units", { parentId: DEMO_UNITS.xa.id, name: "Chi hội thôn Mới Lập", code: "02905" });
    expect(code.statusCode).toBe(409);
    expect(code.json()).toMatchObject({ code: "UNIT_CODE_TAKEN", field: "code" });
    const name = await post("/api/admin/units", { parentId: DEMO_UNITS.xa.id, name: "chi hoi thon lang moi" });
    expect(name.statusCode).toBe(409);
    expect(name.json()).toMatchObject({ code: "UNIT_NAME_TAKEN", field: "name" });
  });

  it("answers 404 UNIT_NOT_FOUND for an unknown parent", async () => {
    const res = await post("/api/admin/units", { parentId: "00000000-0000-4000-8000-000000000000", name: "Chi hội A" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: "UNIT_NOT_FOUND" });
  });

  it("needs a login: 401", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/admin/units", payload: { parentId: DEMO_UNITS.xa.id, name: "Chi hội A" } });
    expect(res.statusCode).toBe(401);
  });
});

describe("PATCH /api/admin/units/:id (rename)", () => {
  it("renames; history keeps the old name, which stays searchable as a former name", async () => {
    const unit = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Khe Mụ");
    const res = await patch(`/api/admin/units/${unit.id}`, { name: "Chi hội thôn Khe Mụ Mới" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Unit>()).toMatchObject({ name: "Chi hội thôn Khe Mụ Mới", formerNames: ["Chi hội thôn Khe Mụ"] });
    const h = await history(unit.id);
    expect(h.at(-1)).toMatchObject({ action: "rename", oldName: "Chi hội thôn Khe Mụ", newName: "Chi hội thôn Khe Mụ Mới" });
    expect(await audit(unit.id)).toMatchObject([{ action: "unit.create" }, { action: "unit.rename" }]);

    const renamedAgain = await patch(`/api/admin/units/${unit.id}`, { name: "Chi hội thôn Đồng Tâm" });
    expect(renamedAgain.json<Unit>().formerNames).toEqual(["Chi hội thôn Khe Mụ", "Chi hội thôn Khe Mụ Mới"]);
    for (const q of ["khe mu", "Khe Mụ Mới", "dong tam"]) {
      expect((await t.search(q)).map((u) => u.id), q).toContain(unit.id);
    }
  });

  it("keeps the seeded spellings searchable after renaming a commune", async () => {
    const res = await patch(`/api/admin/units/${DEMO_UNITS.otherXa.id}`, { name: "Phường Sa Pa Mới" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Unit>().formerNames).toContain("Phường Sa Pa");
    for (const q of ["sa pa", "ham rong", "sa pa moi", "sapamoi"]) {
      expect((await t.search(q)).map((u) => u.id), q).toContain(DEMO_UNITS.otherXa.id);
    }
    await patch(`/api/admin/units/${DEMO_UNITS.otherXa.id}`, { name: "Phường Sa Pa" });
  });

  it("validates the name and answers 404 for an unknown unit", async () => {
    const bad = await patch(`/api/admin/units/${DEMO_UNITS.chiHoi.id}`, { name: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: "name" });
    const missing = await patch(`/api/admin/units/${DEMO_UNITS.chiHoi.id}`, {});
    expect(missing.json()).toMatchObject({ field: "name" });
    const unknown = await patch("/api/admin/units/00000000-0000-4000-8000-000000000000", { name: "Chi hội A" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: "UNIT_NOT_FOUND" });
  });
});

describe("POST /api/admin/units/:id/deactivate", () => {
  it("refuses while active child units remain: 409 in Vietnamese", async () => {
    const res = await post(`/api/admin/units/${DEMO_UNITS.chiHoi.id}/deactivate`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "UNIT_NOT_EMPTY" });
    expect(res.json<{ message: string }>().message).toMatch(/đơn vị trực thuộc/);
  });

  it("refuses while members remain: 409", async () => {
    // The demo hội viên and cán bộ chi hội belong to the tổ's parent; put a member straight into a fresh unit.
    const unit = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Có Người");
    const member = await t.deps.db
      .insertInto("members")
      .values({ name: "Chị Thử", unit_id: unit.id, zalo_app_user_id: null, zalo_oa_user_id: null, avatar: null, phone: null, membership_requested_at: null, membership_confirmed_by: null, membership_confirmed_at: null, ethnicity: null, language: null, last_seen_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const res = await post(`/api/admin/units/${unit.id}/deactivate`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json<{ message: string }>().message).toMatch(/1 hội viên/);
    await t.deps.db.updateTable("members").set({ unit_id: null }).where("id", "=", member.id).execute();
    expect((await post(`/api/admin/units/${unit.id}/deactivate`, {})).statusCode).toBe(200);
  });

  it("deactivates an empty unit softly: hidden from lists, still readable, history and audit written", async () => {
    const unit = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Giải Thể");
    const res = await post(`/api/admin/units/${unit.id}/deactivate`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Unit>()).toMatchObject({ id: unit.id, active: false, mergedInto: null });
    expect((await t.children(DEMO_UNITS.xa.id)).map((u) => u.id)).not.toContain(unit.id);
    expect((await t.children(DEMO_UNITS.xa.id, true)).map((u) => u.id)).toContain(unit.id);
    expect((await t.search("giai the")).map((u) => u.id)).not.toContain(unit.id);
    expect((await t.search("giai the", "&includeInactive=true")).map((u) => u.id)).toContain(unit.id);
    expect((await t.app.inject({ method: "GET", url: `/api/units/${unit.id}` })).statusCode).toBe(200);
    expect((await history(unit.id)).map((h) => h.action)).toEqual(["create", "deactivate"]);
    expect((await audit(unit.id)).map((a) => a.action)).toEqual(["unit.create", "unit.deactivate"]);
    // Again: nothing more to do, nothing more written.
    expect((await post(`/api/admin/units/${unit.id}/deactivate`, {})).statusCode).toBe(200);
    expect(await history(unit.id)).toHaveLength(2);
    // An inactive unit takes no children and no new name.
    expect((await post("/api/admin/units", { parentId: unit.id, name: "Tổ phụ nữ số 1" })).json()).toMatchObject({ code: "UNIT_INACTIVE" });
    expect((await patch(`/api/admin/units/${unit.id}`, { name: "Tên mới" })).statusCode).toBe(409);
  });

  it("never deactivates the province", async () => {
    const res = await post(`/api/admin/units/${DEMO_UNITS.province.id}/deactivate`, {});
    expect(res.statusCode).toBe(409);
  });
});
