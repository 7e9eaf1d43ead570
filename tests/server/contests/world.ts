import type { AdminContest, AttemptView, ContestWriteBody } from "@hoiso/shared";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { addUnit, devLogin, grant, smallTree } from "../../helpers/fixtures.js";

export type Headers = { authorization: string };

/** A CSV bank of `n` questions: question i has choices A–C, the right one is A (or A and C for every fifth). */
export function bankCsv(n: number, prefix = "Câu"): string {
  const rows = ["Câu hỏi,A,B,C,Đáp án,Giải thích"];
  for (let i = 1; i <= n; i++) rows.push(`${prefix} ${i}: điều nào đúng?,Đúng ${i},Sai ${i},${i % 5 === 0 ? `Cũng đúng ${i}` : `Sai nữa ${i}`},${i % 5 === 0 ? "\"A, C\"" : "A"},Vì ${i}`);
  return rows.join("\n");
}

/**
 * A province with two communes (A with two chi hội), a province admin, a cán bộ of xã A, members in chi hội A, A2 and
 * in xã B: who organises and who takes part in Thi.
 */
export async function contestWorld(env: Record<string, string> = {}) {
  const ctx: TestContext = await createTestContext({ env });
  const tree = await smallTree(ctx.deps.db);
  const chiHoiA2 = await addUnit(ctx.deps.db, tree.xaA, "chi_hoi", "Chi hội thôn Cốc Ly");
  const chiHoiB = await addUnit(ctx.deps.db, tree.xaB, "chi_hoi", "Chi hội thôn Ý Linh Hồ");
  const admin = await devLogin(ctx.app, "Quản trị tỉnh");
  await grant(ctx.deps.db, admin.memberId, tree.tinh.id, "admin");
  const canBoA = await devLogin(ctx.app, "Cán bộ xã A");
  await grant(ctx.deps.db, canBoA.memberId, tree.xaA.id, "can_bo");
  const member = async (name: string, unitId: string, phone: string | null = null) => {
    const m = await devLogin(ctx.app, name);
    await ctx.deps.db.updateTable("members").set({ unit_id: unitId, phone }).where("id", "=", m.memberId).execute();
    return m;
  };
  const memberA = await member("Hội viên A", tree.chiHoiA.id, "84912345678");
  const memberA2 = await member("Hội viên A2", chiHoiA2.id);
  const memberB = await member("Hội viên B", chiHoiB.id);

  const inject = (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, by: Headers, payload?: unknown) => ctx.app.inject({ method, url, headers: by, ...(payload === undefined ? {} : { payload: payload as object }) });

  const contestBody = (over: Partial<ContestWriteBody> = {}, round: Partial<ContestWriteBody["rounds"][number]> = {}): ContestWriteBody => ({
    kind: "contest",
    unitId: tree.tinh.id,
    title: "Cuộc thi tìm hiểu Nghị quyết Đại hội Phụ nữ",
    rules: "Xếp hạng theo số câu đúng, thời gian, dự đoán.",
    ranking: "correct_time_prediction",
    prizeTiers: [{ label: "Giải Nhất", count: 1 }, { label: "Giải Nhì", count: 2 }],
    rounds: [
      {
        title: "Đợt 1",
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
        questionCount: 5,
        timeLimitSeconds: 600,
        maxAttempts: 2,
        prediction: { kind: "perfect_count", prompt: "Có bao nhiêu người trả lời đúng tất cả?" },
        ...round,
      },
    ],
    ...over,
  });

  /** Creates, imports a bank of `bank` questions and (unless told otherwise) publishes; returns the contest. */
  async function contest(body = contestBody(), bank = 12, publish = true, by: Headers = admin.headers): Promise<AdminContest> {
    const res = await inject("POST", "/api/admin/contests", by, body);
    if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
    const c = res.json<AdminContest>();
    for (const r of c.rounds) {
      const imp = await inject("POST", `/api/admin/contests/${c.id}/rounds/${r.id}/import`, by, { fileName: "bank.csv", contentBase64: Buffer.from(bankCsv(bank)).toString("base64") });
      if (imp.statusCode !== 200 || imp.json<{ imported: number }>().imported !== bank) throw new Error(`import failed: ${imp.statusCode} ${imp.body}`);
    }
    if (publish) {
      const p = await inject("POST", `/api/admin/contests/${c.id}/publish`, by);
      if (p.statusCode !== 200) throw new Error(`publish failed: ${p.statusCode} ${p.body}`);
    }
    return c;
  }

  async function start(by: Headers, c: AdminContest, roundIndex = 0): Promise<AttemptView> {
    const res = await inject("POST", `/api/contests/${c.id}/attempts`, by, { roundId: c.rounds[roundIndex]!.id });
    if (res.statusCode !== 201) throw new Error(`start failed: ${res.statusCode} ${res.body}`);
    return res.json<AttemptView>();
  }

  /** Right answers for the questions of an attempt (read from the bank by the test, never from the API). */
  async function rightAnswers(a: AttemptView): Promise<Array<{ questionId: string; choices: number[] }>> {
    const qs = await ctx.deps.db.selectFrom("contest_questions").select(["id", "answer"]).where("id", "in", a.questions.map((q) => q.id)).execute();
    return a.questions.map((q) => ({ questionId: q.id, choices: qs.find((x) => x.id === q.id)!.answer }));
  }

  /** Moves an attempt's clock back: as if she started `seconds` ago (no waiting in tests). */
  async function age(attemptId: string, seconds: number) {
    const a = await ctx.deps.db.selectFrom("contest_attempts").select(["started_at", "deadline"]).where("id", "=", attemptId).executeTakeFirstOrThrow();
    const shift = seconds * 1000;
    await ctx.deps.db
      .updateTable("contest_attempts")
      .set({ started_at: new Date(a.started_at.getTime() - shift), deadline: new Date(a.deadline.getTime() - shift) })
      .where("id", "=", attemptId)
      .execute();
  }

  return { ctx, tree, chiHoiA2, chiHoiB, admin, canBoA, memberA, memberA2, memberB, member, inject, contestBody, contest, start, rightAnswers, age };
}
