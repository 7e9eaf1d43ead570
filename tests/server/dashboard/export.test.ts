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
    expect(months.slice(1).map((r) => r.slice(1))).toEqual(api.trend.map((m) => [m.confirmed, m.membersRate ?? "", m.studied, m.received, m.resolved, m.participants, m.announcements]));

    // every other sheet, row by row, is the API's too (an empty cell where the API has no figure)
    const cell = (v: number | null) => (v === null ? "" : v);
    const studied = table(book, "Học tập nghị quyết");
    expect(studied.slice(1).map((r) => r.slice(3))).toEqual(
      api.rows.flatMap((r) => r.studied.map((x) => [x.canBo, x.canBoStudied, cell(x.canBoRate), 100, x.members, x.membersStudied, cell(x.membersRate), 90])),
    );
    expect(studied[1]![0]).toBe(`Tổng cộng: ${total.name}`);
    expect(studied[1]![2]).toBe("Nghị quyết Đại hội Phụ nữ tỉnh lần thứ XVI");
    expect(table(book, "Cuộc thi").slice(1).map((r) => r.slice(2))).toEqual(api.rows.map((r) => [r.contests.participants, cell(r.contests.rate)]));
    expect(it2.slice(1).map((r) => r.slice(2, 5))).toEqual(api.rows.map((r) => [r.it.branches, r.it.active, cell(r.it.rate)]));
    expect(fb.slice(1).map((r) => r.slice(2))).toEqual(
      api.rows.map((r) => {
        const f = r.feedback;
        return [
          f.received, f.byChannel.mini_app, f.byChannel.oa_chat, f.byChannel.on_behalf, f.resolved, f.due, f.onTime, cell(f.onTimeRate), cell(f.medianFirstAnswerHours),
          f.escalations, f.ratings.hai_long, f.ratings.binh_thuong, f.ratings.chua_hai_long, f.petitionsLifted, f.urgent, cell(f.medianFirstContactMinutes), f.communes, f.communesWithTrusted,
        ];
      }),
    );
    expect(ann.slice(1).map((r) => r.slice(2))).toEqual(api.rows.map((r) => [r.announcements.sent, r.announcements.recipients, r.announcements.delivered, r.announcements.readers, cell(r.announcements.readRate)]));
    expect(cats.slice(1).map((r) => r.slice(1))).toEqual(api.categories.map((c) => [c.received, c.resolved, c.onTime].filter((v) => v !== null)));
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

  it("refuses a file it cannot read, a header it does not know, a unit twice, a file without rows and numbers out of range", async () => {
    const post = (payload: Record<string, unknown>) => w.ctx.app.inject({ method: "POST", url: "/api/dashboard/women/import", headers: w.adminA.headers, payload: { year: 2029, ...payload } });
    const a1 = await code(w.units.A1.id);
    for (const [fileName, contentBase64] of [
      ["so-lieu.pdf", csv([`${a1},Làng Mới,10`])],
      ["so-lieu.xlsx", Buffer.from("đây không phải là tệp Excel").toString("base64")],
    ] as const) {
      const res = await post({ fileName, contentBase64 });
      expect(res.statusCode, fileName).toBe(400);
      expect(res.json(), fileName).toMatchObject({ code: "DASHBOARD_IMPORT_UNREADABLE", field: "contentBase64" });
      expect(res.json<{ message: string }>().message).toMatch(/tệp/i);
    }
    const header = await post({ fileName: "a.csv", contentBase64: Buffer.from(`Đơn vị,Số người\n${a1},10`).toString("base64") });
    expect(header.json()).toMatchObject({ imported: 0, rejected: true, errors: [{ line: 1, message: "Dòng đầu cần có các cột: Mã đơn vị, Tên đơn vị, Số phụ nữ." }] });
    const twice = await post({ fileName: "a.csv", contentBase64: csv([`${a1},Làng Mới,10`, `${a1},Làng Mới,12`, `${a1},Làng Mới,-3`]), skipBad: true });
    expect(twice.json()).toMatchObject({ imported: 1, skipped: 2, rejected: false });
    expect(twice.json<{ errors: Array<{ line: number; message: string }> }>().errors).toEqual([
      { line: 3, message: `Mã đơn vị "${a1}" xuất hiện hai lần.` },
      { line: 4, message: 'Số phụ nữ "-3" phải là một số nguyên không âm.' },
    ]);
    const empty = await post({ fileName: "a.csv", contentBase64: csv([]) });
    expect(empty.json()).toMatchObject({ imported: 0, rejected: true, errors: [{ line: 1, message: "Tệp chưa có dòng số liệu nào dưới dòng tiêu đề." }] });
    expect(await w.db.selectFrom("unit_women_counts").select(["unit_id", "women"]).where("year", "=", 2029).execute()).toEqual([{ unit_id: w.units.A1.id, women: 10 }]);

    for (const [payload, field] of [
      [{ unitId: w.units.A.id, year: 2026, women: -1 }, "women"],
      [{ unitId: w.units.A.id, year: 1999, women: 10 }, "year"],
      [{ unitId: w.units.A.id, year: 2026, women: 1.5 }, "women"],
      [{ unitId: "xa-a", year: 2026, women: 10 }, "unitId"],
    ] as const) {
      const res = await w.ctx.app.inject({ method: "PUT", url: "/api/dashboard/women", headers: w.adminA.headers, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toMatchObject({ code: "VALIDATION", field });
    }
    await w.db.deleteFrom("unit_women_counts").where("year", "=", 2029).execute();
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
