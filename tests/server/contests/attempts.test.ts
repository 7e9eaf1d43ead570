import type { AttemptResult, AttemptView, ContestDetail, MyRoundResult } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contestWorld } from "./world.js";

type World = Awaited<ReturnType<typeof contestWorld>>;

describe("Thi: what the server guarantees about an attempt", () => {
  let w: World;
  beforeAll(async () => {
    w = await contestWorld();
  });
  afterAll(async () => {
    await w?.ctx.close();
  });

  const snapshot = async () => ({
    attempts: await w.ctx.deps.db.selectFrom("contest_attempts").selectAll().orderBy("id").execute(),
    entries: await w.ctx.deps.db.selectFrom("contest_entries").selectAll().orderBy("member_id").execute(),
  });

  it("sends the questions without their answers, drawn and shuffled, with the server's deadline", async () => {
    const c = await w.contest();
    const before = Date.now();
    const res = await w.inject("POST", `/api/contests/${c.id}/attempts`, w.memberA.headers, { roundId: c.rounds[0]!.id });
    expect(res.statusCode).toBe(201);
    const a = res.json<AttemptView>();
    expect(a.questions).toHaveLength(5);
    expect(new Set(a.questions.map((q) => q.id)).size).toBe(5);
    // nothing in the answer that would tell the right choice or explain it
    const bank = await w.ctx.deps.db.selectFrom("contest_questions").select(["id", "explanation", "answer"]).where("round_id", "=", c.rounds[0]!.id).execute();
    for (const q of bank) expect(res.body).not.toContain(q.explanation);
    expect(res.body).not.toMatch(/"(answer|answers|explanation|correct|right)"/);
    for (const q of a.questions) expect(Object.keys(q).sort()).toEqual(["choices", "id", "imageMediaId", "multiple", "prompt"]);
    for (const q of a.questions) expect(q.choices.map((ch) => ch.index).sort()).toEqual([0, 1, 2]);
    const deadline = new Date(a.deadline).getTime();
    expect(deadline).toBeGreaterThanOrEqual(before + 600_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 600_000);
    expect(a.prediction?.kind).toBe("perfect_count");
  });

  it("draws each attempt at random: which questions, their order and the order of each question's choices", async () => {
    const c = await w.contest(); // 5 of a bank of 12, three choices each
    const drawn = [];
    for (const m of [w.memberA, w.memberA2, w.memberB]) drawn.push(await w.start(m.headers, c));
    // the same five in the same order for all three: about 1 in 10^10 when drawn at random
    expect(new Set(drawn.map((a) => a.questions.map((q) => q.id).join())).size).toBeGreaterThan(1);
    // every one of the fifteen questions showing its choices as written (A, B, C): (1/6)^15 when shuffled
    const orders = drawn.flatMap((a) => a.questions.map((q) => q.choices.map((ch) => ch.index).join()));
    expect(orders.filter((o) => o !== "0,1,2").length).toBeGreaterThan(0);
  });

  it("resumes the same attempt after a dropped connection, and refuses a second open one", async () => {
    const c = await w.contest();
    const a = await w.start(w.memberA.headers, c);
    const before = await snapshot();
    const again = await w.inject("POST", `/api/contests/${c.id}/attempts`, w.memberA.headers, { roundId: c.rounds[0]!.id });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "CONTEST_ATTEMPT_OPEN", field: a.id, message: expect.stringMatching(/^Chị đang có một bài thi chưa nộp/) as unknown });
    expect(await snapshot()).toEqual(before);
    const resumed = await w.inject("GET", `/api/attempts/${a.id}`, w.memberA.headers);
    expect(resumed.statusCode).toBe(200);
    const r = resumed.json<AttemptView>();
    expect(r.questions).toEqual(a.questions);
    expect(r.deadline).toBe(a.deadline);
    const detail = (await w.inject("GET", `/api/contests/${c.id}`, w.memberA.headers)).json<ContestDetail>();
    expect(detail.rounds[0]!.mine.openAttemptId).toBe(a.id);
    expect(detail.ranking).toBe("correct_time_prediction");
  });

  it("an attempt belongs to her: another member can neither read nor submit it", async () => {
    const c = await w.contest();
    const a = await w.start(w.memberA.headers, c);
    const before = await snapshot();
    expect((await w.inject("GET", `/api/attempts/${a.id}`, w.memberB.headers)).statusCode).toBe(404);
    const put = await w.inject("PUT", `/api/attempts/${a.id}`, w.memberB.headers, { answers: await w.rightAnswers(a) });
    expect([put.statusCode, put.json().code]).toEqual([404, "CONTEST_ATTEMPT_NOT_FOUND"]);
    expect(await snapshot()).toEqual(before);
  });

  it("scores on the server and refuses answers to questions not in the attempt, with nothing changed", async () => {
    const c = await w.contest();
    const a = await w.start(w.memberA2.headers, c);
    const others = await w.ctx.deps.db.selectFrom("contest_questions").select("id").where("round_id", "=", c.rounds[0]!.id).where("id", "not in", a.questions.map((q) => q.id)).execute();
    const before = await snapshot();
    const foreign = await w.inject("PUT", `/api/attempts/${a.id}`, w.memberA2.headers, { answers: [{ questionId: others[0]!.id, choices: [0] }] });
    expect([foreign.statusCode, foreign.json().code]).toEqual([400, "CONTEST_ANSWERS_INVALID"]);
    const twice = await w.inject("PUT", `/api/attempts/${a.id}`, w.memberA2.headers, { answers: [{ questionId: a.questions[0]!.id, choices: [0] }, { questionId: a.questions[0]!.id, choices: [1] }] });
    expect(twice.json().code).toBe("CONTEST_ANSWERS_INVALID");
    const noChoice = await w.inject("PUT", `/api/attempts/${a.id}`, w.memberA2.headers, { answers: [{ questionId: a.questions[0]!.id, choices: [5] }] });
    expect(noChoice.json().code).toBe("CONTEST_ANSWERS_INVALID");
    expect(await snapshot()).toEqual(before);

    const answers = await w.rightAnswers(a);
    answers[0] = { questionId: answers[0]!.questionId, choices: [1] }; // one wrong
    const res = await w.inject("PUT", `/api/attempts/${a.id}`, w.memberA2.headers, { answers, prediction: 7 });
    expect(res.statusCode).toBe(200);
    const r = res.json<AttemptResult>();
    expect([r.correct, r.total, r.best]).toEqual([4, 5, true]);
    expect(r.rank.rank).toBeGreaterThanOrEqual(1);
    const done = await w.inject("PUT", `/api/attempts/${a.id}`, w.memberA2.headers, { answers });
    expect([done.statusCode, done.json().code]).toEqual([409, "CONTEST_ATTEMPT_DONE"]);
  });

  it("measures time from the server's start: late beyond the grace is refused, within it counts at the limit", async () => {
    const c = await w.contest(w.contestBody({}, { timeLimitSeconds: 60, maxAttempts: 3 }));
    const late = await w.start(w.memberB.headers, c);
    await w.age(late.id, 60 + 16); // deadline passed 16 s ago: beyond the 15 s grace
    const before = await snapshot();
    const res = await w.inject("PUT", `/api/attempts/${late.id}`, w.memberB.headers, { answers: await w.rightAnswers(late) });
    expect([res.statusCode, res.json().code]).toEqual([409, "CONTEST_ATTEMPT_LATE"]);
    expect(await snapshot()).toEqual(before);

    // the late one expires when she starts again, and counts as used
    const inGrace = await w.start(w.memberB.headers, c);
    expect(inGrace.number).toBe(2);
    await w.age(inGrace.id, 60 + 5);
    const ok = await w.inject("PUT", `/api/attempts/${inGrace.id}`, w.memberB.headers, { answers: await w.rightAnswers(inGrace) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<AttemptResult>()).toMatchObject({ correct: 5, durationMs: 60_000 });
    const me = (await w.inject("GET", `/api/contests/${c.id}/me?roundId=${c.rounds[0]!.id}`, w.memberB.headers)).json<MyRoundResult>();
    expect(me.attempts.map((a) => a.status)).toEqual(["expired", "submitted"]);
    expect(me.review).toBeNull(); // the round is still open
  });

  it("limits attempts per round and counts the best one", async () => {
    const c = await w.contest(w.contestBody({}, { maxAttempts: 2 }));
    const first = await w.start(w.memberA.headers, c);
    const some = (await w.rightAnswers(first)).slice(0, 2);
    expect((await w.inject("PUT", `/api/attempts/${first.id}`, w.memberA.headers, { answers: some })).json<AttemptResult>().correct).toBe(2);
    const second = await w.start(w.memberA.headers, c);
    const r2 = (await w.inject("PUT", `/api/attempts/${second.id}`, w.memberA.headers, { answers: await w.rightAnswers(second) })).json<AttemptResult>();
    expect([r2.correct, r2.best]).toEqual([5, true]);
    const before = await snapshot();
    const third = await w.inject("POST", `/api/contests/${c.id}/attempts`, w.memberA.headers, { roundId: c.rounds[0]!.id });
    expect([third.statusCode, third.json().code]).toEqual([409, "CONTEST_ATTEMPTS_USED"]);
    expect(await snapshot()).toEqual(before);
    const me = (await w.inject("GET", `/api/contests/${c.id}/me?roundId=${c.rounds[0]!.id}`, w.memberA.headers)).json<MyRoundResult>();
    expect(me.best).toMatchObject({ correct: 5, total: 5 });
    expect(me.ranks.all).toEqual({ rank: 1, of: 1 });
    expect(me.ranks.xa).toEqual({ rank: 1, of: 1 });
  });

  it("refuses a closed round and one not yet open; after the close her review shows what she got wrong", async () => {
    const c = await w.contest();
    const a = await w.start(w.memberA.headers, c);
    const answers = await w.rightAnswers(a);
    answers[1] = { questionId: answers[1]!.questionId, choices: [1] };
    expect((await w.inject("PUT", `/api/attempts/${a.id}`, w.memberA.headers, { answers, prediction: 0 })).statusCode).toBe(200);
    const open = await w.start(w.memberA2.headers, c);
    const close = await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${c.rounds[0]!.id}/close`, w.admin.headers);
    expect(close.statusCode).toBe(200);
    expect(close.json()).toEqual({ predictionActual: 0 });
    const before = await snapshot();
    // her attempt was open when the organisers closed the round: she is told the round is closed
    const late = await w.inject("PUT", `/api/attempts/${open.id}`, w.memberA2.headers, { answers: await w.rightAnswers(open) });
    expect([late.statusCode, late.json().code]).toEqual([409, "CONTEST_ROUND_CLOSED"]);
    const start = await w.inject("POST", `/api/contests/${c.id}/attempts`, w.memberB.headers, { roundId: c.rounds[0]!.id });
    expect([start.statusCode, start.json().code]).toEqual([409, "CONTEST_ROUND_CLOSED"]);
    expect(await snapshot()).toEqual(before);
    const me = (await w.inject("GET", `/api/contests/${c.id}/me?roundId=${c.rounds[0]!.id}`, w.memberA.headers)).json<MyRoundResult>();
    expect(me.phase).toBe("closed");
    expect(me.review).toHaveLength(5);
    const wrong = me.review!.filter((q) => !q.right);
    expect(wrong).toHaveLength(1);
    expect(wrong[0]!.picked).toEqual([1]);
    expect(wrong[0]!.explanation).toMatch(/^Vì \d+$/);

    const later = await w.contest(w.contestBody({}, { opensAt: new Date(Date.now() + 86400_000).toISOString(), closesAt: new Date(Date.now() + 2 * 86400_000).toISOString() }));
    const early = await w.inject("POST", `/api/contests/${later.id}/attempts`, w.memberA.headers, { roundId: later.rounds[0]!.id });
    expect([early.statusCode, early.json().code]).toEqual([409, "CONTEST_ROUND_NOT_OPEN"]);
  });

  it("shows members only published contests for their unit", async () => {
    const draft = await w.contest(w.contestBody({ title: "Bản nháp" }), 6, false);
    const forB = await w.contest(w.contestBody({ title: "Chỉ xã B", unitId: w.tree.xaB.id }));
    const listA = (await w.inject("GET", "/api/contests", w.memberA.headers)).json<{ items: Array<{ id: string }> }>().items.map((c) => c.id);
    expect(listA).not.toContain(draft.id);
    expect(listA).not.toContain(forB.id);
    const listB = (await w.inject("GET", "/api/contests", w.memberB.headers)).json<{ items: Array<{ id: string }> }>().items.map((c) => c.id);
    expect(listB).toContain(forB.id);
    const start = await w.inject("POST", `/api/contests/${forB.id}/attempts`, w.memberA.headers, { roundId: forB.rounds[0]!.id });
    expect(start.statusCode).toBe(404);
    // a cán bộ of xã A cannot organise for the province or read xã B's contest
    const out = await w.inject("POST", "/api/admin/contests", w.canBoA.headers, w.contestBody());
    expect(out.statusCode).toBe(403);
    expect((await w.inject("GET", `/api/admin/contests/${forB.id}`, w.canBoA.headers)).statusCode).toBe(404);
  });
});
