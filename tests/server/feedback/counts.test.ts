import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, primaryAssignment, startPipeline, submitOk, waitUntil, type Login, type World } from "./world.js";

/** GET /api/inbox/counts: the Cán bộ page's two numbers in one call, always agreeing with the inbox list. */
describe("inbox counts", () => {
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

  const get = (who: Login, url: string) => ctx.app.inject({ method: "GET", url, headers: who.headers });
  const counts = async (who: Login) => {
    const res = await get(who, "/api/inbox/counts");
    expect(res.statusCode).toBe(200);
    return res.json<{ open: number; overdue: number }>();
  };
  const listed = async (who: Login, query: string) => (await get(who, `/api/inbox?${query}`)).json<{ total: number }>().total;

  it("counts what the open and overdue filters list, per cán bộ's scope, and follows resolving and lateness", async () => {
    expect(await counts(w.staff.xaA)).toEqual({ open: 0, overdue: 0 });

    const sent = [];
    for (const body of ["Đường vào thôn bị sạt lở.", "Trạm y tế thiếu thuốc.", "Chưa có nước sạch."]) {
      sent.push(await submitOk(ctx, w.woman, { kind: "feedback", category: "dat_dai", body }));
    }
    const assignments = await Promise.all(sent.map((s) => waitUntil(`routing of ${s.id}`, () => primaryAssignment(ctx.deps, s.id))));
    // Routed: stop the workers so the late item is not escalated to the province while we count.
    await pipeline.workers.stop(5000);
    await ctx.deps.db.updateTable("assignments").set({ due_at: new Date(Date.now() - 3_600_000) }).where("id", "=", assignments[0]!.id).execute();

    const xa = await counts(w.staff.xaA);
    expect(xa).toEqual({ open: 3, overdue: 1 });
    expect(xa).toEqual({ open: await listed(w.staff.xaA, "status=open"), overdue: await listed(w.staff.xaA, "status=open&overdue=true") });
    // The other commune's cán bộ sees none of it; the province sees it all.
    expect(await counts(w.staff.xaB)).toEqual({ open: 0, overdue: 0 });
    expect(await counts(w.staff.tinh)).toEqual({ open: 3, overdue: 1 });
    expect(await counts(w.staff.tinh)).toEqual({ open: await listed(w.staff.tinh, "status=open"), overdue: await listed(w.staff.tinh, "status=open&overdue=true") });

    const done = await ctx.app.inject({
      method: "POST",
      url: `/api/assignments/${assignments[0]!.id}/resolve`,
      headers: w.staff.xaA.headers,
      payload: { message: "Xã đã cho san lại đường." },
    });
    expect(done.statusCode).toBe(200);
    expect(await counts(w.staff.xaA)).toEqual({ open: 2, overdue: 0 });
  });

  it("is for cán bộ only", async () => {
    const res = await get(w.woman, "/api/inbox/counts");
    expect(res.statusCode).toBe(403);
    expect((await ctx.app.inject({ method: "GET", url: "/api/inbox/counts" })).statusCode).toBe(401);
  });
});
