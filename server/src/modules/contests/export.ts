import { readPhone, type PhoneKeyring } from "../../privacy/phones.js";
import ExcelJS from "exceljs";
import { ranksFromTop, type RankKey } from "@hoiso/shared";
import { auditRead } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import type { AuthContext } from "../../http/types.js";
import { contestNotFound, roundNotFound, inStaffScope } from "./access.js";
import { sql } from "kysely";

const minutes = (ms: number) => `${Math.floor(ms / 60000)} phút ${Math.floor((ms % 60000) / 1000)} giây`;

/**
 * The organising committee's workbook for one round: the individual ranking (by the contest's rule), the winners, and
 * each commune's participation. Phone numbers are in full: only the organisers of the contest's unit get it, audited.
 */
export async function exportRound(db: Db, ring: PhoneKeyring, auth: AuthContext, id: string, roundId: string): Promise<{ fileName: string; bytes: Buffer }> {
  const c = await db.selectFrom("contests as c").select(["c.id", "c.title", "c.ranking"]).where("c.id", "=", id).where(inStaffScope(auth)).executeTakeFirst();
  if (!c) throw contestNotFound();
  const r = await db.selectFrom("contest_rounds").select(["id", "title", "position", "question_count", "prediction_actual"]).where("id", "=", roundId).where("contest_id", "=", id).executeTakeFirst();
  if (!r) throw roundNotFound();
  const ranking = await sql<{ name: string; phone: string | null; phone_enc: string | null; unit: string | null; xa: string | null; correct: number; duration_ms: number; prediction: number | null; submitted_at: Date; attempts: string; k1: string; k2: string; k3: string; k4: string }>`
    SELECT m.name, m.phone, m.phone_enc, u.name AS unit, x.name AS xa, e.correct, e.duration_ms, e.prediction, e.submitted_at, e.k1, e.k2, e.k3, e.k4,
           (SELECT count(*) FROM contest_attempts a WHERE a.round_id = e.round_id AND a.member_id = e.member_id AND a.status = 'submitted') AS attempts
      FROM contest_entries e JOIN members m ON m.id = e.member_id LEFT JOIN units u ON u.id = m.unit_id LEFT JOIN units x ON x.id = e.xa_id
     WHERE e.round_id = ${roundId} ORDER BY e.k1, e.k2, e.k3, e.k4, e.member_id`.execute(db);
  const winners = await sql<{ label: string; rank: number; name: string; phone: string | null; phone_enc: string | null; unit: string | null; confirmed_at: Date | null }>`
    SELECT w.label, w.rank, m.name, m.phone, m.phone_enc, u.name AS unit, w.confirmed_at FROM contest_winners w JOIN members m ON m.id = w.member_id
      LEFT JOIN units u ON u.id = m.unit_id WHERE w.round_id = ${roundId} ORDER BY w.rank`.execute(db);
  const units = await sql<{ name: string; participants: string; entries: string }>`
    SELECT x.name, count(DISTINCT e.member_id) AS participants, count(a.id) AS entries
      FROM contest_entries e JOIN units x ON x.id = e.xa_id
      JOIN contest_attempts a ON a.round_id = e.round_id AND a.member_id = e.member_id AND a.status = 'submitted'
     WHERE e.round_id = ${roundId} GROUP BY x.name ORDER BY count(DISTINCT e.member_id) DESC, x.name`.execute(db);

  const book = new ExcelJS.Workbook();
  book.creator = "Hội Số";
  const individual = book.addWorksheet("Xếp hạng cá nhân");
  individual.columns = [
    { header: "Hạng", width: 8 }, { header: "Họ tên", width: 28 }, { header: "Điện thoại", width: 14 }, { header: "Chi hội / đơn vị", width: 28 },
    { header: "Xã / phường", width: 22 }, { header: `Số câu đúng (/${r.question_count})`, width: 14 }, { header: "Thời gian", width: 16 },
    { header: "Dự đoán", width: 10 }, { header: "Nộp lúc", width: 20 }, { header: "Số lượt", width: 8 },
  ];
  // tied entries share a rank, as on the board
  const ranks = ranksFromTop(ranking.rows.map((e): RankKey => [Number(e.k1), Number(e.k2), Number(e.k3), Number(e.k4)]));
  ranking.rows.forEach((e, i) => individual.addRow([ranks[i], e.name, readPhone(ring, e.phone_enc, e.phone) ?? "", e.unit ?? "", e.xa ?? "", e.correct, minutes(e.duration_ms), e.prediction ?? "", e.submitted_at, Number(e.attempts)]));
  const prizes = book.addWorksheet("Giải thưởng");
  prizes.columns = [{ header: "Giải", width: 14 }, { header: "Hạng", width: 8 }, { header: "Họ tên", width: 28 }, { header: "Điện thoại", width: 14 }, { header: "Đơn vị", width: 28 }, { header: "Đã xác nhận", width: 12 }];
  for (const w of winners.rows) prizes.addRow([w.label, w.rank, w.name, readPhone(ring, w.phone_enc, w.phone) ?? "", w.unit ?? "", w.confirmed_at ? "Có" : "Chưa"]);
  const byUnit = book.addWorksheet("Đơn vị tham gia");
  byUnit.columns = [{ header: "Xã / phường", width: 28 }, { header: "Số người tham gia", width: 18 }, { header: "Số lượt thi", width: 14 }];
  for (const u of units.rows) byUnit.addRow([u.name, Number(u.participants), Number(u.entries)]);
  for (const s of [individual, prizes, byUnit]) s.getRow(1).font = { bold: true };
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  await auditRead(db, { actorId: auth.memberId, action: "contest.export", entityType: "contest", entityId: id, detail: { roundId, rows: ranking.rows.length } });
  return { fileName: `ket-qua-dot-${r.position}.xlsx`, bytes };
}
