import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalateAssignment, routeSubmission } from "../../../server/src/modules/feedback/pipeline.js";
import { escalateQueue, jobIds, routeJobOptions, routeQueue } from "../../../server/src/modules/feedback/queues.js";
import { sweep } from "../../../server/src/modules/feedback/jobs.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { queueBackends } from "../../helpers/services.js";
import { buildWorld, countRows, primaryAssignment, startPipeline, submitOk, waitUntil, type World } from "./world.js";

const backends = await queueBackends();

describe.each(backends)("forwarding pipeline on the %s queue backend", (backend) => {
  let ctx: TestContext;
  let w: World;
  let pipeline: ReturnType<typeof startPipeline>;

  beforeAll(async () => {
    ctx = await createTestContext({ backend });
    w = await buildWorld(ctx);
    pipeline = startPipeline(ctx.deps);
  });
  afterAll(async () => {
    await pipeline?.workers.stop(5000);
    await ctx?.close();
  });

  const routed = (id: string) => waitUntil(`routing of ${id}`, () => primaryAssignment(ctx.deps, id));

  it("forwards a submission to the responsible level and notifies its cán bộ and the woman", async () => {
    const before = Date.now();
    const { id, trackingCode } = await submitOk(ctx, w.woman, { kind: "feedback", category: "viec_lam", body: "Chị em trong thôn cần học nghề may để có việc làm." });
    expect(trackingCode).toMatch(/^PA-[2-9A-Z]{7}$/);
    const a = await routed(id);
    expect(a.unit_id).toBe(w.units.xaA.id); // việc làm is handled by the xã; she belongs to a chi hội under it
    expect(a.due_at.getTime()).toBeGreaterThanOrEqual(before + 120 * 3_600_000 - 1000);
    const s = await ctx.deps.db.selectFrom("submissions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(s.queued_at).not.toBeNull();
    expect(s.routed_at).not.toBeNull();
    expect(s.status).toBe("forwarded");
    expect(s.origin_unit_id).toBe(w.units.chiA1.id);

    const events = await ctx.deps.db.selectFrom("submission_events").select(["type", "message_type", "params"]).where("submission_id", "=", id).orderBy("id").execute();
    expect(events.map((e) => e.type)).toEqual(["received", "forwarded"]);
    expect(events[1]).toMatchObject({ message_type: "feedback.event.routed", params: { unit: "Xã Bảo Thắng" } });

    type Note = { source: { module: string; id: string; link: string }; text: string };
    const staffNotes = await ctx.app.inject({ method: "GET", url: "/api/notifications", headers: w.staff.xaA.headers });
    const note = staffNotes.json().items.find((n: Note) => n.source.id === id);
    // the cán bộ opens her assignment; the text names the item by its code, never the woman
    expect(note.source).toEqual({ module: "feedback", id, link: `/can-bo/hop-viec/${a.id}` });
    expect(note.text).toContain(trackingCode);
    const hers = (await ctx.app.inject({ method: "GET", url: "/api/notifications", headers: w.woman.headers })).json().items.find((n: Note) => n.source.id === id);
    expect(hers.source.link).toBe(`/phan-anh/theo-doi/${id}`);
    expect(hers.text).toContain("đã được chuyển đến Xã Bảo Thắng");
    // nobody else at another unit was told
    for (const other of [w.staff.chiA1, w.staff.tinh, w.staff.xaB]) {
      const r = await ctx.app.inject({ method: "GET", url: "/api/notifications", headers: other.headers });
      expect(r.json().items.some((n: Note) => n.source.id === id)).toBe(false);
    }
  });

  it("routes by level: a chi hội matter stays at her chi hội, an origin above the level keeps it, a tổ goes up to its chi hội", async () => {
    const own = await submitOk(ctx, w.woman, { kind: "feedback", category: "gop_y_hoi", body: "Đề nghị chi hội sinh hoạt vào buổi tối." });
    const above = await submitOk(ctx, w.woman, { kind: "feedback", category: "gop_y_hoi", body: "Góp ý cho Hội xã.", unitId: w.units.xaA.id });
    const below = await submitOk(ctx, w.woman, { kind: "feedback", category: "gop_y_hoi", body: "Góp ý cho tổ.", unitId: w.units.toA1a.id });
    expect((await routed(own.id)).unit_id).toBe(w.units.chiA1.id);
    expect((await routed(above.id)).unit_id).toBe(w.units.xaA.id);
    expect((await routed(below.id)).unit_id).toBe(w.units.chiA1.id);
  });

  it("sends a private category to the xã, never to her chi hội, and marks it sensitive", async () => {
    const { id } = await submitOk(ctx, w.woman, { kind: "report", category: "bao_luc", body: "Chồng tôi thường xuyên đánh tôi." });
    expect((await routed(id)).unit_id).toBe(w.units.xaA.id);
    const s = await ctx.deps.db.selectFrom("submissions").select(["sensitive"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(s.sensitive).toBe(true);
  });

  it("follows an admin's routing rule for a subtree, and only there", async () => {
    const rule = await ctx.app.inject({
      method: "POST",
      url: "/api/admin/routing-rules",
      headers: w.admin.headers,
      payload: { category: "dat_dai", originUnitId: w.units.xaB.id, targetLevel: "tinh", slaHours: 48 },
    });
    expect(rule.statusCode).toBe(200);
    const inB = await submitOk(ctx, w.womanB, { kind: "feedback", category: "dat_dai", body: "Rác thải đổ ra suối.", unitId: w.units.chiB1.id });
    const inA = await submitOk(ctx, w.woman, { kind: "feedback", category: "dat_dai", body: "Rác thải đổ ra suối.", unitId: w.units.chiA1.id });
    const aB = await routed(inB.id);
    expect(aB.unit_id).toBe(w.units.tinh.id);
    expect(aB.sla_hours).toBe(48);
    expect((await routed(inA.id)).unit_id).toBe(w.units.xaA.id);
  });

  it("running the same route and escalate job twice changes nothing the second time", async () => {
    const { id } = await submitOk(ctx, w.woman, { kind: "feedback", category: "y_te", body: "Trạm y tế thiếu thuốc." });
    const a = await routed(id);
    await waitUntil("deliveries settle", async () => (await countRows(ctx.deps)).deliveries > 0);
    const snapshot = async () => ({
      rows: await countRows(ctx.deps),
      assignments: await ctx.deps.db.selectFrom("assignments").selectAll().where("submission_id", "=", id).orderBy("id").execute(),
      submission: await ctx.deps.db.selectFrom("submissions").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
    });
    const before = await snapshot();
    expect(await routeSubmission(ctx.deps, id)).toBe("already-routed");
    // and through the queue, with the same job id: deduplicated or a no-op
    const again = await routeQueue.add(ctx.deps.queues, "route", { submissionId: id }, routeJobOptions(id));
    // Wait until that job is finished (or was the kept, finished original), not for a while: then compare.
    await waitUntil("the repeated route job to finish", async () => {
      const job = await routeQueue.on(ctx.deps.queues).getJob(again.id ?? jobIds.route(id));
      const state = job ? await job.getState() : "gone";
      return state === "completed" || state === "failed" || state === "gone";
    });
    expect(await snapshot()).toEqual(before);

    // escalation: make it overdue, run it twice
    const past = new Date(Date.now() - 60_000);
    await ctx.deps.db.updateTable("assignments").set({ due_at: past }).where("id", "=", a.id).execute();
    const [first, second] = [await escalateAssignment(ctx.deps, a.id), await escalateAssignment(ctx.deps, a.id)];
    expect([first, second]).toEqual(["escalated", "no-op"]);
    const afterOnce = await snapshot();
    expect(await escalateAssignment(ctx.deps, a.id)).toBe("no-op");
    expect(await snapshot()).toEqual(afterOnce);
    expect(afterOnce.assignments.map((x) => [x.unit_id, x.reason])).toEqual(
      expect.arrayContaining([
        [w.units.xaA.id, "primary"],
        [w.units.tinh.id, "escalation"],
      ]),
    );
  });

  it("escalates an unacknowledged item when its deadline passes, up to the province, then stops", async () => {
    await ctx.deps.db.updateTable("categories").set({ sla_hours: 1.5 / 3600 }).where("code", "=", "vay_von").execute();
    const { id } = await submitOk(ctx, w.woman, { kind: "feedback", category: "vay_von", body: "Chị em cần vay vốn chăn nuôi." });
    expect((await routed(id)).unit_id).toBe(w.units.chiA1.id);
    const chain = await waitUntil(
      "escalation to the province",
      async () => {
        const rows = await ctx.deps.db.selectFrom("assignments").select(["unit_id", "reason", "escalated_at"]).where("submission_id", "=", id).orderBy("created_at").execute();
        return rows.length === 3 && rows[2]?.escalated_at ? rows : null;
      },
      25_000,
      100,
    );
    expect(chain.map((r) => [r.unit_id, r.reason])).toEqual([
      [w.units.chiA1.id, "primary"],
      [w.units.xaA.id, "escalation"],
      [w.units.tinh.id, "escalation"],
    ]);
    const notes = await ctx.app.inject({ method: "GET", url: "/api/notifications", headers: w.staff.tinh.headers });
    expect(notes.json().items.some((n: { source: { id: string }; text: string }) => n.source.id === id && n.text.includes("quá hạn"))).toBe(true);
    const types = (await ctx.deps.db.selectFrom("submission_events").select("type").where("submission_id", "=", id).execute()).map((e) => e.type);
    expect(types.filter((t) => t === "escalated")).toHaveLength(2);
    expect(types).toContain("overdue");
    await ctx.deps.db.updateTable("categories").set({ sla_hours: 120 }).where("code", "=", "vay_von").execute();
  }, 40_000);

  it("the sweeper escalates an overdue assignment whose delayed job was lost, and leaves acknowledged ones alone", async () => {
    const lost = await submitOk(ctx, w.woman, { kind: "feedback", category: "an_sinh", body: "Nhà chị Lan chưa được xét hộ nghèo." });
    const acked = await submitOk(ctx, w.woman, { kind: "feedback", category: "an_sinh", body: "Chưa nhận trợ cấp tháng này." });
    const a = await routed(lost.id);
    const b = await routed(acked.id);
    const ack = await ctx.app.inject({ method: "POST", url: `/api/assignments/${b.id}/ack`, headers: w.staff.xaA.headers });
    expect(ack.statusCode).toBe(200);
    // lose the delayed job, and move the deadline into the past
    await escalateQueue.on(ctx.deps.queues).remove(jobIds.escalate(a.id, a.due_at));
    const past = new Date(Date.now() - 3_600_000);
    await ctx.deps.db.updateTable("assignments").set({ due_at: past }).where("id", "in", [a.id, b.id]).execute();
    await sweep(ctx.deps); // (the workers' own periodic sweep may get there first: same code, same result)
    const rows = await ctx.deps.db.selectFrom("assignments").select(["submission_id", "unit_id", "reason"]).where("submission_id", "in", [lost.id, acked.id]).execute();
    expect(rows.filter((r) => r.submission_id === lost.id).map((r) => r.unit_id).sort()).toEqual([w.units.xaA.id, w.units.tinh.id].sort());
    expect(rows.filter((r) => r.submission_id === acked.id)).toHaveLength(1);
    // a second sweep finds nothing more to do for these two
    await sweep(ctx.deps);
    expect(await ctx.deps.db.selectFrom("assignments").select("id").where("submission_id", "in", [lost.id, acked.id]).execute()).toHaveLength(3);
  });

  it("ran without job errors", () => {
    expect(pipeline.errors).toEqual([]);
  });
});
