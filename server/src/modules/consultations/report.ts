import { calendarDay, CONSULTATION_LIMITS, sectionTitle } from "@hoiso/shared";
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { auditRead } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import type { AuthContext } from "../../http/types.js";
import { consultationNotFound, inStaffScope } from "./access.js";
import { participation, sectionCounts } from "./admin.js";

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const cell = (text: string, bold = false) => new TableCell({ width: { size: 25, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const label = (l: string, v: string) => new Paragraph({ children: [new TextRun({ text: `${l}: `, bold: true }), new TextRun(v)] });

/** A few quotes of a section: proposals first, then disagreements, then agreements with words; duplicates left out. */
async function quotes(db: Db, consultationId: string) {
  const rows = await db
    .selectFrom("consultation_positions as p")
    .innerJoin("consultation_participants as pa", (j) => j.onRef("pa.consultation_id", "=", "p.consultation_id").onRef("pa.member_id", "=", "p.member_id"))
    .innerJoin("members as m", "m.id", "p.member_id")
    .leftJoin("units as u", "u.id", "pa.unit_id")
    .select(["p.section_id", "p.stance", "p.text", "pa.anonymous", "m.name", "u.name as unitName"])
    .where("p.consultation_id", "=", consultationId)
    .where("p.duplicate_of", "is", null)
    .where("p.text", "<>", "")
    .orderBy("p.section_id")
    .orderBy((eb) => eb.case().when("p.stance", "=", "propose").then(0).when("p.stance", "=", "disagree").then(1).else(2).end())
    .orderBy("p.created_at")
    .execute();
  const bySection = new Map<string, string[]>();
  for (const r of rows) {
    const list = bySection.get(r.section_id) ?? [];
    if (list.length >= CONSULTATION_LIMITS.reportQuotes) continue;
    // an anonymous woman is quoted without name or unit: the document leaves the union
    const who = r.anonymous ? "Ý kiến ẩn danh" : `Chị ${r.name}${r.unitName ? `, ${r.unitName}` : ""}`;
    list.push(`“${r.text}” (${who})`);
    bySection.set(r.section_id, list);
  }
  return (sectionId: string) => bySection.get(sectionId) ?? [];
}

/**
 * The report the union hands in (.docx): who took part (women, units), then per section the counts, the cán bộ's
 * synthesis of the proposals and a few quotes. Audited as a read: it carries named quotes.
 */
export async function consultationReport(db: Db, auth: AuthContext, id: string): Promise<{ fileName: string; bytes: Buffer }> {
  const c = await db
    .selectFrom("consultations as c")
    .innerJoin("units as u", "u.id", "c.unit_id")
    .select(["c.id", "c.title", "c.summary", "c.opens_at", "c.closes_at", "c.status", "c.outcome", "c.outcome_sent_to", "u.name as unitName"])
    .where("c.id", "=", id)
    .where(inStaffScope(auth))
    .executeTakeFirst();
  if (!c) throw consultationNotFound();
  const sections = await db.selectFrom("consultation_sections").select(["id", "position", "heading", "synthesis"]).where("consultation_id", "=", id).orderBy("position").execute();
  const counts = await sectionCounts(db, id);
  const took = await participation(db, id);
  const quoted = await quotes(db, id);

  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: "BÁO CÁO TỔNG HỢP Ý KIẾN GÓP Ý DỰ THẢO", bold: true })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, children: [new TextRun(c.title)] }),
    label("Đơn vị tổ chức lấy ý kiến", c.unitName),
    label("Thời gian lấy ý kiến", `từ ngày ${calendarDay(c.opens_at)} đến ngày ${calendarDay(c.closes_at)}${c.status === "closed" ? "" : " (đang lấy ý kiến)"}`),
    label("Số chị em tham gia góp ý", String(took.women)),
    label("Số đơn vị có chị em tham gia", String(took.units)),
  ];
  if (c.summary) children.push(label("Tóm tắt dự thảo", c.summary));
  for (const s of sections) {
    const n = counts(s.id);
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(sectionTitle(s.position, s.heading))] }),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ children: [cell("Đồng ý", true), cell("Không đồng ý", true), cell("Đề xuất sửa", true), cell("Trong đó ý kiến trùng", true)] }),
          new TableRow({ children: [cell(String(n.agree)), cell(String(n.disagree)), cell(String(n.propose)), cell(String(n.duplicates))] }),
        ],
      }),
      new Paragraph({ children: [new TextRun({ text: "Tổng hợp đề xuất: ", bold: true }), new TextRun(s.synthesis || "(chưa có tổng hợp)")] }),
    );
    const q = quoted(s.id);
    if (q.length > 0) {
      children.push(new Paragraph({ children: [new TextRun({ text: "Một số ý kiến tiêu biểu:", bold: true })] }));
      for (const line of q) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: line, italics: true })] }));
    }
  }
  if (c.outcome) children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Kết quả")] }), label("Đã gửi", c.outcome_sent_to ?? ""), para(c.outcome));

  const doc = new Document({ creator: "Hội Số", title: c.title, styles: { default: { document: { run: { font: "Times New Roman", size: 26 } } } }, sections: [{ children }] });
  const bytes = await Packer.toBuffer(doc);
  await auditRead(db, { actorId: auth.memberId, action: "consultation.export", entityType: "consultation", entityId: id, detail: { women: took.women, sections: sections.length } });
  return { fileName: `bao-cao-gop-y-${c.id.slice(0, 8)}.docx`, bytes };
}
