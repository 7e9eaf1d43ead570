import ExcelJS from "exceljs";
import type { AdminWinnerList, Leaderboard, MyRoundResult, WinnerList } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEntry } from "../../../server/src/modules/contests/ranking.js";
import { contestWorld, type Headers } from "./world.js";

type World = Awaited<ReturnType<typeof contestWorld>>;

/**
 * Women tied on every step of the contest's rule share a rank and a prize (issue 11: "rank exactly by it"; the member id
 * that keeps a list's order stable is not part of any published rule). Under "correct → prediction → time" with the
 * prediction question "how many entries": two women with the same score, time and second of submission are tied while
 * the round is open, and still tied after the close when their guesses are equally far from the real figure.
 */
describe("Thi: tied entries", () => {
  let w: World;
  beforeAll(async () => {
    w = await contestWorld();
  });
  afterAll(async () => {
    await w?.ctx.close();
  });

  it("share a rank on the boards, in her result, in the winners and in the export; open and after the close", async () => {
    const c = await w.contest(
      w.contestBody(
        { ranking: "correct_prediction_time", prizeTiers: [{ label: "Giải Nhất", count: 1 }, { label: "Giải Nhì", count: 1 }] },
        { maxAttempts: 3, prediction: { kind: "entries", prompt: "Đợt này có bao nhiêu lượt thi?" } },
      ),
      5,
    );
    const roundId = c.rounds[0]!.id;
    const memberC = await w.member("Hội viên C", w.tree.chiHoiA.id);
    const at = new Date(Date.now() - 60_000);
    const where = { [w.memberA.memberId]: [w.tree.xaA.id, w.tree.chiHoiA.id], [w.memberA2.memberId]: [w.tree.xaA.id, w.chiHoiA2.id], [w.memberB.memberId]: [w.tree.xaB.id, w.chiHoiB.id], [memberC.memberId]: [w.tree.xaA.id, w.tree.chiHoiA.id] };
    // five attempts handed in (the figure to guess); B's second is not her best
    const plays: Array<[string, number, number, number, number]> = [
      [w.memberA.memberId, 1, 5, 2000, 4],
      [w.memberA2.memberId, 1, 5, 2000, 6],
      [w.memberB.memberId, 1, 5, 1000, 9],
      [w.memberB.memberId, 2, 3, 1000, 5],
      [memberC.memberId, 1, 2, 3000, 5],
    ];
    // each attempt drew the whole bank of five (her review after the close reads them)
    const bank = (await w.ctx.deps.db.selectFrom("contest_questions").select("id").where("round_id", "=", roundId).orderBy("position").execute()).map((q) => q.id);
    await w.ctx.deps.db.transaction().execute(async (tx) => {
      for (const [memberId, number, correct, durationMs, prediction] of plays) {
        const a = await tx
          .insertInto("contest_attempts")
          .values({ round_id: roundId, member_id: memberId, number, status: "submitted", question_ids: bank, choice_orders: "[]", started_at: new Date(at.getTime() - durationMs), deadline: at, submitted_at: at, answers: "{}", correct, duration_ms: durationMs, prediction })
          .returning("id")
          .executeTakeFirstOrThrow();
        const [xaId, chiHoiId] = where[memberId]!;
        await recordEntry(tx, "correct_prediction_time", null, { roundId, memberId, attemptId: a.id, xaId: xaId!, chiHoiId: chiHoiId!, correct, durationMs, prediction, submittedAt: at });
      }
    });
    const board = async (by: Headers, scope = "") => (await w.inject("GET", `/api/contests/${c.id}/leaderboard?roundId=${roundId}${scope}`, by)).json<Leaderboard>();
    const mine = async (by: Headers) => (await w.inject("GET", `/api/contests/${c.id}/me?roundId=${roundId}`, by)).json<MyRoundResult>().ranks;

    // open: the prediction decides nothing yet; B is fastest, A and A2 tie for second, C is fourth (not third)
    const open = await board(memberC.headers);
    expect(open.top.map((t) => t.rank)).toEqual([1, 2, 2, 4]);
    expect([open.top[0]!.name, open.top[3]!.name]).toEqual(["Hội viên B", "Hội viên C"]);
    expect(open.top.slice(1, 3).map((t) => t.name).sort()).toEqual(["Hội viên A", "Hội viên A2"]);
    expect(open.me).toMatchObject({ rank: 4, name: "Hội viên C" });
    expect((await mine(w.memberA2.headers)).all).toEqual({ rank: 2, of: 4 });
    expect((await mine(w.memberA.headers)).all).toEqual({ rank: 2, of: 4 });
    // in xã A alone: A and A2 tie for first
    expect((await board(memberC.headers, "&scope=xa")).top.map((t) => t.rank)).toEqual([1, 1, 3]);
    expect((await mine(w.memberA2.headers)).xa).toEqual({ rank: 1, of: 3 });

    // closed: 5 entries; A (4) and A2 (6) are each 1 away, B (9) is 4 away: A and A2 share first, B is third
    expect((await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${roundId}/close`, w.admin.headers)).json()).toEqual({ predictionActual: 5 });
    const closed = await board(w.memberB.headers);
    expect(closed.top.map((t) => t.rank)).toEqual([1, 1, 3, 4]);
    expect(closed.top.slice(0, 2).map((t) => t.name).sort()).toEqual(["Hội viên A", "Hội viên A2"]);
    expect(closed.me).toMatchObject({ rank: 3, name: "Hội viên B" });
    expect((await mine(w.memberA2.headers)).all).toEqual({ rank: 1, of: 4 });
    expect((await mine(w.memberA.headers)).all).toEqual({ rank: 1, of: 4 });
    expect((await mine(w.memberB.headers)).all).toEqual({ rank: 3, of: 4 });

    // both share the first prize; the second covers rank 2, which nobody holds
    expect((await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${roundId}/winners`, w.admin.headers)).json()).toEqual({ winners: 2 });
    const list = (await w.inject("GET", `/api/contests/${c.id}/winners?roundId=${roundId}`, w.memberB.headers)).json<WinnerList>();
    expect(list.items.map((x) => [x.rank, x.label, x.name]).sort()).toEqual([[1, "Giải Nhất", "Hội viên A"], [1, "Giải Nhất", "Hội viên A2"]]);
    const admin = (await w.inject("GET", `/api/admin/contests/${c.id}/rounds/${roundId}/winners`, w.admin.headers)).json<AdminWinnerList>();
    expect(admin.items.map((x) => x.rank)).toEqual([1, 1]);

    const exp = await w.inject("GET", `/api/admin/contests/${c.id}/rounds/${roundId}/export`, w.admin.headers);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exp.rawPayload as unknown as Parameters<typeof book.xlsx.load>[0]);
    const sheet = book.getWorksheet("Xếp hạng cá nhân")!;
    expect([2, 3, 4, 5].map((r) => [sheet.getRow(r).getCell(1).value, sheet.getRow(r).getCell(2).text])).toEqual(closed.top.map((t) => [t.rank, t.name]));
    expect([2, 3].map((r) => book.getWorksheet("Giải thưởng")!.getRow(r).getCell(2).value)).toEqual([1, 1]);
  });

  it("a round without a prediction question: the ranks stored at its close keep the tie", async () => {
    const c = await w.contest(w.contestBody({ ranking: "correct_time_prediction" }, { prediction: null }), 5);
    const roundId = c.rounds[0]!.id;
    const bank = (await w.ctx.deps.db.selectFrom("contest_questions").select("id").where("round_id", "=", roundId).execute()).map((q) => q.id);
    const at = new Date(Date.now() - 60_000);
    await w.ctx.deps.db.transaction().execute(async (tx) => {
      for (const [m, correct] of [[w.memberA, 4], [w.memberB, 5], [w.memberA2, 5]] as const) {
        const a = await tx
          .insertInto("contest_attempts")
          .values({ round_id: roundId, member_id: m.memberId, number: 1, status: "submitted", question_ids: bank, choice_orders: "[]", started_at: new Date(at.getTime() - 3000), deadline: at, submitted_at: at, answers: "{}", correct, duration_ms: 3000, prediction: null })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordEntry(tx, "correct_time_prediction", null, { roundId, memberId: m.memberId, attemptId: a.id, xaId: null, chiHoiId: null, correct, durationMs: 3000, prediction: null, submittedAt: at });
      }
    });
    expect((await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${roundId}/close`, w.admin.headers)).json()).toEqual({ predictionActual: null });
    const stored = await w.ctx.deps.db.selectFrom("contest_entries").select(["member_id", "final_rank"]).where("round_id", "=", roundId).execute();
    expect(Object.fromEntries(stored.map((e) => [e.member_id, e.final_rank]))).toEqual({ [w.memberB.memberId]: 1, [w.memberA2.memberId]: 1, [w.memberA.memberId]: 3 });
    for (const [m, rank] of [[w.memberB, 1], [w.memberA2, 1], [w.memberA, 3]] as const) {
      expect((await w.inject("GET", `/api/contests/${c.id}/me?roundId=${roundId}`, m.headers)).json<MyRoundResult>().ranks.all).toEqual({ rank, of: 3 });
    }
    expect((await w.inject("GET", `/api/contests/${c.id}/leaderboard?roundId=${roundId}`, w.memberA.headers)).json<Leaderboard>().top.map((t) => t.rank)).toEqual([1, 1, 3]);
  });
});
