import type { Dashboard, DashboardRow } from "@hoiso/shared";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardWorld } from "./world.js";

type World = Awaited<ReturnType<typeof dashboardWorld>>;
let w: World;

beforeAll(async () => {
  w = await dashboardWorld();
}, 60_000);
afterAll(async () => w?.ctx.close());

/** The rows of a sheet under its header row (line 4), as plain values. */
function table(book: ExcelJS.Workbook, name: string): Array<Array<unknown>> {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet "${name}"`);
  const rows: Array<Array<unknown>> = [];
  sheet.eachRow((row, line) => {
    if (line >= 4) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe("the Excel export", () => {
  it("opens with exceljs: one sheet per section, the period and date on top, unit rows whose totals match the API", async () => {
    const q = "from=2026-01-01&to=2026-06-30";
    const api = (await w.ctx.app.inject({ method: "GET", url: `/api/dashboard?${q}`, headers: w.admin.headers })).json<Dashboard>();
    const res = await w.ctx.app.inject({ method: "GET", url: `/api/dashboard/export?${q}`, headers: w.admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["content-disposition"]).toContain("tong-hop-2026-01-01-2026-06-30.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as Parameters<typeof book.xlsx.load>[0]);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Thu hút hội viên", "Học tập nghị quyết", "Ứng dụng CNTT", "Cuộc thi", "Phản ánh, kiến nghị", "Theo lĩnh vực", "Thông báo", "Theo tháng"]);
    const first = book.getWorksheet("Thu hút hội viên")!;
    expect(first.getCell("A2").text).toBe("Kỳ báo cáo: từ 2026-01-01 đến 2026-06-30");
    expect(first.getCell("C2").text).toMatch(/^Lập lúc: /);

    const total = api.rows[0] as DashboardRow;
    const members = table(book, "Thu hút hội viên");
    expect(members[0]).toEqual(["Đơn vị", "Cấp", "Đã đăng ký", "Đã xác nhận", "Số phụ nữ của đơn vị", "Tỷ lệ (%)", "Chỉ tiêu (%)", "Đánh giá", "Hoạt động 30 ngày"]);
    expect(members[1]).toEqual([`Tổng cộng: ${total.name}`, "Tỉnh", 6, 5, 32, 15.6, 90, "Chưa đạt", 2]);
    expect(members.length - 1).toBe(api.rows.length);
    // every unit row of the sheet is the API's
    expect(members.slice(1).map((r) => r[3])).toEqual(api.rows.map((r) => r.members.confirmed));

    const fb = table(book, "Phản ánh, kiến nghị");
    expect(fb[1]!.slice(2, 10)).toEqual([5, 3, 1, 1, 3, 4, 2, 50]);
    expect(fb.slice(1).map((r) => r[2])).toEqual(api.rows.map((r) => r.feedback.received));
    const it2 = table(book, "Ứng dụng CNTT");
    expect(it2[1]!.slice(2)).toEqual([4, 3, 75, "> 75", "Chưa đạt"]);
    const ann = table(book, "Thông báo");
    expect(ann[1]!.slice(2)).toEqual([total.announcements.sent, total.announcements.recipients, total.announcements.delivered, total.announcements.readers, total.announcements.readRate]);
    const cats = table(book, "Theo lĩnh vực");
    expect(cats).toContainEqual(["Bạo lực gia đình (riêng tư: chỉ ghi số lượng)", 1]);
    const months = table(book, "Theo tháng");
    expect(months.slice(1).map((r) => r[0])).toEqual(api.trend.map((m) => m.month));
    const audited = await w.db.selectFrom("audit_log").select("action").where("action", "=", "dashboard.export").where("actor_id", "=", w.admin.memberId).execute();
    expect(audited).toHaveLength(1);
  });
});

describe("the women counts", () => {
  const csv = (rows: string[]) => Buffer.from(["Mã đơn vị,Tên đơn vị,Số phụ nữ", ...rows].join("\n")).toString("base64");
  const code = async (id: string) => (await w.db.selectFrom("units").select("code").where("id", "=", id).executeTakeFirstOrThrow()).code;

  it("imports a file, checking every row: unknown units, units outside her scope and bad numbers are reported by line", async () => {
    const a1 = await code(w.units.A1.id);
    const a2 = await code(w.units.A2.id);
    const b = await code(w.units.B.id);
    const body = { year: 2027, fileName: "phu-nu.csv", contentBase64: csv([`${a1},Làng Mới,"1.250"`, `${a2},Cốc Ly,nhiều`, `${b},Sa Pa,300`, "KHONG-CO,Không có,5"]) };
    const res = await w.ctx.app.inject({ method: "POST", url: "/api/dashboard/women/import", headers: w.adminA.headers, payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ imported: 0, rejected: true, errors: [{ line: 3 }, { line: 4 }, { line: 5 }] });
    expect(await w.db.selectFrom("unit_women_counts").selectAll().where("year", "=", 2027).execute()).toEqual([]);

    const skip = await w.ctx.app.inject({ method: "POST", url: "/api/dashboard/women/import", headers: w.adminA.headers, payload: { ...body, skipBad: true } });
    expect(skip.json()).toMatchObject({ imported: 1, skipped: 3, rejected: false });
    const rows = await w.db.selectFrom("unit_women_counts").select(["unit_id", "women"]).where("year", "=", 2027).execute();
    expect(rows).toEqual([{ unit_id: w.units.A1.id, women: 1250 }]);
  });

  it("imports an .xlsx file", async () => {
    const book = new ExcelJS.Workbook();
    const s = book.addWorksheet("Số liệu");
    s.addRow(["Mã đơn vị", "Tên đơn vị", "Số phụ nữ"]);
    s.addRow([await code(w.units.A2.id), "Cốc Ly", 420]);
    const contentBase64 = Buffer.from(await book.xlsx.writeBuffer()).toString("base64");
    const res = await w.ctx.app.inject({ method: "POST", url: "/api/dashboard/women/import", headers: w.adminA.headers, payload: { year: 2028, fileName: "so-lieu.xlsx", contentBase64 } });
    expect(res.json()).toMatchObject({ imported: 1, rejected: false });
  });

  it("sets one unit's count (admin of the unit only, audited); a cán bộ may not", async () => {
    const ok = await w.ctx.app.inject({ method: "PUT", url: "/api/dashboard/women", headers: w.adminA.headers, payload: { unitId: w.units.A.id, year: 2026, women: 50 } });
    expect(ok.statusCode).toBe(200);
    const d = (await w.ctx.app.inject({ method: "GET", url: "/api/dashboard?from=2026-01-01&to=2026-06-30", headers: w.admin.headers })).json<Dashboard>();
    expect(d.rows.find((r) => r.unitId === w.units.A.id)!.members.women).toBe(50);
    const no = await w.ctx.app.inject({ method: "PUT", url: "/api/dashboard/women", headers: w.canBoA.headers, payload: { unitId: w.units.A.id, year: 2026, women: 1 } });
    expect(no.statusCode).toBe(403);
    const outside = await w.ctx.app.inject({ method: "PUT", url: "/api/dashboard/women", headers: w.adminA.headers, payload: { unitId: w.units.B.id, year: 2026, women: 1 } });
    expect(outside.statusCode).toBe(403);
    expect(await w.db.selectFrom("audit_log").select("action").where("action", "=", "dashboard.women").execute()).toHaveLength(1);
  });
});
