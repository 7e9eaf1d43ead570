import type { MergeResult, Unit, UnitDetail, UnitHistory } from "@hoiso/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrgContext, DEMO_ACCOUNTS, DEMO_UNITS, type OrgContext } from "./org-context.js";

let t: OrgContext;
let admin: { authorization: string };
beforeAll(async () => {
  t = await createOrgContext();
  admin = await t.as.provinceAdmin();
});
afterAll(async () => {
  await t?.close();
});

const merge = (fromId: string, intoId: string, headers = admin) =>
  t.app.inject({ method: "POST", url: `/api/admin/units/${fromId}/merge`, payload: { intoId }, headers });
const history = async (id: string) => (await t.app.inject({ method: "GET", url: `/api/units/${id}/history` })).json<UnitHistory>().items;
const unitRow = (id: string) => t.deps.db.selectFrom("units").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

async function addMember(unitId: string, name: string): Promise<string> {
  const row = await t.deps.db
    .insertInto("members")
    .values({
      name,
      unit_id: unitId,
      membership_status: "confirmed",
      zalo_app_user_id: null,
      zalo_oa_user_id: null,
      avatar: null,
      phone: null,
      membership_requested_at: null,
      membership_confirmed_by: null,
      membership_confirmed_at: null,
      ethnicity: null,
      language: null,
      last_seen_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("POST /api/admin/units/:id/merge", () => {
  it("merges a chi hội: members and tổ move to the survivor, the old name stays findable, both sides keep history", async () => {
    const from = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Nà Lốc");
    const to1 = await t.createUnit(from.id, "Tổ phụ nữ Nà Lốc 1");
    const to2 = await t.createUnit(from.id, "Tổ phụ nữ Nà Lốc 2");
    const members = [await addMember(from.id, "Chị Lù Thị Sinh"), await addMember(from.id, "Chị Phàn Thị Mẩy")];
    const canBo = await t.login(DEMO_ACCOUNTS.canBoChiHoi.zaloId);
    // Before the merge the cán bộ of Làng Mới has no say over Nà Lốc's tổ.
    expect((await t.app.inject({ method: "GET", url: `/api/units/${to1.id}/pending-members`, headers: canBo })).statusCode).toBe(403);

    const res = await merge(from.id, DEMO_UNITS.chiHoi.id);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<MergeResult>();
    expect(body).toMatchObject({ movedMembers: 2, movedChildren: 2, movedOpenWork: 0 });
    expect(body.unit).toMatchObject({ id: DEMO_UNITS.chiHoi.id, name: "Chi hội thôn Làng Mới", active: true });
    expect(body.unit.formerNames).toContain("Chi hội thôn Nà Lốc");

    const moved = await t.deps.db.selectFrom("members").select("unit_id").where("id", "in", members).execute();
    expect(moved.map((m) => m.unit_id)).toEqual([DEMO_UNITS.chiHoi.id, DEMO_UNITS.chiHoi.id]);
    const survivorPath = (await unitRow(DEMO_UNITS.chiHoi.id)).path;
    for (const child of [to1, to2]) {
      const row = await unitRow(child.id);
      expect(row.parent_id).toBe(DEMO_UNITS.chiHoi.id);
      expect(row.path).toBe(`${survivorPath}${child.id}/`);
    }
    // The rewritten paths are what role scopes follow: now she covers the moved tổ.
    expect((await t.app.inject({ method: "GET", url: `/api/units/${to1.id}/pending-members`, headers: canBo })).statusCode).toBe(200);

    const old = await unitRow(from.id);
    expect(old).toMatchObject({ active: false, merged_into: DEMO_UNITS.chiHoi.id, name: "Chi hội thôn Nà Lốc" });
    // The moved tổ are still called "Nà Lốc"; among chi hội the survivor answers for the old name.
    const found = await t.search("na loc");
    expect(found.filter((u) => u.level === "chi_hoi").map((u) => u.id)).toEqual([DEMO_UNITS.chiHoi.id]);
    expect(found.map((u) => u.id)).not.toContain(from.id);

    expect((await history(from.id)).at(-1)).toMatchObject({
      action: "merge",
      oldName: "Chi hội thôn Nà Lốc",
      newName: "Chi hội thôn Làng Mới",
      detail: { intoId: DEMO_UNITS.chiHoi.id, movedMembers: 2 },
    });
    expect((await history(DEMO_UNITS.chiHoi.id)).at(-1)).toMatchObject({ action: "absorb", oldName: "Chi hội thôn Nà Lốc", detail: { fromId: from.id } });
    const auditRows = await t.deps.db.selectFrom("audit_log").select(["action", "entity_id"]).where("action", "in", ["unit.merge", "unit.absorb"]).execute();
    expect(auditRows).toEqual(
      expect.arrayContaining([
        { action: "unit.merge", entity_id: from.id },
        { action: "unit.absorb", entity_id: DEMO_UNITS.chiHoi.id },
      ]),
    );
  });

  it("moves the merged unit's cán bộ to the survivor, without doubling a role she already holds there", async () => {
    const from = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Sáp Nhập Cán Bộ");
    const into = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Tiếp Nhận Cán Bộ");
    const onlyFrom = await addMember(from.id, "Chị Hầu Thị Pà");
    const both = await addMember(from.id, "Chị Tẩn Thị Mây");
    for (const [member, unit] of [[onlyFrom, from.id], [both, from.id], [both, into.id]] as const) {
      await t.deps.db.insertInto("roles").values({ member_id: member, unit_id: unit, role: "can_bo", granted_by: null }).execute();
    }
    expect((await merge(from.id, into.id)).statusCode).toBe(200);
    const roles = await t.deps.db.selectFrom("roles").select(["member_id", "unit_id"]).where("member_id", "in", [onlyFrom, both]).execute();
    expect(roles.map((r) => `${r.member_id === onlyFrom ? "onlyFrom" : "both"}@${r.unit_id === into.id ? "into" : "from"}`).sort()).toEqual([
      "both@into",
      "onlyFrom@into",
    ]);
  });

  it("merges a xã with its whole subtree: grandchildren's paths and ancestors follow", async () => {
    const xa = await t.createUnit(DEMO_UNITS.province.id, "Xã Hợp Nhất Thử");
    const chiHoi = await t.createUnit(xa.id, "Chi hội thôn Cốc Ly");
    const to = await t.createUnit(chiHoi.id, "Tổ phụ nữ Cốc Ly 1");
    const batXat = (await t.search("bat xat"))[0] as Unit;
    expect(batXat.name).toBe("Xã Bát Xát");

    const res = await merge(xa.id, batXat.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MergeResult>()).toMatchObject({ movedChildren: 1, movedMembers: 0 });
    const detail = (await t.app.inject({ method: "GET", url: `/api/units/${to.id}` })).json<UnitDetail>();
    expect(detail.ancestors.map((a) => a.name)).toEqual(["Hội LHPN tỉnh Lào Cai", "Xã Bát Xát", "Chi hội thôn Cốc Ly"]);
    const stale = await t.deps.db.selectFrom("units").select("id").where("path", "like", `%/${xa.id}/%`).where("id", "!=", xa.id).execute();
    expect(stale).toEqual([]);
    expect((await t.search("hop nhat thu"))[0]?.id).toBe(batXat.id);
  });

  it("points units merged earlier straight at the new survivor", async () => {
    const a = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Chuỗi A");
    const b = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Chuỗi B");
    const c = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Chuỗi C");
    expect((await merge(a.id, b.id)).statusCode).toBe(200);
    expect((await merge(b.id, c.id)).statusCode).toBe(200);
    expect((await unitRow(a.id)).merged_into).toBe(c.id);
    const survivor = (await t.search("chuoi a"))[0];
    expect(survivor?.id).toBe(c.id);
    expect(survivor?.formerNames).toEqual(["Chi hội thôn Chuỗi B", "Chi hội thôn Chuỗi A"]);
  });

  it("refuses units of different levels with 400 and changes nothing", async () => {
    const before = await t.snapshot();
    const res = await merge(DEMO_UNITS.chiHoi.id, DEMO_UNITS.xa.id);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "UNIT_LEVEL_INVALID", field: "intoId" });
    expect(await t.snapshot()).toEqual(before);
  });

  it("refuses merging a unit into itself (400) or into an inactive one (409)", async () => {
    const a = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Tự Thân");
    expect((await merge(a.id, a.id)).json()).toMatchObject({ code: "UNIT_LEVEL_INVALID", field: "intoId" });
    const gone = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Đã Giải Thể");
    expect((await t.app.inject({ method: "POST", url: `/api/admin/units/${gone.id}/deactivate`, headers: admin })).statusCode).toBe(200);
    const before = await t.snapshot();
    const res = await merge(a.id, gone.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "UNIT_INACTIVE" });
    expect(await t.snapshot()).toEqual(before);
  });

  it("writes nothing when it fails midway", async () => {
    const from = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Hỏng Giữa Chừng");
    await t.createUnit(from.id, "Tổ phụ nữ số 1");
    await addMember(from.id, "Chị Giàng Thị Pà");
    // A real failure after members and children have moved: the survivor's history row cannot be written.
    await sql`CREATE FUNCTION fail_absorb() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test: absorb refused'; END $$`.execute(t.deps.db);
    await sql`CREATE TRIGGER fail_absorb BEFORE INSERT ON unit_history FOR EACH ROW WHEN (NEW.action = 'absorb') EXECUTE FUNCTION fail_absorb()`.execute(t.deps.db);
    try {
      const before = await t.snapshot();
      const res = await merge(from.id, DEMO_UNITS.chiHoi.id);
      expect(res.statusCode).toBe(500);
      expect(await t.snapshot()).toEqual(before);
    } finally {
      await sql`DROP TRIGGER fail_absorb ON unit_history`.execute(t.deps.db);
      await sql`DROP FUNCTION fail_absorb()`.execute(t.deps.db);
    }
    expect((await merge(from.id, DEMO_UNITS.chiHoi.id)).statusCode).toBe(200);
  });

  it("needs admin over both units", async () => {
    const xaAdmin = await t.loginWithRole("t-admin-bao-thang", "admin", DEMO_UNITS.xa.id);
    const mine = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Của Tôi");
    const alsoMine = await t.createUnit(DEMO_UNITS.xa.id, "Chi hội thôn Cũng Của Tôi");
    const elsewhere = await t.createUnit(DEMO_UNITS.otherXa.id, "Chi hội tổ dân phố Nơi Khác");
    const before = await t.snapshot();
    expect((await merge(mine.id, elsewhere.id, xaAdmin)).statusCode).toBe(403);
    expect((await merge(elsewhere.id, mine.id, xaAdmin)).statusCode).toBe(403);
    expect(await t.snapshot()).toEqual(before);
    expect((await merge(mine.id, alsoMine.id, xaAdmin)).statusCode).toBe(200);
  });

  it("answers 404 for an unknown unit on either side and 400 for a bad body", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const res of [await merge(unknown, DEMO_UNITS.chiHoi.id), await merge(DEMO_UNITS.chiHoi.id, unknown)]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: "UNIT_NOT_FOUND" });
    }
    const bad = await t.app.inject({ method: "POST", url: `/api/admin/units/${DEMO_UNITS.chiHoi.id}/merge`, payload: { intoId: "x" }, headers: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: "intoId" });
  });
});
