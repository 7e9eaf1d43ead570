import type { PollGroup, PollResults } from "@hoiso/shared";
import ExcelJS from "exceljs";
import { auditRead } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import type { AuthContext } from "../../http/types.js";
import { pollResults } from "./results.js";

const KIND: Record<string, string> = { single: "Chọn một", multiple: "Chọn nhiều", scale: "Thang điểm 1–5", text: "Trả lời ngắn" };
const BREAKDOWNS = [
  ["unit", "Theo đơn vị"],
  ["age", "Theo độ tuổi"],
  ["ethnic", "Theo dân tộc"],
] as const;

/** The workbook of a poll's results: the same figures as the results view, small groups merged or hidden the same way. */
export function resultsWorkbook(r: PollResults): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = "Hội Số";
  const summary = book.addWorksheet("Tổng hợp");
  summary.columns = [{ header: "Câu", width: 6 }, { header: "Câu hỏi", width: 48 }, { header: "Loại", width: 16 }, { header: "Lựa chọn", width: 36 }, { header: "Số người chọn", width: 14 }, { header: "Tỷ lệ (%)", width: 10 }];
  for (const q of r.questions) {
    if (q.kind === "text") {
      summary.addRow([q.index + 1, q.text, KIND[q.kind], "(số ý kiến)", q.answered, ""]);
      continue;
    }
    q.options.forEach((o, i) => {
      const n = q.counts[i] ?? 0;
      summary.addRow([q.index + 1, q.text, KIND[q.kind], o, n, q.answered > 0 ? Math.round((n / q.answered) * 1000) / 10 : 0]);
    });
  }
  summary.addRow([]);
  summary.addRow(["", `Số người trả lời: ${r.respondents} / ${r.poll.audienceSize} người nhận khảo sát`]);
  summary.addRow(["", `Nhóm dưới ${r.smallGroupMin} người không được tách riêng, để không ai bị nhận ra.`]);
  const sheets = [summary];
  for (const [d, title] of BREAKDOWNS) {
    const s = book.addWorksheet(title);
    s.columns = [{ header: "Câu", width: 6 }, { header: "Câu hỏi", width: 40 }, { header: "Nhóm", width: 32 }, { header: "Số người trả lời trong nhóm", width: 14 }, { header: "Lựa chọn", width: 32 }, { header: "Số người chọn", width: 14 }];
    for (const q of r.questions) {
      const groups: PollGroup[] = q.breakdowns[d];
      for (const g of groups) q.options.forEach((o, i) => s.addRow([q.index + 1, q.text, g.label, g.respondents, o, g.counts[i] ?? 0]));
    }
    sheets.push(s);
  }
  const texts = book.addWorksheet("Ý kiến");
  texts.columns = [{ header: "Câu", width: 6 }, { header: "Câu hỏi", width: 40 }, { header: "Ý kiến (không kèm tên người viết)", width: 80 }];
  for (const q of r.questions) for (const t of q.texts) texts.addRow([q.index + 1, q.text, t]);
  sheets.push(texts);
  for (const s of sheets) s.getRow(1).font = { bold: true };
  return book;
}

/** Excel export of the results for a cán bộ of the poll's subtree; the export is audited. */
export async function exportPoll(db: Db, auth: AuthContext, id: string): Promise<{ fileName: string; bytes: Buffer }> {
  const r = await pollResults(db, auth, id);
  const bytes = Buffer.from(await resultsWorkbook(r).xlsx.writeBuffer());
  await auditRead(db, { actorId: auth.memberId, action: "polls.export", entityType: "polls", entityId: id, detail: { respondents: r.respondents } });
  return { fileName: `khao-sat-${id.slice(0, 8)}.xlsx`, bytes };
}
