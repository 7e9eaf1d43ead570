import { CONTEST_LIMITS as L, ContestErrorCode, foldVietnamese, type ImportBody, type ImportResult } from "@hoiso/shared";
import { audit } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import { AppError, conflict } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { readSheetRows, type SheetRows } from "../../util/sheet-rows.js";
import { lockRound } from "./admin.js";
import { assertBankOpen } from "./edit.js";

/**
 * A question bank from the organising committee's Excel (.xlsx) or CSV file, one question per row under a header row:
 *   Câu hỏi | A | B | C | D (up to F; "Phương án A" works too) | Đáp án ("B", or "A, C" when several are right) | Giải thích
 * Every bad row is reported by its line in the file; one bad row stops the whole file unless she chooses to leave the
 * bad rows out. The good rows are added to the round's bank in one transaction.
 */
export interface ParsedQuestion {
  line: number;
  prompt: string;
  choices: string[];
  answer: number[];
  explanation: string;
}

const unreadable = (why: string) => new AppError(400, ContestErrorCode.CONTEST_IMPORT_UNREADABLE, why, "contentBase64");
const LETTERS = ["a", "b", "c", "d", "e", "f"];

type Rows = SheetRows;

/** Which column holds what, from the header row's words (with or without diacritics). */
function columnsOf(header: string[]) {
  const folded = header.map((h) => foldVietnamese(h).replace(/\s+/g, " ").trim());
  const prompt = folded.findIndex((h) => h.includes("cau hoi") || h === "noi dung");
  const answer = folded.findIndex((h) => h.includes("dap an"));
  const explanation = folded.findIndex((h) => h.includes("giai thich"));
  const choices = LETTERS.map((l) => folded.findIndex((h) => h === l || h === `phuong an ${l}` || h === `lua chon ${l}`));
  return { prompt, answer, explanation, choices };
}

/** Reads and checks every row; nothing is written here. */
export function parseRows(rows: Rows): { questions: ParsedQuestion[]; errors: Array<{ line: number; message: string }> } {
  const errors: Array<{ line: number; message: string }> = [];
  const questions: ParsedQuestion[] = [];
  const [header, ...data] = rows;
  if (!header) return { questions, errors: [{ line: 1, message: "Tệp trống." }] };
  const cols = columnsOf(header.cells);
  if (cols.prompt < 0 || cols.answer < 0 || (cols.choices[0] ?? -1) < 0 || (cols.choices[1] ?? -1) < 0) {
    return { questions, errors: [{ line: header.line, message: "Dòng đầu cần có các cột: Câu hỏi, A, B (C, D… nếu có), Đáp án, Giải thích." }] };
  }
  for (const { line, cells } of data) {
    const at = (i: number) => (i >= 0 ? (cells[i] ?? "").trim() : "");
    const prompt = at(cols.prompt);
    const texts = cols.choices.map(at);
    const lastGiven = texts.reduce((last, t, i) => (t ? i : last), -1);
    const choices = texts.slice(0, lastGiven + 1);
    const fail = (message: string) => errors.push({ line, message });
    if (!prompt && choices.length === 0 && !at(cols.answer)) continue;
    if (!prompt) { fail("Thiếu nội dung câu hỏi."); continue; }
    if (prompt.length > L.promptMax) { fail(`Câu hỏi dài quá ${L.promptMax} ký tự.`); continue; }
    if (choices.length < L.choicesMin) { fail("Câu hỏi cần ít nhất hai phương án A và B."); continue; }
    const gap = choices.findIndex((c) => !c);
    if (gap >= 0) { fail(`Phương án ${(LETTERS[gap] ?? "").toUpperCase()} để trống giữa các phương án.`); continue; }
    if (choices.some((c) => c.length > L.choiceMax)) { fail(`Có phương án dài quá ${L.choiceMax} ký tự.`); continue; }
    const letters = at(cols.answer).toLowerCase().split(/[\s,;/+]+/).filter(Boolean);
    if (letters.length === 0) { fail("Thiếu đáp án (ví dụ: B, hoặc A, C nếu có nhiều đáp án đúng)."); continue; }
    const answer = [...new Set(letters.map((l) => LETTERS.indexOf(l)))].sort((a, b) => a - b);
    if (answer.some((i) => i < 0 || i >= choices.length)) { fail(`Đáp án "${at(cols.answer)}" không phải là một phương án của câu hỏi.`); continue; }
    const explanation = at(cols.explanation);
    if (explanation.length > L.textMax) { fail(`Giải thích dài quá ${L.textMax} ký tự.`); continue; }
    questions.push({ line, prompt, choices, answer, explanation });
  }
  if (questions.length + errors.length === 0) errors.push({ line: header.line, message: "Tệp chưa có câu hỏi nào dưới dòng tiêu đề." });
  return { questions, errors };
}

export async function importQuestions(db: Db, auth: AuthContext, id: string, roundId: string, body: ImportBody): Promise<ImportResult> {
  const bytes = Buffer.from(body.contentBase64, "base64");
  if (bytes.length === 0) throw unreadable("Tệp trống.");
  if (bytes.length > L.importMaxBytes) throw unreadable("Tệp quá lớn (tối đa 2 MB).");
  const { questions, errors } = parseRows(await readSheetRows(body.fileName, bytes, unreadable));
  return db.transaction().execute(async (tx) => {
    const { c } = await lockRound(tx, auth, id, roundId);
    if (c.status === "closed") throw conflict("Cuộc thi đã kết thúc, không thêm câu hỏi được nữa.", ContestErrorCode.CONTEST_NOT_EDITABLE);
    await assertBankOpen(tx, roundId);
    const count = async () => Number((await tx.selectFrom("contest_questions").select((eb) => eb.fn.countAll<string>().as("n")).where("round_id", "=", roundId).executeTakeFirst())?.n ?? 0);
    const before = await count();
    if ((errors.length > 0 && !body.skipBad) || questions.length === 0) {
      return { imported: 0, skipped: 0, rejected: errors.length > 0, errors, bankSize: before };
    }
    if (before + questions.length > L.bankMax) throw conflict(`Ngân hàng câu hỏi của một đợt tối đa ${L.bankMax} câu.`, ContestErrorCode.CONTEST_SETTINGS_INVALID);
    const max = await tx.selectFrom("contest_questions").select((eb) => eb.fn.max("position").as("p")).where("round_id", "=", roundId).executeTakeFirst();
    const start = Number(max?.p ?? 0);
    await tx
      .insertInto("contest_questions")
      .values(questions.map((q, i) => ({ round_id: roundId, position: start + i + 1, prompt: q.prompt, choices: q.choices, answer: q.answer, explanation: q.explanation })))
      .execute();
    await tx.updateTable("contests").set({ updated_at: new Date() }).where("id", "=", id).execute();
    await audit(tx, { actorId: auth.memberId, action: "contest.import", entityType: "contest", entityId: id, detail: { roundId, fileName: body.fileName, imported: questions.length, skipped: errors.length } });
    return { imported: questions.length, skipped: errors.length, rejected: false, errors, bankSize: before + questions.length };
  });
}
