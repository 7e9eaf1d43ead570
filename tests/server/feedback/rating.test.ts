import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, primaryAssignment, startPipeline, submitOk, waitUntil, type Login, type World } from "./world.js";

/** Her rating of the answer (issue 13): once, after a resolution, kept with the unit that resolved it. */
describe("rating the answer", () => {
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

  const rate = (who: Login, id: string, payload: Record<string, unknown>) =>
    ctx.app.inject({ method: "POST", url: `/api/submissions/${id}/rating`, headers: who.headers, payload });
  const view = async (who: Login, id: string) => (await ctx.app.inject({ method: "GET", url: `/api/submissions/${id}`, headers: who.headers })).json();

  async function resolvedItem(body: string): Promise<{ id: string; assignmentId: string }> {
    const { id } = await submitOk(ctx, w.woman, { kind: "feedback", category: "viec_lam", body });
    const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, id));
    const r = await ctx.app.inject({ method: "POST", url: `/api/assignments/${a.id}/resolve`, headers: w.staff.xaA.headers, payload: { message: "Đã làm việc với chủ cơ sở, chị được trả đủ lương." } });
    expect(r.statusCode).toBe(200);
    return { id, assignmentId: a.id };
  }

  it("is refused before a resolution, and for someone else's item", async () => {
    const { id } = await submitOk(ctx, w.woman, { kind: "feedback", category: "viec_lam", body: "Chưa được trả lương tháng này." });
    const early = await rate(w.woman, id, { rating: "hai_long" });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("RATING_NOT_OPEN");
    expect((await view(w.woman, id)).ratingOpen).toBe(false);
    const resolved = await resolvedItem("Chưa được trả lương hai tháng.");
    const other = await rate(w.identified, resolved.id, { rating: "chua_hai_long" });
    expect(other.statusCode).toBe(404);
    expect(await ctx.deps.db.selectFrom("submission_ratings").selectAll().where("submission_id", "=", resolved.id).execute()).toEqual([]);
  });

  it("is given once, shown to her, kept with the resolving unit, and counted per unit in the cán bộ's scope only", async () => {
    const { id } = await resolvedItem("Công ty nợ lương ba tháng.");
    expect((await view(w.woman, id)).ratingOpen).toBe(true);
    const ok = await rate(w.woman, id, { rating: "binh_thuong", comment: "  Giải quyết hơi chậm  " });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ rating: "binh_thuong", comment: "Giải quyết hơi chậm" });
    const again = await rate(w.woman, id, { rating: "hai_long" });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("RATING_ALREADY_GIVEN");
    const v = await view(w.woman, id);
    expect(v.rating.rating).toBe("binh_thuong");
    expect(v.ratingOpen).toBe(false);
    const second = await resolvedItem("Lương làm thêm giờ chưa trả.");
    expect((await rate(w.woman, second.id, { rating: "hai_long" })).statusCode).toBe(200);

    const figures = await ctx.app.inject({ method: "GET", url: "/api/ratings/units", headers: w.staff.tinh.headers });
    expect(figures.statusCode).toBe(200);
    const xa = figures.json().items.find((i: { unitId: string }) => i.unitId === w.units.xaA.id);
    expect(xa).toMatchObject({ total: 2, haiLong: 1, binhThuong: 1, chuaHaiLong: 0 });
    expect(JSON.stringify(figures.json())).not.toMatch(/chậm/);
    const elsewhere = await ctx.app.inject({ method: "GET", url: "/api/ratings/units", headers: w.staff.xaB.headers });
    expect(elsewhere.json().items).toEqual([]);
    const notStaff = await ctx.app.inject({ method: "GET", url: "/api/ratings/units", headers: w.woman.headers });
    expect(notStaff.statusCode).toBe(403);
  });
});
