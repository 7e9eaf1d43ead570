import type { AdminPoll, ErrorBody, MemberPoll, MemberPollList, PollAnswerBody, PollResults } from "@hoiso/shared";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollWorld, type Headers } from "./world.js";

let w: Awaited<ReturnType<typeof pollWorld>>;
beforeAll(async () => {
  w = await pollWorld();
}, 60_000);
afterAll(async () => {
  await w?.ctx.close();
});

/** Member i's answer: q1 = i mod 3; q2 = {i mod 3, (i+1) mod 3}; q3 = (i mod 5) + 1; q4 a text for even i. */
const answerOf = (i: number): PollAnswerBody => ({
  answers: [{ choice: i % 3 }, { choices: [i % 3, (i + 1) % 3] }, { choice: (i % 5) + 1 }, { text: i % 2 === 0 ? `Ý kiến số ${i}` : "" }],
});

describe("Khảo sát nhanh: counts, breakdowns and the small-group rule", () => {
  let poll: AdminPoll;
  let results: PollResults;
  const names: string[] = [];

  beforeAll(async () => {
    poll = await w.poll();
    // 13 members: chi hội A 0–5, A2 6–10, A3 11–12; under 30: 0–4, 30–45: 5–8; H'Mông 0–6, Dao 7–8; the rest said nothing
    for (let i = 0; i < 13; i++) {
      const unit = i <= 5 ? w.tree.chiHoiA : i <= 10 ? w.tree.chiHoiA2 : w.tree.chiHoiA3;
      const tags = [i <= 4 ? "tuoi:duoi_30" : i <= 8 ? "tuoi:30_45" : null, i <= 6 ? "dan_toc:mong" : i <= 8 ? "dan_toc:dao" : null].filter((t): t is string => t !== null);
      const name = `Chị Trả Lời ${i}`;
      names.push(name);
      const m = await w.member(unit.id, tags, name);
      const res = await w.inject("POST", `/api/polls/${poll.id}/answers`, m.headers, answerOf(i));
      expect(res.statusCode, res.body).toBe(201);
    }
    const res = await w.inject("GET", `/api/admin/polls/${poll.id}/results`, w.canBoA.headers);
    expect(res.statusCode, res.body).toBe(200);
    results = res.json<PollResults>();
  }, 60_000);

  it("counts every option as computed by hand", () => {
    expect(results.respondents).toBe(13);
    const [q1, q2, q3, q4] = results.questions;
    expect(q1!.counts).toEqual([5, 4, 4]);
    expect(q2!.counts).toEqual([9, 9, 8]);
    expect(q3!.options).toEqual(["1", "2", "3", "4", "5"]);
    expect(q3!.counts).toEqual([3, 3, 3, 2, 2]);
    expect(q3!.average).toBe(2.77);
    expect(q4!.answered).toBe(7);
    expect([...q4!.texts].sort()).toEqual([0, 2, 4, 6, 8, 10, 12].map((i) => `Ý kiến số ${i}`).sort());
  });

  it("breaks down by unit, age and ethnic group, merging groups under 5 so that none can be worked out", () => {
    const q1 = results.questions[0]!;
    // A2 (5) would be shown, but A3 (2) alone is too small: A2 joins it, else total − A − A2 would reveal A3
    expect(q1.breakdowns.unit.map((g) => [g.label, g.respondents, g.counts])).toEqual([
      ["Chi hội thôn Làng Mới", 6, [2, 2, 2]],
      ["Nhóm nhỏ (gộp các nhóm dưới 5 người)", 7, [3, 2, 2]],
    ]);
    expect(q1.breakdowns.age.map((g) => [g.key, g.respondents, g.counts])).toEqual([
      ["tuoi:duoi_30", 5, [2, 2, 1]],
      ["_small", 8, [3, 2, 3]],
    ]);
    expect(q1.breakdowns.ethnic.map((g) => [g.key, g.respondents, g.counts])).toEqual([
      ["dan_toc:mong", 7, [3, 2, 2]],
      ["_small", 6, [2, 2, 2]],
    ]);
    for (const q of results.questions) for (const d of ["unit", "age", "ethnic"] as const) for (const g of q.breakdowns[d]) expect(g.respondents).toBeGreaterThanOrEqual(5);
    expect(results.questions[3]!.breakdowns.unit).toEqual([]);
  });

  it("never names an author: no member name in the results, and the ballot tables hold no member id", async () => {
    const text = JSON.stringify(results);
    for (const n of names) expect(text).not.toContain(n);
    const cols = await w.db
      .selectFrom("information_schema.columns" as never)
      .select(["table_name" as never, "column_name" as never])
      .where("table_name" as never, "in", ["poll_responses", "poll_answers", "poll_texts"] as never)
      .execute();
    const names2 = (cols as Array<{ column_name: string }>).map((c) => c.column_name);
    expect(names2).not.toContain("member_id");
    expect(names2.some((c) => /_at$/.test(c))).toBe(false);
  });

  it("exports a workbook that exceljs opens, with the same counts and the same merged groups", async () => {
    const res = await w.ctx.app.inject({ method: "GET", url: `/api/admin/polls/${poll.id}/export`, headers: w.canBoA.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = book.getWorksheet("Tổng hợp")!;
    const fromSheet = new Map<string, number>();
    summary.eachRow((row, n) => {
      if (n > 1 && typeof row.getCell(1).value === "number") fromSheet.set(`${row.getCell(1).text}|${row.getCell(4).text}`, Number(row.getCell(5).value));
    });
    for (const q of results.questions) {
      if (q.kind === "text") expect(fromSheet.get(`${q.index + 1}|(số ý kiến)`)).toBe(q.answered);
      else q.options.forEach((o, i) => expect(fromSheet.get(`${q.index + 1}|${o}`), `${q.index}/${o}`).toBe(q.counts[i]));
    }
    const byUnit: Array<[number, string, number, string, number]> = [];
    book.getWorksheet("Theo đơn vị")!.eachRow((row, n) => {
      if (n > 1) byUnit.push([Number(row.getCell(1).value), row.getCell(3).text, Number(row.getCell(4).value), row.getCell(5).text, Number(row.getCell(6).value)]);
    });
    const expected = results.questions.flatMap((q) => q.breakdowns.unit.flatMap((g) => q.options.map((o, i) => [q.index + 1, g.label, g.respondents, o, g.counts[i]!])));
    expect(byUnit).toEqual(expected);
    const all = JSON.stringify(book.worksheets.map((s) => s.getSheetValues()));
    expect(all).not.toContain("Nậm Khánh"); // the small chi hội is never a group of its own
    expect(all).not.toContain("Cốc Ly");
    const texts: string[] = [];
    book.getWorksheet("Ý kiến")!.eachRow((row, n) => {
      if (n > 1) texts.push(row.getCell(3).text);
    });
    expect(texts.sort()).toEqual([...results.questions[3]!.texts].sort());
    const audited = await w.db.selectFrom("audit_log").select("action").where("entity_id", "=", poll.id).where("action", "=", "polls.export").execute();
    expect(audited).toHaveLength(1);
  });
});

describe("Khảo sát nhanh: one answer each, closed refuses, subtree", () => {
  it("concurrent double-submits leave one answer; the others get a Vietnamese 409", async () => {
    const poll = await w.poll();
    const m = await w.member(w.tree.chiHoiA.id);
    const all = await Promise.all(Array.from({ length: 6 }, () => w.inject("POST", `/api/polls/${poll.id}/answers`, m.headers, answerOf(1))));
    const codes = all.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of all.filter((x) => x.statusCode === 409)) {
      const e = r.json<ErrorBody>();
      expect(e.code).toBe("POLL_ALREADY_ANSWERED");
      expect(e.message).toContain("Chị đã trả lời");
    }
    const rows = await w.db.selectFrom("poll_responses").select("id").where("poll_id", "=", poll.id).execute();
    expect(rows).toHaveLength(1);
    const answers = await w.db.selectFrom("poll_answers").select("option_idx").where("poll_id", "=", poll.id).where("question_idx", "=", 0).execute();
    expect(answers).toHaveLength(1);
    const tallied = await w.db.selectFrom("poll_tallies").select((e) => e.fn.sum<string>("n").as("n")).where("poll_id", "=", poll.id).where("question_idx", "=", 0).executeTakeFirstOrThrow();
    expect(Number(tallied.n)).toBe(1);
    const mine = (await w.inject("GET", `/api/polls/${poll.id}`, m.headers)).json<MemberPoll>();
    expect(mine.answered).toBe(true);
  });

  it("a closed poll refuses answers; one not yet open too", async () => {
    const poll = await w.poll();
    const m = await w.member(w.tree.chiHoiA.id);
    const close = await w.inject("POST", `/api/admin/polls/${poll.id}/close`, w.canBoA.headers);
    expect(close.statusCode, close.body).toBe(200);
    const res = await w.inject("POST", `/api/polls/${poll.id}/answers`, m.headers, answerOf(0));
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>()).toMatchObject({ code: "POLL_CLOSED" });
    expect(res.json<ErrorBody>().message).toContain("đã kết thúc");
    const later = await w.poll({ opensAt: new Date(Date.now() + 86400_000).toISOString() });
    const early = await w.inject("POST", `/api/polls/${later.id}/answers`, m.headers, answerOf(0));
    expect(early.statusCode).toBe(409);
    expect(early.json<ErrorBody>().code).toBe("POLL_NOT_OPEN");
    const audit = await w.db.selectFrom("audit_log").select("action").where("entity_id", "=", poll.id).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["polls.create", "polls.close"]);
  });

  it("a cán bộ cannot send outside her subtree nor read another's poll; members outside the segment never see it", async () => {
    const out = await w.inject("POST", "/api/admin/polls", w.canBoA.headers, w.body({ unitId: w.tree.xaB.id }));
    expect(out.statusCode).toBe(403);
    const outTarget = await w.inject("POST", "/api/admin/polls", w.canBoA.headers, w.body({ targetUnitIds: [w.tree.chiHoiB.id] }));
    expect(outTarget.statusCode).toBe(403);
    const provinceWide = await w.poll({ unitId: w.tree.xaB.id }, w.admin.headers);
    expect((await w.inject("GET", `/api/admin/polls/${provinceWide.id}/results`, w.canBoA.headers)).statusCode).toBe(404);
    expect((await w.inject("GET", `/api/admin/polls/${provinceWide.id}/export`, w.canBoA.headers)).statusCode).toBe(404);
    expect((await w.inject("POST", `/api/admin/polls/${provinceWide.id}/close`, w.canBoA.headers)).statusCode).toBe(404);
    const list = (await w.inject("GET", "/api/admin/polls", w.canBoA.headers)).json<{ items: AdminPoll[] }>();
    expect(list.items.map((p) => p.id)).not.toContain(provinceWide.id);

    // a poll for chi hội A2, under-30s only
    const narrow = await w.poll({ targetUnitIds: [w.tree.chiHoiA2.id], targetTags: ["tuoi:duoi_30"] });
    expect(narrow.audienceSize).toBe(0);
    const young = await w.member(w.tree.chiHoiA2.id, ["tuoi:duoi_30"]);
    const older = await w.member(w.tree.chiHoiA2.id, ["tuoi:46_60"]);
    const elsewhere = await w.member(w.tree.chiHoiA.id, ["tuoi:duoi_30"]);
    const seen = async (h: Headers) => (await w.inject("GET", "/api/polls", h)).json<MemberPollList>().items.map((p) => p.id);
    expect(await seen(young.headers)).toContain(narrow.id);
    expect(await seen(older.headers)).not.toContain(narrow.id);
    expect(await seen(elsewhere.headers)).not.toContain(narrow.id);
    expect((await w.inject("POST", `/api/polls/${narrow.id}/answers`, older.headers, answerOf(0))).statusCode).toBe(404);
    expect((await w.inject("GET", `/api/polls/${narrow.id}`, elsewhere.headers)).statusCode).toBe(404);
    expect((await w.inject("POST", `/api/polls/${narrow.id}/answers`, young.headers, answerOf(0))).statusCode).toBe(201);
  });

  it("refuses answers that do not fit the questions, writing nothing", async () => {
    const poll = await w.poll();
    const m = await w.member(w.tree.chiHoiA.id);
    const bad: PollAnswerBody[] = [
      { answers: [{ choice: 0 }] },
      { answers: [{ choice: 3 }, { choices: [0] }, { choice: 1 }, {}] },
      { answers: [{ choice: 0 }, { choices: [] }, { choice: 1 }, {}] },
      { answers: [{ choice: 0 }, { choices: [0] }, { choice: 6 }, {}] },
      { answers: [{}, { choices: [0] }, { choice: 1 }, {}] },
    ];
    for (const b of bad) {
      const res = await w.inject("POST", `/api/polls/${poll.id}/answers`, m.headers, b);
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
    }
    expect(await w.db.selectFrom("poll_participants").select("member_id").where("poll_id", "=", poll.id).execute()).toHaveLength(0);
    const badPoll = await w.inject("POST", "/api/admin/polls", w.canBoA.headers, w.body({ questions: [{ kind: "single", text: "Một lựa chọn?", options: ["Có"] }] }));
    expect(badPoll.statusCode).toBe(400);
    expect(badPoll.json<ErrorBody>().code).toBe("POLL_INVALID");
  });

  it("announces through Thông báo when asked (not with profile tags)", async () => {
    const poll = await w.poll({ announce: true, targetUnitIds: [w.tree.chiHoiA.id] });
    expect(poll.broadcastId).not.toBeNull();
    const b = await w.db.selectFrom("broadcasts").select(["title", "target_unit_ids"]).where("id", "=", poll.broadcastId!).executeTakeFirstOrThrow();
    expect(b.title).toBe(`Khảo sát: ${poll.title}`);
    expect(b.target_unit_ids).toEqual([w.tree.chiHoiA.id]);
    const tagged = await w.inject("POST", "/api/admin/polls", w.canBoA.headers, w.body({ announce: true, targetTags: ["tuoi:duoi_30"] }));
    expect(tagged.statusCode).toBe(400);
  });
});
