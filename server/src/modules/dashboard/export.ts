import type { Dashboard, DashboardRow } from "@hoiso/shared";
import ExcelJS from "exceljs";

const LEVEL: Record<string, string> = { tinh: "Tỉnh", xa: "Xã/phường", chi_hoi: "Chi hội", to: "Tổ" };
const pct = (v: number | null) => (v === null ? "" : v);
const label = (r: DashboardRow) => (r.kind === "total" ? `Tổng cộng: ${r.name}` : r.kind === "direct" ? `${r.name} (trực thuộc)` : r.name);
const met = (m: boolean | null) => (m === null ? "Chưa đủ số liệu" : m ? "Đạt" : "Chưa đạt");

/**
 * The periodic report's workbook: one sheet per section, one row per unit (the total first, as on the screen), the
 * period and the date it was made on top of each sheet. Every figure is the API's own, so the totals match.
 */
export async function dashboardWorkbook(d: Dashboard): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Hội Số";
  book.created = new Date(d.madeAt);
  const clock = (iso: string) => new Date(iso).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });
  const made = clock(d.madeAt);
  const fresh = d.refreshedAt ? `Số liệu cập nhật lúc: ${clock(d.refreshedAt)}` : "Số liệu chưa được tổng hợp lần nào";
  const sheet = (name: string, headers: string[], rows: Array<Array<string | number | null>>) => {
    const s = book.addWorksheet(name);
    s.addRow([`Hội LHPN — ${d.unit.name}: ${name}`]).font = { bold: true, size: 13 };
    s.addRow([`Kỳ báo cáo: từ ${d.from} đến ${d.to}`, "", `Lập lúc: ${made}`, "", fresh]);
    s.addRow([]);
    s.addRow(["Đơn vị", "Cấp", ...headers]).font = { bold: true };
    s.columns = [{ width: 36 }, { width: 12 }, ...headers.map((h) => ({ width: Math.max(12, Math.min(28, h.length + 2)) }))];
    for (const r of rows) s.addRow(r);
    return s;
  };
  const unitCells = (r: DashboardRow) => [label(r), LEVEL[r.level] ?? r.level];
  const target = (r: DashboardRow, code: string) => r.indicators.find((i) => i.code === code && i.articleId === null);

  sheet(
    "Thu hút hội viên",
    ["Đã đăng ký", "Đã xác nhận", "Số phụ nữ của đơn vị", "Tỷ lệ (%)", "Chỉ tiêu (%)", "Đánh giá", "Hoạt động 30 ngày"],
    d.rows.map((r) => {
      const t = target(r, "members");
      return [...unitCells(r), r.members.registered, r.members.confirmed, r.members.women ?? "", pct(r.members.rate), t?.target ?? "", met(t?.met ?? null), r.members.active30];
    }),
  );
  sheet(
    "Học tập nghị quyết",
    ["Nghị quyết", "Cán bộ", "Cán bộ đã học", "Tỷ lệ cán bộ (%)", "Chỉ tiêu (%)", "Hội viên", "Hội viên đã học", "Tỷ lệ hội viên (%)", "Chỉ tiêu (%)"],
    d.rows.flatMap((r) =>
      r.studied.map((s) => {
        const title = d.resolutions.find((x) => x.id === s.articleId)?.title ?? "";
        const tc = r.indicators.find((i) => i.code === "studiedCanBo" && i.articleId === s.articleId);
        const tm = r.indicators.find((i) => i.code === "studiedMembers" && i.articleId === s.articleId);
        return [...unitCells(r), title, s.canBo, s.canBoStudied, pct(s.canBoRate), tc?.target ?? "", s.members, s.membersStudied, pct(s.membersRate), tm?.target ?? ""];
      }),
    ),
  );
  sheet(
    "Ứng dụng CNTT",
    ["Số chi hội", "Chi hội có hoạt động trên ứng dụng", "Tỷ lệ (%)", "Chỉ tiêu (%)", "Đánh giá"],
    d.rows.map((r) => {
      const t = target(r, "branchesIt");
      return [...unitCells(r), r.it.branches, r.it.active, pct(r.it.rate), t ? `${t.strict ? ">" : "≥"} ${t.target}` : "", met(t?.met ?? null)];
    }),
  );
  sheet("Cuộc thi", ["Số người tham gia", "Tỷ lệ tham gia (%)"], d.rows.map((r) => [...unitCells(r), r.contests.participants, pct(r.contests.rate)]));
  sheet(
    "Phản ánh, kiến nghị",
    [
      "Tiếp nhận", "Qua Mini App", "Qua OA Zalo", "Cán bộ nhập hộ", "Đã giải quyết", "Đến hạn", "Đúng hạn", "Tỷ lệ đúng hạn (%)", "Trả lời đầu tiên (giờ, trung vị)",
      "Chuyển cấp trên", "Hài lòng", "Bình thường", "Chưa hài lòng", "Kiến nghị chuyển cấp trên", "Tin khẩn", "Liên hệ đầu tiên (phút, trung vị)",
      "Số xã/phường", "Xã/phường có địa chỉ tin cậy",
    ],
    d.rows.map((r) => {
      const f = r.feedback;
      return [
        ...unitCells(r), f.received, f.byChannel.mini_app, f.byChannel.oa_chat, f.byChannel.on_behalf, f.resolved, f.due, f.onTime, pct(f.onTimeRate),
        pct(f.medianFirstAnswerHours), f.escalations, f.ratings.hai_long, f.ratings.binh_thuong, f.ratings.chua_hai_long, f.petitionsLifted, f.urgent,
        pct(f.medianFirstContactMinutes), f.communes, f.communesWithTrusted,
      ];
    }),
  );
  const cats = book.addWorksheet("Theo lĩnh vực");
  cats.addRow([`Hội LHPN — ${d.unit.name}: phản ánh theo lĩnh vực`]).font = { bold: true, size: 13 };
  cats.addRow([`Kỳ báo cáo: từ ${d.from} đến ${d.to}`, "", `Lập lúc: ${made}`, "", fresh]);
  cats.addRow([]);
  cats.addRow(["Lĩnh vực", "Tiếp nhận", "Đã giải quyết", "Đúng hạn"]).font = { bold: true };
  cats.columns = [{ width: 36 }, { width: 12 }, { width: 14 }, { width: 12 }];
  for (const c of d.categories) cats.addRow([c.private ? `${c.name} (riêng tư: chỉ ghi số lượng)` : c.name, c.received, c.resolved, c.onTime]);
  sheet(
    "Thông báo",
    ["Số thông báo đã gửi", "Lượt người nhận", "Đã gửi đến", "Đã đọc", "Tỷ lệ đọc (%)"],
    d.rows.map((r) => [...unitCells(r), r.announcements.sent, r.announcements.recipients, r.announcements.delivered, r.announcements.readers, pct(r.announcements.readRate)]),
  );
  const trend = book.addWorksheet("Theo tháng");
  trend.addRow([`Hội LHPN — ${d.unit.name}: diễn biến theo tháng`]).font = { bold: true, size: 13 };
  trend.addRow([`Kỳ báo cáo: từ ${d.from} đến ${d.to}`, "", `Lập lúc: ${made}`, "", fresh]);
  trend.addRow([]);
  trend.addRow(["Tháng", "Hội viên đã xác nhận (lũy kế)", "Tỷ lệ thu hút (%)", "Lượt học nghị quyết", "Phản ánh tiếp nhận", "Đã giải quyết", "Người dự thi", "Thông báo"]).font = { bold: true };
  trend.columns = [{ width: 10 }, { width: 16 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 12 }, { width: 12 }];
  for (const m of d.trend) trend.addRow([m.month, m.confirmed, pct(m.membersRate), m.studied, m.received, m.resolved, m.participants, m.announcements]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
