import ExcelJS from "exceljs";
import type { AdminContest, AdminQuestionList, AdminWinnerList, ImportResult, QuizCheckResult, QuizList, QuizSession, WinnerList } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contestWorld } from "./world.js";

type World = Awaited<ReturnType<typeof contestWorld>>;

async function xlsx(rows: unknown[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Câu hỏi");
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer()).toString("base64");
}

describe("Thi: the cán bộ's side", () => {
  let w: World;
  beforeAll(async () => {
    w = await contestWorld();
  });
  afterAll(async () => {
    await w?.ctx.close();
  });

  const create = async () => {
    const res = await w.inject("POST", "/api/admin/contests", w.canBoA.headers, w.contestBody({ unitId: w.tree.xaA.id }, { questionCount: 2 }));
    expect(res.statusCode).toBe(201);
    return res.json<AdminContest>();
  };
  const bank = async (c: AdminContest) => (await w.inject("GET", `/api/admin/contests/${c.id}/rounds/${c.rounds[0]!.id}/questions`, w.canBoA.headers)).json<AdminQuestionList>().items;

  it("imports an Excel bank: bad rows reported by line, nothing imported unless she skips them", async () => {
    const c = await create();
    const file = await xlsx([
      ["Câu hỏi", "Phương án A", "Phương án B", "Phương án C", "Đáp án", "Giải thích"],
      ["Hội LHPN Việt Nam thành lập năm nào?", "1930", "1945", "1975", "A", "Ngày 20/10/1930."],
      ["", "Thiếu câu hỏi", "B", "", "A", ""],
      ["Câu có đáp án lạ", "X", "Y", "", "D", ""],
      ["Câu chỉ một phương án", "X", "", "", "A", ""],
      ["Chọn các ý đúng", "Đúng", "Sai", "Cũng đúng", "A, C", "Hai ý đúng."],
    ]);
    const res = await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${c.rounds[0]!.id}/import`, w.canBoA.headers, { fileName: "ngan-hang.xlsx", contentBase64: file });
    expect(res.statusCode).toBe(200);
    const r = res.json<ImportResult>();
    expect(r).toMatchObject({ imported: 0, rejected: true, bankSize: 0 });
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(r.errors[1]!.message).toContain('"D"');
    expect(await bank(c)).toEqual([]);
    const publish = await w.inject("POST", `/api/admin/contests/${c.id}/publish`, w.canBoA.headers);
    expect([publish.statusCode, publish.json().code]).toEqual([409, "CONTEST_BANK_TOO_SMALL"]);

    const skip = await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${c.rounds[0]!.id}/import`, w.canBoA.headers, { fileName: "ngan-hang.xlsx", contentBase64: file, skipBad: true });
    expect(skip.json<ImportResult>()).toMatchObject({ imported: 2, skipped: 3, rejected: false, bankSize: 2 });
    const items = await bank(c);
    expect(items.map((q) => [q.prompt, q.choices, q.answer, q.explanation])).toEqual([
      ["Hội LHPN Việt Nam thành lập năm nào?", ["1930", "1945", "1975"], [0], "Ngày 20/10/1930."],
      ["Chọn các ý đúng", ["Đúng", "Sai", "Cũng đúng"], [0, 2], "Hai ý đúng."],
    ]);
    const audit = await w.ctx.deps.db.selectFrom("audit_log").select(["action", "detail"]).where("entity_id", "=", c.id).where("action", "=", "contest.import").execute();
    expect(audit).toHaveLength(1);
  });

  it("refuses a file that is neither Excel nor CSV, and another unit's contest", async () => {
    const c = await create();
    const res = await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${c.rounds[0]!.id}/import`, w.canBoA.headers, { fileName: "x.xlsx", contentBase64: Buffer.from("không phải excel").toString("base64") });
    expect([res.statusCode, res.json().code]).toEqual([400, "CONTEST_IMPORT_UNREADABLE"]);
    const pdf = await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${c.rounds[0]!.id}/import`, w.canBoA.headers, { fileName: "x.pdf", contentBase64: "JVBERi0=" });
    expect(pdf.json().code).toBe("CONTEST_IMPORT_UNREADABLE");
    const other = await w.contest(w.contestBody({ unitId: w.tree.xaB.id }));
    const out = await w.inject("POST", `/api/admin/contests/${other.id}/rounds/${other.rounds[0]!.id}/import`, w.canBoA.headers, { fileName: "b.csv", contentBase64: Buffer.from("Câu hỏi,A,B,Đáp án\nX,1,2,A").toString("base64") });
    expect(out.statusCode).toBe(404);
  });

  it("picks winners by the rule once the round is closed; winners confirm; the export has the three sheets", async () => {
    const c = await w.contest(w.contestBody({ prizeTiers: [{ label: "Giải Nhất", count: 1 }, { label: "Giải Nhì", count: 1 }] }));
    const roundId = c.rounds[0]!.id;
    for (const [m, right, prediction] of [[w.memberA, 5, 1], [w.memberB, 5, 9], [w.memberA2, 2, 1]] as const) {
      const a = await w.start(m.headers, c);
      await w.inject("PUT", `/api/attempts/${a.id}`, m.headers, { answers: (await w.rightAnswers(a)).slice(0, right), prediction });
    }
    const early = await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${roundId}/winners`, w.admin.headers);
    expect([early.statusCode, early.json().code]).toEqual([409, "CONTEST_ROUND_OPEN"]);
    expect((await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${roundId}/close`, w.admin.headers)).json()).toEqual({ predictionActual: 2 });
    const pick = await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${roundId}/winners`, w.admin.headers);
    expect(pick.json()).toEqual({ winners: 2 });
    const list = (await w.inject("GET", `/api/contests/${c.id}/winners?roundId=${roundId}`, w.memberA.headers)).json<WinnerList>();
    expect(list.items.map((x) => x.label)).toEqual(["Giải Nhất", "Giải Nhì"]);
    // both right on everything; time ties within a second are possible, so check the order is the board's
    const board = (await w.inject("GET", `/api/contests/${c.id}/leaderboard?roundId=${roundId}`, w.memberA.headers)).json<{ top: Array<{ name: string }> }>();
    expect(list.items.map((x) => x.name)).toEqual(board.top.slice(0, 2).map((t) => t.name));
    const a = list.items.find((x) => x.name === "Hội viên A")!;
    expect(a.phoneMasked).toBe("091****678");
    expect(JSON.stringify(list)).not.toContain("84912345678");

    const notWinner = await w.inject("POST", `/api/contests/${c.id}/winners/confirm`, w.memberA2.headers, { roundId, fullName: "Lò Thị A2", phone: "0987654321", idNumber: "012345678901", address: "Thôn Cốc Ly" });
    expect([notWinner.statusCode, notWinner.json().code]).toEqual([403, "CONTEST_NOT_WINNER"]);
    const badId = await w.inject("POST", `/api/contests/${c.id}/winners/confirm`, w.memberA.headers, { roundId, fullName: "Lò Thị A", phone: "0912345678", idNumber: "12345abc9", address: "Thôn Làng Mới" });
    expect([badId.statusCode, badId.json().field]).toEqual([400, "idNumber"]);
    const ok = await w.inject("POST", `/api/contests/${c.id}/winners/confirm`, w.memberA.headers, { roundId, fullName: "Lò Thị A", phone: "0912 345 678", idNumber: "012345678901", address: "Thôn Làng Mới" });
    expect(ok.statusCode).toBe(200);
    const admin = (await w.inject("GET", `/api/admin/contests/${c.id}/rounds/${roundId}/winners`, w.admin.headers)).json<AdminWinnerList>();
    expect(admin.items.find((x) => x.name === "Hội viên A")?.confirmation).toMatchObject({ fullName: "Lò Thị A", phone: "84912345678", idNumber: "012345678901" });
    // stored sealed (migration 130): the row itself holds no digits of her number
    const stored = await w.ctx.deps.db.selectFrom("contest_winners").select("confirmation").where("round_id", "=", roundId).execute();
    expect(JSON.stringify(stored)).toContain("phoneSealed");
    expect(JSON.stringify(stored)).not.toContain("912345678");
    expect((await w.inject("GET", `/api/admin/contests/${c.id}/rounds/${roundId}/winners`, w.canBoA.headers)).statusCode).toBe(404);

    const exp = await w.inject("GET", `/api/admin/contests/${c.id}/rounds/${roundId}/export`, w.admin.headers);
    expect(exp.statusCode).toBe(200);
    expect(exp.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exp.rawPayload as unknown as Parameters<typeof book.xlsx.load>[0]);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Xếp hạng cá nhân", "Giải thưởng", "Đơn vị tham gia"]);
    const individual = book.getWorksheet("Xếp hạng cá nhân")!;
    expect(individual.rowCount).toBe(4);
    expect(individual.getRow(4).getCell(2).text).toBe("Hội viên A2");
    expect(book.getWorksheet("Giải thưởng")!.getRow(2).getCell(1).text).toBe("Giải Nhất");
    const reads = await w.ctx.deps.db.selectFrom("audit_log").select("action").where("entity_id", "=", c.id).where("action", "in", ["contest.export", "contest.winners.read"]).execute();
    expect(reads.map((r) => r.action).sort()).toEqual(["contest.export", "contest.winners.read"]);
  });

  it("runs a practice quiz: unlimited, each answer checked at once with its explanation", async () => {
    const body = w.contestBody({ kind: "practice", title: "Ôn tập Luật Bình đẳng giới", prizeTiers: [] }, { questionCount: 3, prediction: null });
    const c = await w.contest(body, 6);
    const list = (await w.inject("GET", "/api/quizzes", w.memberB.headers)).json<QuizList>();
    expect(list.items.find((q) => q.id === c.id)).toMatchObject({ questionCount: 3, bankSize: 6 });
    for (let i = 0; i < 2; i++) {
      const s = await w.inject("GET", `/api/quizzes/${c.id}`, w.memberB.headers);
      const session = s.json<QuizSession>();
      expect(session.questions).toHaveLength(3);
      expect(s.body).not.toMatch(/"(answer|explanation)"/);
      const q = session.questions[0]!;
      const check = (await w.inject("POST", `/api/quizzes/${c.id}/check`, w.memberB.headers, { questionId: q.id, choices: [1] })).json<QuizCheckResult>();
      expect(check.right).toBe(false);
      expect(check.explanation).toMatch(/^Vì/);
      const right = (await w.inject("POST", `/api/quizzes/${c.id}/check`, w.memberB.headers, { questionId: q.id, choices: check.answer })).json<QuizCheckResult>();
      expect(right.right).toBe(true);
    }
    // practice is not a contest: no attempts there
    expect((await w.inject("POST", `/api/contests/${c.id}/attempts`, w.memberB.headers, { roundId: c.rounds[0]!.id })).statusCode).toBe(404);
  });
});
