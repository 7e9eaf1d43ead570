import type { AttemptResult, AttemptView, ContestList, QuizList } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../../scripts/seed/demo.js";
import { seed } from "../../../scripts/seed/seed.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin } from "../../helpers/fixtures.js";

describe("sample Thi data", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("is never seeded without --demo", async () => {
    await seed(t.deps.db, { demo: false });
    expect(await t.deps.db.selectFrom("contests").select("id").execute()).toEqual([]);
  });

  it("is seeded with --demo once: a contest whose first round is open, playable, and a practice quiz", async () => {
    await seed(t.deps.db, { demo: true });
    await seed(t.deps.db, { demo: true });
    expect(await t.deps.db.selectFrom("contests").select("sample").execute()).toEqual([{ sample: true }, { sample: true }]);
    const account = DEMO_ACCOUNTS.hoiVien;
    const { headers } = await devLogin(t.app, account.name, account.zaloId);
    const list = (await t.app.inject({ method: "GET", url: "/api/contests", headers })).json<ContestList>();
    expect(list.items).toHaveLength(1);
    const c = list.items[0]!;
    expect(c.rounds.map((r) => r.phase)).toEqual(["open", "upcoming"]);
    const start = await t.app.inject({ method: "POST", url: `/api/contests/${c.id}/attempts`, headers, payload: { roundId: c.rounds[0]!.id } });
    expect(start.statusCode).toBe(201);
    const a = start.json<AttemptView>();
    const put = await t.app.inject({ method: "PUT", url: `/api/attempts/${a.id}`, headers, payload: { answers: [], prediction: 3 } });
    expect(put.json<AttemptResult>()).toMatchObject({ correct: 0, total: 5, rank: { rank: 1, of: 1 } });
    const quizzes = (await t.app.inject({ method: "GET", url: "/api/quizzes", headers })).json<QuizList>();
    expect(quizzes.items.map((q) => q.bankSize)).toEqual([10]);
  });
});
