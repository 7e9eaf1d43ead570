import type { UnitDetail, UnitHistory, UnitList } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrgContext, DEMO_UNITS, type OrgContext } from "./org-context.js";

let t: OrgContext;
beforeAll(async () => {
  t = await createOrgContext();
});
afterAll(async () => {
  await t?.close();
});

describe("GET /api/units", () => {
  it("without parentId or q lists the province root", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/units" });
    expect(res.statusCode).toBe(200);
    const { items } = res.json<UnitList>();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ name: "Hội LHPN tỉnh Lào Cai", code: "15", level: "tinh", parentId: null, childCount: 99 });
  });

  it("lists the province's 99 communes: 89 xã and 10 phường, in Vietnamese name order", async () => {
    const items = await t.children(DEMO_UNITS.province.id);
    expect(items).toHaveLength(99);
    expect(items.every((u) => u.level === "xa" && u.parentId === DEMO_UNITS.province.id)).toBe(true);
    expect(items.filter((u) => u.kind === "xã")).toHaveLength(89);
    expect(items.filter((u) => u.kind === "phường")).toHaveLength(10);
    expect(items.filter((u) => u.name.startsWith("Xã "))).toHaveLength(89);
    expect(items.filter((u) => u.name.startsWith("Phường "))).toHaveLength(10);
    expect(new Set(items.map((u) => u.code)).size).toBe(99);
    const names = items.map((u) => u.name);
    // "Phường Âu Lâu" sorts among the A's, before "Xã Bảo Thắng": the kind word does not decide the order.
    expect(names.indexOf("Phường Âu Lâu")).toBeLessThan(names.indexOf("Xã Bảo Thắng"));
    const baoThang = items.find((u) => u.name === "Xã Bảo Thắng");
    expect(baoThang).toMatchObject({ code: "02905", childCount: 4 });
    expect(baoThang?.formerNames).toEqual(["Thị trấn Phố Lu", "Xã Thái Niên", "Xã Sơn Hải", "Xã Sơn Hà"]);
  });

  it("lists a commune's chi hội", async () => {
    const items = await t.children(DEMO_UNITS.xa.id);
    expect(items.map((u) => u.name)).toContain("Chi hội thôn Làng Mới");
    expect(items.every((u) => u.level === "chi_hoi")).toBe(true);
  });

  it.each([
    ["bao thang", "Xã Bảo Thắng"],
    ["Bảo Thắng", "Xã Bảo Thắng"],
    ["BẢO THẮNG", "Xã Bảo Thắng"],
    ["xã bảo thắng", "Xã Bảo Thắng"],
    ["sa pa", "Phường Sa Pa"],
    ["Sa Pa", "Phường Sa Pa"],
    ["sapa", "Phường Sa Pa"],
    ["âu lâu", "Phường Âu Lâu"],
    ["dong cuong", "Xã Đông Cuông"],
  ])("search %j finds %s first", async (q, name) => {
    const items = await t.search(q);
    expect(items[0]?.name).toBe(name);
  });

  it.each([
    ["pho lu", "Xã Bảo Thắng"],
    ["Thị trấn Phố Lu", "Xã Bảo Thắng"],
    ["son hai", "Xã Bảo Thắng"],
    ["ham rong", "Phường Sa Pa"],
    ["O Quy Ho", "Phường Sa Pa"],
    // An older dataset spells it "Mù Căng Chải"; the resolution "Mù Cang Chải": both find the commune.
    ["mu cang chai", "Xã Mù Cang Chải"],
  ])("search by the old commune name %j finds the new unit %s", async (q, name) => {
    const items = await t.search(q);
    expect(items.map((u) => u.name)).toContain(name);
  });

  it("ranks a hit on the current name above hits on former names", async () => {
    // "Nam Cường" is a phường today and also an old phường merged into Phường Cam Đường.
    const names = (await t.search("nam cuong")).map((u) => u.name);
    expect(names[0]).toBe("Phường Nam Cường");
    expect(names).toContain("Phường Cam Đường");
  });

  it("finds chi hội too, naming their commune", async () => {
    const items = await t.search("lang moi");
    expect(items[0]).toMatchObject({ name: "Chi hội thôn Làng Mới", level: "chi_hoi", parentName: "Xã Bảo Thắng" });
  });

  it("searches only under parentId when both are given", async () => {
    const all = await t.search("to phu nu so 1");
    expect(all.length).toBeGreaterThanOrEqual(2);
    const underChiHoi = await t.search("to phu nu so 1", `&parentId=${DEMO_UNITS.chiHoi.id}`);
    expect(underChiHoi.map((u) => u.id)).toEqual([DEMO_UNITS.to.id]);
  });

  it("caps results and says so", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/units?q=xa" });
    const body = res.json<UnitList>();
    expect(body.items.length).toBe(30);
    expect(body.truncated).toBe(true);
  });

  it("treats LIKE wildcards in q as text", async () => {
    expect(await t.search("%")).toEqual([]);
    expect(await t.search("_")).toEqual([]);
  });

  it("answers 404 UNIT_NOT_FOUND for an unknown parent and 400 for a malformed one", async () => {
    const unknown = await t.app.inject({ method: "GET", url: "/api/units?parentId=00000000-0000-4000-8000-000000000000" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: "UNIT_NOT_FOUND" });
    const bad = await t.app.inject({ method: "GET", url: "/api/units?parentId=abc" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "VALIDATION", field: "parentId" });
  });
});

describe("GET /api/units/:id", () => {
  it("returns the unit and its ancestors from the province down", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/units/${DEMO_UNITS.to.id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json<UnitDetail>();
    expect(body.unit).toMatchObject({ id: DEMO_UNITS.to.id, level: "to", name: "Tổ phụ nữ số 1", parentName: "Chi hội thôn Làng Mới" });
    expect(body.ancestors.map((a) => a.name)).toEqual(["Hội LHPN tỉnh Lào Cai", "Xã Bảo Thắng", "Chi hội thôn Làng Mới"]);
  });

  it("gives the province no ancestors", async () => {
    const body = (await t.app.inject({ method: "GET", url: `/api/units/${DEMO_UNITS.province.id}` })).json<UnitDetail>();
    expect(body.ancestors).toEqual([]);
  });

  it("answers 404 UNIT_NOT_FOUND for an unknown unit", async () => {
    for (const url of ["/api/units/00000000-0000-4000-8000-000000000000", "/api/units/00000000-0000-4000-8000-000000000000/history"]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: "UNIT_NOT_FOUND" });
    }
  });
});

describe("GET /api/units/:id/history", () => {
  it("records how a seeded commune was formed", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/units/${DEMO_UNITS.xa.id}/history` });
    expect(res.statusCode).toBe(200);
    const { items } = res.json<UnitHistory>();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: "create", newName: "Xã Bảo Thắng" });
    expect(items[0]?.detail).toMatchObject({ resolution: "1673/NQ-UBTVQH15", formedFrom: ["thị trấn Phố Lu", "xã Thái Niên", "xã Sơn Hải", "xã Sơn Hà"] });
  });
});
