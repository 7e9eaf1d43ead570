import type { Unit } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrgContext, DEMO_UNITS, type OrgContext } from "./org-context.js";

/**
 * Who may change the tree: only an admin whose unit covers the target. Every admin endpoint is tried by a plain
 * member, a cán bộ of the commune (inside, but not admin), an admin of another commune and the province admin.
 */
let t: OrgContext;
type Headers = { authorization: string };
const callers: Record<string, Headers> = {};
beforeAll(async () => {
  t = await createOrgContext();
  callers.member = await t.as.hoiVien();
  callers.canBoInside = await t.as.canBoXa();
  callers.adminOutside = await t.loginWithRole("t-admin-sa-pa", "admin", DEMO_UNITS.otherXa.id);
  callers.provinceAdmin = await t.as.provinceAdmin();
});
afterAll(async () => {
  await t?.close();
});

interface Case {
  name: string;
  /** Fresh targets inside Xã Bảo Thắng, so the one successful call does not disturb the others. */
  prepare: () => Promise<{ method: "POST" | "PATCH"; url: string; payload: object }>;
  ok: number;
}

let n = 0;
const fresh = () => t.createUnit(DEMO_UNITS.xa.id, `Chi hội thôn Kiểm Tra ${++n}`);

const cases: Case[] = [
  { name: "create", ok: 201, prepare: async () => ({ method: "POST", url: "/api/admin/units", payload: { parentId: DEMO_UNITS.xa.id, name: "Chi hội thôn Mới Thành Lập" } }) },
  { name: "rename", ok: 200, prepare: async () => ({ method: "PATCH", url: `/api/admin/units/${(await fresh()).id}`, payload: { name: "Chi hội thôn Đổi Tên" } }) },
  { name: "deactivate", ok: 200, prepare: async () => ({ method: "POST", url: `/api/admin/units/${(await fresh()).id}/deactivate`, payload: {} }) },
  {
    name: "merge",
    ok: 200,
    prepare: async () => {
      const [from, into] = [await fresh(), await fresh()];
      return { method: "POST", url: `/api/admin/units/${from.id}/merge`, payload: { intoId: into.id } };
    },
  },
];

describe.each(cases)("admin $name", ({ prepare, ok }) => {
  it("is refused to a plain member, a cán bộ inside and an admin outside (403), changing nothing; the province admin succeeds", async () => {
    const req = await prepare();
    const before = await t.snapshot();
    for (const who of ["member", "canBoInside", "adminOutside"]) {
      const res = await t.app.inject({ ...req, headers: callers[who] });
      expect(res.statusCode, `${who}: ${res.body}`).toBe(403);
      expect(res.json()).toMatchObject({ code: "FORBIDDEN" });
    }
    const anonymous = await t.app.inject(req);
    expect(anonymous.statusCode).toBe(401);
    expect(await t.snapshot()).toEqual(before);

    const res = await t.app.inject({ ...req, headers: callers.provinceAdmin });
    expect(res.statusCode, res.body).toBe(ok);
    expect(await t.snapshot()).not.toEqual(before);
  });

  it("answers 404 UNIT_NOT_FOUND for an unknown unit", async () => {
    const req = await prepare();
    const unknown = "00000000-0000-4000-8000-000000000000";
    const url = req.url.replace(/[0-9a-f-]{36}/, unknown);
    const payload = "parentId" in req.payload ? { ...req.payload, parentId: unknown } : req.payload;
    const res = await t.app.inject({ ...req, url, payload, headers: callers.provinceAdmin });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json()).toMatchObject({ code: "UNIT_NOT_FOUND" });
  });
});

it("lets a commune's own admin act inside it", async () => {
  const xaAdmin = await t.loginWithRole("t-admin-bao-thang", "admin", DEMO_UNITS.xa.id);
  const res = await t.app.inject({ method: "POST", url: "/api/admin/units", payload: { parentId: DEMO_UNITS.xa.id, name: "Chi hội thôn Tự Quản" }, headers: xaAdmin });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json<Unit>().level).toBe("chi_hoi");
  // …but not on the commune above her: the province.
  const up = await t.app.inject({ method: "POST", url: "/api/admin/units", payload: { parentId: DEMO_UNITS.province.id, name: "Xã Không Được" }, headers: xaAdmin });
  expect(up.statusCode).toBe(403);
});
