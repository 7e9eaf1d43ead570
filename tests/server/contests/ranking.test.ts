import crypto from "node:crypto";
import fc from "fast-check";
import { RANKING_RULES, type AdminContest, type Leaderboard, type RankedEntry } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardOf, finalizeRound, rankOf, recordEntry, standingOf, topOf, upToRank } from "../../../server/src/modules/contests/ranking.js";
import { referenceCompare, referenceRanks, referenceSort } from "../../helpers/contest-reference.js";
import { contestWorld } from "./world.js";

type World = Awaited<ReturnType<typeof contestWorld>>;

/**
 * Both published ranking orders, resolved by the database exactly as a simple reference sort does: random attempts
 * (with many ties on every field) are recorded through the same code a submission uses; the top of the board and every
 * member's rank are compared with the reference — while the round is open (prediction unknown) and after it closes
 * (prediction measured against the real figure, and each member's best attempt chosen again). Entries tied on every
 * step of the rule share a rank; the member id only orders the list.
 */
describe("Thi: ranking in the database", () => {
  let w: World;
  let members: string[];
  beforeAll(async () => {
    w = await contestWorld();
    members = [];
    for (let i = 0; i < 30; i++) {
      const id = crypto.randomUUID();
      await w.ctx.deps.db.insertInto("members").values({ id, name: `Người thi ${i}`, zalo_app_user_id: `rank-${i}`, zalo_oa_user_id: null, avatar: null, phone: null, unit_id: w.tree.chiHoiA.id, membership_requested_at: null, membership_confirmed_by: null, membership_confirmed_at: null, ethnicity: null, language: null, last_seen_at: null }).execute();
      members.push(id);
    }
    members.sort();
  });
  afterAll(async () => {
    await w?.ctx.close();
  });

  const attempt = fc.record({
    correct: fc.integer({ min: 0, max: 5 }),
    // bucket edges among them (powers of two for the coarse buckets, 65,536 × 2^(1/256) ≈ 65,713.7 for a fine one), so
    // the bucketed rank is tried where it is easiest to get wrong
    durationMs: fc.constantFrom(0, 1000, 2000, 3000, 65_535, 65_536, 65_537, 65_713, 65_714, 900_000),
    prediction: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
    submittedAtMs: fc.integer({ min: 0, max: 2 }).map((x) => 1_790_000_000_000 + x),
  });
  const play = fc.array(fc.tuple(fc.integer({ min: 0, max: 29 }), attempt), { minLength: 1, maxLength: 45 });
  type Play = [number, { correct: number; durationMs: number; prediction: number | null; submittedAtMs: number }];
  /**
   * Found by this property (one run in about forty): two times in one bucket of k2 and a better prediction on the
   * slower one. Her rank once compared (k1, bucket k2, bucket k3) as a whole and counted the slower one ahead of her.
   */
  const sameTimeBucket: Play[] = [
    [0, { correct: 2, durationMs: 65_536, prediction: null, submittedAtMs: 1_790_000_000_000 }],
    [1, { correct: 2, durationMs: 65_537, prediction: 0, submittedAtMs: 1_790_000_000_000 }],
    [0, { correct: 0, durationMs: 0, prediction: null, submittedAtMs: 1_790_000_000_000 }],
  ];
  /**
   * Tied on every step of the rule, open and closed (same score, time and second; predictions 1 and 3 are equally far
   * from a figure of 2 once two members answered everything): they share rank 1, and the one after them is third.
   */
  const fullTie: Play[] = [
    [3, { correct: 5, durationMs: 2000, prediction: 1, submittedAtMs: 1_790_000_000_001 }],
    [4, { correct: 5, durationMs: 2000, prediction: 3, submittedAtMs: 1_790_000_000_001 }],
    [5, { correct: 4, durationMs: 1000, prediction: 2, submittedAtMs: 1_790_000_000_000 }],
  ];

  for (const rule of RANKING_RULES) {
    it(`${rule}: top and every rank match the reference, before and after the close`, async () => {
      await fc.assert(
        fc.asyncProperty(play, async (plays) => {
          const c: AdminContest = await w.contest(w.contestBody({ ranking: rule }, { maxAttempts: 50 }), 5);
          const roundId = c.rounds[0]!.id;
          const byMember = new Map<string, RankedEntry[]>();
          const n = new Map<string, number>();
          await w.ctx.deps.db.transaction().execute(async (tx) => {
            for (const [who, a] of plays) {
              const memberId = members[who]!;
              const number = (n.get(memberId) ?? 0) + 1;
              n.set(memberId, number);
              const at = new Date(a.submittedAtMs);
              const row = await tx
                .insertInto("contest_attempts")
                .values({ round_id: roundId, member_id: memberId, number, status: "submitted", question_ids: [], choice_orders: "[]", started_at: new Date(at.getTime() - a.durationMs), deadline: at, submitted_at: at, answers: "{}", correct: a.correct, duration_ms: a.durationMs, prediction: a.prediction })
                .returning("id")
                .executeTakeFirstOrThrow();
              await recordEntry(tx, rule, null, { roundId, memberId, attemptId: row.id, xaId: w.tree.xaA.id, chiHoiId: w.tree.chiHoiA.id, correct: a.correct, durationMs: a.durationMs, prediction: a.prediction, submittedAt: at });
              byMember.set(memberId, [...(byMember.get(memberId) ?? []), { memberId, ...a }]);
            }
          });
          const check = async (actual: number | null) => {
            const best = [...byMember.values()].map((list) => [...list].sort(referenceCompare(rule, actual))[0]!);
            const want = referenceSort(rule, best, actual);
            const ranks = referenceRanks(rule, best, actual);
            const top = await topOf(w.ctx.deps.db, roundId, { kind: "all" }, 100);
            expect(top.map((t) => t.memberId)).toEqual(want);
            expect(top.map((t) => t.correct)).toEqual(want.map((id) => best.find((b) => b.memberId === id)!.correct));
            expect(top.map((t) => t.rank)).toEqual(want.map((id) => ranks.get(id)));
            // every member's rank (the bucketed count her standing, her result and the board share) and the total
            for (const id of want) expect([id, await standingOf(w.ctx.deps.db, roundId, id, { kind: "all" })]).toEqual([id, { rank: ranks.get(id), of: want.length }]);
            // the leaderboard's one statement (top, her row and rank, the total) and rankOf, for the first, middle and last
            for (const i of new Set([0, want.length >> 1, want.length - 1])) {
              const id = want[i]!;
              const board = await boardOf(w.ctx.deps.db, roundId, id, { kind: "all" }, 3);
              expect([id, board.top.map((t) => [t.memberId, t.rank]), board.me?.rank, board.me?.memberId, board.total]).toEqual([id, want.slice(0, 3).map((m) => [m, ranks.get(m)]), ranks.get(id), id, want.length]);
              expect(await rankOf(w.ctx.deps.db, roundId, id, { kind: "all" })).toBe(ranks.get(id));
            }
            // who prizes covering ranks 1…n go to: everyone ranked n or better, ties on the last rank included
            for (const n of [1, 2, 3]) expect((await upToRank(w.ctx.deps.db, roundId, n)).map((t) => [t.memberId, t.rank])).toEqual(want.filter((id) => ranks.get(id)! <= n).map((id) => [id, ranks.get(id)]));
            return best;
          };
          await check(null);
          const { actual } = await w.ctx.deps.db.transaction().execute((tx) => finalizeRound(tx, roundId, new Date()));
          const perfect = [...byMember.values()].filter((list) => list.some((a) => a.correct === 5)).length;
          expect(actual).toBe(perfect);
          await check(actual);
        }),
        { numRuns: 30, examples: [[sameTimeBucket], [fullTie]] },
      );
    });
  }

  it("boards by commune and chi hội, her own row far from the top, and the collective board", async () => {
    const c = await w.contest(w.contestBody({}, { maxAttempts: 1 }), 5);
    const roundId = c.rounds[0]!.id;
    const results: Array<[typeof w.memberA, number]> = [[w.memberA, 5], [w.memberA2, 3], [w.memberB, 4]];
    for (const [m, right] of results) {
      const a = await w.start(m.headers, c);
      const answers = (await w.rightAnswers(a)).slice(0, right);
      expect((await w.inject("PUT", `/api/attempts/${a.id}`, m.headers, { answers })).statusCode).toBe(200);
    }
    const all = (await w.inject("GET", `/api/contests/${c.id}/leaderboard?roundId=${roundId}`, w.memberA2.headers)).json<Leaderboard>();
    expect(all.top.map((t) => [t.rank, t.name, t.correct])).toEqual([[1, "Hội viên A", 5], [2, "Hội viên B", 4], [3, "Hội viên A2", 3]]);
    expect(all.me).toMatchObject({ rank: 3, me: true });
    expect(all.total).toBe(3);
    const xa = (await w.inject("GET", `/api/contests/${c.id}/leaderboard?roundId=${roundId}&scope=xa`, w.memberA2.headers)).json<Leaderboard>();
    expect(xa.top.map((t) => t.name)).toEqual(["Hội viên A", "Hội viên A2"]);
    expect(xa.me?.rank).toBe(2);
    const chi = (await w.inject("GET", `/api/contests/${c.id}/leaderboard?roundId=${roundId}&scope=chi_hoi`, w.memberA2.headers)).json<Leaderboard>();
    expect(chi.top.map((t) => [t.rank, t.name])).toEqual([[1, "Hội viên A2"]]);
    const units = (await w.inject("GET", `/api/contests/${c.id}/leaderboard?roundId=${roundId}&scope=units`, w.memberB.headers)).json<Leaderboard>();
    const rows = Object.fromEntries(units.units.map((u) => [u.unitName, u]));
    expect(rows["Xã Bảo Thắng"]).toMatchObject({ participants: 2, entries: 2 });
    expect(rows["Phường Sa Pa"]).toMatchObject({ participants: 1, entries: 1, mine: true });
    for (const u of units.units) expect(u.rate).toBeCloseTo(u.participants / u.members);
  });
});
