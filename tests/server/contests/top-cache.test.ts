import crypto from "node:crypto";
import type { AttemptView, Leaderboard } from "@hoiso/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEntry } from "../../../server/src/modules/contests/ranking.js";
import { topCacheOf } from "../../../server/src/modules/contests/top-cache.js";
import { contestWorld, type Headers } from "./world.js";

type World = Awaited<ReturnType<typeof contestWorld>>;

/**
 * The whole round's top 100 is kept by the API process (top-cache.ts) and dropped when the database says a write may
 * have changed it (migration 063's triggers): an entry written within the first 100, a name shown on it. A write below
 * the 100th keeps it; this process's own submission drops it at once. To see what is served from memory, the test
 * changes a kept row with the announcing trigger switched off: the board goes on showing the old value until a change
 * that matters is announced.
 */
describe("Thi: the leaderboard's top 100 kept in memory", () => {
  let w: World;
  let contestId = "";
  let roundId = "";
  const at = new Date(Date.now() - 60_000);
  beforeAll(async () => {
    w = await contestWorld();
    const c = await w.contest(w.contestBody({}, { maxAttempts: 3 }), 6);
    contestId = c.id;
    roundId = c.rounds[0]!.id;
  });
  afterAll(async () => {
    await w?.ctx.close();
  });

  const db = () => w.ctx.deps.db;
  const feed = () => topCacheOf(w.ctx.deps).feed;
  const board = async (by: Headers = w.memberB.headers) => (await w.inject("GET", `/api/contests/${contestId}/leaderboard?roundId=${roundId}`, by)).json<Leaderboard>();
  /** Entries written the way another process's submissions are (announced by the triggers, not by this process). */
  const enter = async (rows: Array<{ name: string; correct: number; durationMs: number }>) => {
    await db().transaction().execute(async (tx) => {
      for (const r of rows) {
        const memberId = crypto.randomUUID();
        await tx.insertInto("members").values({ id: memberId, name: r.name, zalo_app_user_id: `top-${memberId}`, zalo_oa_user_id: null, avatar: null, phone: null, unit_id: w.tree.chiHoiA.id, membership_requested_at: null, membership_confirmed_by: null, membership_confirmed_at: null, ethnicity: null, language: null, last_seen_at: null }).execute();
        const a = await tx
          .insertInto("contest_attempts")
          .values({ round_id: roundId, member_id: memberId, number: 1, status: "submitted", question_ids: [], choice_orders: "[]", started_at: new Date(at.getTime() - r.durationMs), deadline: at, submitted_at: at, answers: "{}", correct: r.correct, duration_ms: r.durationMs, prediction: null })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordEntry(tx, "correct_time_prediction", null, { roundId, memberId, attemptId: a.id, xaId: w.tree.xaA.id, chiHoiId: w.tree.chiHoiA.id, correct: r.correct, durationMs: r.durationMs, prediction: null, submittedAt: at });
      }
    });
  };
  /** Changes what a kept row shows without announcing it. */
  const silently = async (name: string, correct: number) => {
    await sql`ALTER TABLE contest_entries DISABLE TRIGGER contest_entries_top_upd`.execute(db());
    try {
      await sql`UPDATE contest_entries SET correct = ${correct} WHERE member_id = (SELECT id FROM members WHERE name = ${name}) AND round_id = ${roundId}`.execute(db());
    } finally {
      await sql`ALTER TABLE contest_entries ENABLE TRIGGER contest_entries_top_upd`.execute(db());
    }
  };
  const shown = async (name: string) => (await board()).top.find((t) => t.name === name)?.correct;

  it("serves the top from memory, drops it for a write within it and for a name on it, keeps it for one below", async () => {
    // 120 entries: the first 100 have 5 or 4 right, the rest 1
    await enter(Array.from({ length: 120 }, (_, i) => ({ name: `Người ${String(i).padStart(3, "0")}`, correct: i < 50 ? 5 : i < 100 ? 4 : 1, durationMs: 1000 + i })));
    await board(); // the first read starts listening
    await feed().barrier();
    expect(feed().live).toBe(true);
    expect(await shown("Người 000")).toBe(5); // loaded while listening: kept

    await silently("Người 000", 3);
    expect(await shown("Người 000")).toBe(5); // from memory

    // below the 100th: announced to nobody, the kept list stays
    await enter([{ name: "Người chậm", correct: 0, durationMs: 5000 }]);
    await feed().barrier();
    expect(await shown("Người 000")).toBe(5);

    // within the first 100: the round's list is dropped and read again
    await enter([{ name: "Người nhanh", correct: 5, durationMs: 500 }]);
    await feed().barrier();
    const fresh = await board();
    expect(fresh.top[0]!.name).toBe("Người nhanh");
    expect(fresh.top.find((t) => t.name === "Người 000")?.correct).toBe(3);
    expect(fresh.total).toBe(122);

    // a name shown on it
    await sql`UPDATE members SET name = 'Người nhanh (đổi tên)' WHERE name = 'Người nhanh'`.execute(db());
    await feed().barrier();
    expect((await board()).top[0]!.name).toBe("Người nhanh (đổi tên)");
  });

  it("her own submission into the top drops it at once, even unannounced", async () => {
    await board();
    await feed().barrier();
    await board();
    await silently("Người 001", 2);
    expect(await shown("Người 001")).toBe(5); // kept
    const a: AttemptView = await w.start(w.memberA.headers, { id: contestId, rounds: [{ id: roundId }] } as Parameters<World["start"]>[1]);
    const answers = await w.rightAnswers(a);
    await sql`ALTER TABLE contest_entries DISABLE TRIGGER contest_entries_top_ins`.execute(db());
    try {
      expect((await w.inject("PUT", `/api/attempts/${a.id}`, w.memberA.headers, { answers })).statusCode).toBe(200);
    } finally {
      await sql`ALTER TABLE contest_entries ENABLE TRIGGER contest_entries_top_ins`.execute(db());
    }
    // five right in under a second of the server's clock: among the first; shown without waiting for any announcement
    const after = await board(w.memberA.headers);
    expect(after.top.some((t) => t.name === "Hội viên A")).toBe(true);
    expect(after.me).toMatchObject({ name: "Hội viên A", me: true });
    expect(after.top.find((t) => t.me)?.rank).toBe(after.me?.rank);
    expect(after.top.find((t) => t.name === "Người 001")?.correct).toBe(2); // read again, not from memory
  });
});
