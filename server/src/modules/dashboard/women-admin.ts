import {
  DashboardErrorCode, foldVietnamese, type Ok, type WomenCountBody, type WomenCounts, type WomenCountsQuery, type WomenImportBody, type WomenImportResult,
} from "@hoiso/shared";
import { audit } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import { AppError } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { readSheetRows } from "../../util/sheet-rows.js";
import { forbidden } from "../../http/errors.js";
import { assertRoleOver, hasRoleOver, scopeOf } from "../../policy/policy.js";

const MAX_BYTES = 2 * 1024 * 1024;
const unreadable = (why: string) => new AppError(400, DashboardErrorCode.DASHBOARD_IMPORT_UNREADABLE, why, "contentBase64");

/** An admin of the unit (or above) enters the number of women it counts in a year. */
export async function setWomenCount(db: Db, auth: AuthContext, body: WomenCountBody): Promise<Ok> {
  await assertRoleOver(db, auth, body.unitId, ["admin"]);
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("unit_women_counts")
      .values({ unit_id: body.unitId, year: body.year, women: body.women, updated_by: auth.memberId, updated_at: new Date() })
      .onConflict((oc) => oc.columns(["unit_id", "year"]).doUpdateSet({ women: body.women, updated_by: auth.memberId, updated_at: new Date() }))
      .execute();
    await audit(tx, { actorId: auth.memberId, action: "dashboard.women", entityType: "unit", entityId: body.unitId, detail: { year: body.year, women: body.women } });
  });
  return { ok: true };
}

/** The unit (her highest as an admin when none is named) and its active child units, with what was entered for the year. */
export async function womenCountsOf(db: Db, auth: AuthContext, q: WomenCountsQuery): Promise<WomenCounts> {
  let id = q.unitId;
  if (!id) {
    const top = auth.roles.filter((r) => scopeOf(auth, ["admin"]).unitIds.includes(r.unitId)).sort((a, b) => a.unitPath.length - b.unitPath.length)[0];
    if (!top) throw forbidden("Chị chưa được giao vai trò quản trị ở đơn vị nào.");
    id = top.unitId;
  }
  await assertRoleOver(db, auth, id, ["admin"]);
  const unit = await db.selectFrom("units").select(["id", "name", "level", "parent_id"]).where("id", "=", id).executeTakeFirstOrThrow();
  const parent = unit.parent_id ? await db.selectFrom("units").select("path").where("id", "=", unit.parent_id).executeTakeFirst() : undefined;
  const rows = await db
    .selectFrom("units as u")
    .leftJoin("unit_women_counts as w", (j) => j.onRef("w.unit_id", "=", "u.id").on("w.year", "=", q.year))
    .select(["u.id", "u.code", "u.name", "u.level", "w.women", "w.updated_at"])
    .select((eb) => eb.exists(eb.selectFrom("units as c").select("c.id").whereRef("c.parent_id", "=", "u.id").where("c.active", "=", true)).as("has_children"))
    .where((eb) => eb.or([eb("u.id", "=", id), eb.and([eb("u.parent_id", "=", id), eb("u.active", "=", true)])]))
    .orderBy((eb) => eb.case().when("u.id", "=", id).then(0).else(1).end())
    .orderBy("u.name")
    .execute();
  return {
    unit: { id: unit.id, name: unit.name, level: unit.level, parentId: unit.parent_id, parentInScope: parent ? hasRoleOver(auth, parent.path, ["admin"]) : false },
    year: q.year,
    rows: rows.map((r) => ({
      unitId: r.id, code: r.code, name: r.name, level: r.level, women: r.women ?? null,
      updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null, hasChildren: Boolean(r.has_children),
    })),
  };
}

/**
 * The women counts of many units from a file: a header row with "Mã đơn vị" and "Số phụ nữ" ("Tên đơn vị" is read
 * by eye only). Every row is checked (a known unit in her admin scope, a whole number); one bad row stops the file
 * unless she chose to skip bad rows. One transaction, audited once.
 */
export async function importWomenCounts(db: Db, auth: AuthContext, body: WomenImportBody): Promise<WomenImportResult> {
  const bytes = Buffer.from(body.contentBase64, "base64");
  if (bytes.length === 0) throw unreadable("Tệp trống.");
  if (bytes.length > MAX_BYTES) throw unreadable("Tệp quá lớn (tối đa 2 MB).");
  const [header, ...data] = await readSheetRows(body.fileName, bytes, unreadable);
  const errors: Array<{ line: number; message: string }> = [];
  if (!header) return { imported: 0, skipped: 0, rejected: true, errors: [{ line: 1, message: "Tệp trống." }] };
  const folded = header.cells.map((h) => foldVietnamese(h).replace(/\s+/g, " ").trim());
  const codeCol = folded.findIndex((h) => h.includes("ma don vi") || h === "ma");
  const womenCol = folded.findIndex((h) => h.includes("so phu nu") || h.includes("phu nu"));
  if (codeCol < 0 || womenCol < 0) {
    return { imported: 0, skipped: 0, rejected: true, errors: [{ line: header.line, message: "Dòng đầu cần có các cột: Mã đơn vị, Tên đơn vị, Số phụ nữ." }] };
  }
  const codes = [...new Set(data.map((r) => (r.cells[codeCol] ?? "").trim()).filter(Boolean))];
  const units = codes.length ? await db.selectFrom("units").select(["id", "code", "path", "active"]).where("code", "in", codes).execute() : [];
  const byCode = new Map(units.map((u) => [u.code, u]));
  const good: Array<{ unitId: string; women: number }> = [];
  const seen = new Set<string>();
  for (const { line, cells } of data) {
    const code = (cells[codeCol] ?? "").trim();
    const raw = (cells[womenCol] ?? "").replace(/[.\s]/g, "");
    if (!code && !raw) continue;
    const fail = (message: string) => errors.push({ line, message });
    const u = byCode.get(code);
    if (!code) { fail("Thiếu mã đơn vị."); continue; }
    if (!u) { fail(`Không có đơn vị mã "${code}".`); continue; }
    if (!u.active) { fail(`Đơn vị "${code}" đã ngừng hoạt động hoặc đã sáp nhập.`); continue; }
    if (!hasRoleOver(auth, u.path, ["admin"])) { fail(`Đơn vị "${code}" nằm ngoài phạm vi quản trị của chị.`); continue; }
    if (!/^\d{1,8}$/.test(raw)) { fail(`Số phụ nữ "${cells[womenCol] ?? ""}" phải là một số nguyên không âm.`); continue; }
    if (seen.has(u.id)) { fail(`Mã đơn vị "${code}" xuất hiện hai lần.`); continue; }
    seen.add(u.id);
    good.push({ unitId: u.id, women: Number(raw) });
  }
  if ((errors.length > 0 && !body.skipBad) || good.length === 0) {
    if (good.length === 0 && errors.length === 0) errors.push({ line: header.line, message: "Tệp chưa có dòng số liệu nào dưới dòng tiêu đề." });
    return { imported: 0, skipped: 0, rejected: true, errors };
  }
  await db.transaction().execute(async (tx) => {
    const now = new Date();
    await tx
      .insertInto("unit_women_counts")
      .values(good.map((g) => ({ unit_id: g.unitId, year: body.year, women: g.women, updated_by: auth.memberId, updated_at: now })))
      .onConflict((oc) => oc.columns(["unit_id", "year"]).doUpdateSet((eb) => ({ women: eb.ref("excluded.women"), updated_by: auth.memberId, updated_at: now })))
      .execute();
    await audit(tx, { actorId: auth.memberId, action: "dashboard.women.import", entityType: "unit_women_counts", entityId: String(body.year), detail: { year: body.year, fileName: body.fileName, imported: good.length, skipped: errors.length } });
  });
  return { imported: good.length, skipped: errors.length, rejected: false, errors };
}
