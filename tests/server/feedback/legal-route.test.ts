import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, primaryAssignment, startPipeline, submitOk, waitUntil, type World } from "./world.js";

/** Khiếu nại / tố cáo (issue 13): closed as such by a cán bộ, with guidance the woman sees. */
describe("closing an item as khiếu nại / tố cáo", () => {
  let ctx: TestContext;
  let w: World;
  let pipeline: ReturnType<typeof startPipeline>;
  beforeAll(async () => {
    ctx = await createTestContext();
    w = await buildWorld(ctx);
    pipeline = startPipeline(ctx.deps);
  });
  afterAll(async () => {
    await pipeline?.workers.stop(5000);
    await ctx?.close();
  });

  it("closes every assignment, asks no follow-up, and shows her the law and the cán bộ's note", async () => {
    const { id } = await submitOk(ctx, w.woman, { kind: "feedback", category: "dat_dai", body: "UBND xã thu hồi đất nhà tôi không đúng." });
    const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, id));
    const outside = await ctx.app.inject({ method: "POST", url: `/api/assignments/${a.id}/legal`, headers: w.staff.xaB.headers, payload: { route: "khieu_nai" } });
    expect(outside.statusCode).toBe(403);
    const res = await ctx.app.inject({
      method: "POST",
      url: `/api/assignments/${a.id}/legal`,
      headers: w.staff.xaA.headers,
      payload: { route: "khieu_nai", note: "Chị nộp đơn tại Bộ phận tiếp công dân UBND xã Bảo Thắng; Hội sẽ giúp chị viết đơn." },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().submissionStatus).toBe("closed");
    const open = await ctx.deps.db.selectFrom("assignments").select("id").where("submission_id", "=", id).where("closed", "=", false).where("resolved_at", "is", null).execute();
    expect(open).toEqual([]);
    const view = (await ctx.app.inject({ method: "GET", url: `/api/submissions/${id}`, headers: w.woman.headers })).json();
    expect(view.legalRoute).toBe("khieu_nai");
    expect(view.ratingOpen).toBe(false);
    expect(view.followUpOpen).toBe(false);
    const entry = view.timeline.find((e: { type: string }) => e.type === "legal_route");
    expect(entry.message).toMatch(/Luật Khiếu nại 2011/);
    expect(entry.message).toMatch(/Bộ phận tiếp công dân UBND xã Bảo Thắng/);
    const told = await ctx.deps.db.selectFrom("deliveries").select(["type"]).where("source_id", "=", id).where("recipient_id", "=", w.woman.memberId).where("type", "=", "feedback.author.legalRoute").execute();
    expect(told.length).toBeGreaterThan(0);
    const again = await ctx.app.inject({ method: "POST", url: `/api/assignments/${a.id}/legal`, headers: w.staff.xaA.headers, payload: { route: "to_cao" } });
    expect(again.statusCode).toBe(409);
  });
});
