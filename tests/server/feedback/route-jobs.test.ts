import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalateQueue, routeBatchJobOptions, routeQueue } from "../../../server/src/modules/feedback/queues.js";
import { addRouteJobs } from "../../../server/src/modules/feedback/route-batch.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { queueBackends } from "../../helpers/services.js";
import { buildWorld, startPipeline, submitOk, waitUntil, type World } from "./world.js";

const backends = await queueBackends();

describe.each(backends)("route jobs for a burst on the %s queue backend", (backend) => {
  let ctx: TestContext;
  let w: World;

  beforeAll(async () => {
    ctx = await createTestContext({ backend });
    w = await buildWorld(ctx);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it("a burst is one job on PostgreSQL (one per item on Redis), added twice it is still one job, every item is routed once, escalations are delayed jobs on Redis only", async () => {
    // No worker yet: intake's own jobs wait in the queue, the burst's jobs are added next to them.
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await submitOk(ctx, w.woman, { kind: "feedback", category: "viec_lam", body: `Chị em cần học nghề số ${i}.` })).id);
    await addRouteJobs(ctx.deps, ids);
    await addRouteJobs(ctx.deps, ids);
    const queue = routeQueue.on(ctx.deps.queues);
    const batch = await queue.getJob(routeBatchJobOptions(ids).jobId);
    if (backend === "postgres") {
      expect(batch?.name).toBe("route-batch");
      expect(batch?.data).toEqual({ submissionIds: ids });
    } else {
      expect(batch).toBeUndefined();
      for (const id of ids) expect((await queue.getJob(id))?.data).toEqual({ submissionId: id });
    }

    const pipeline = startPipeline(ctx.deps);
    try {
      const routed = await waitUntil("routing of the burst", async () => {
        const rows = await ctx.deps.db.selectFrom("assignments").select("submission_id").where("submission_id", "in", ids).execute();
        return rows.length === ids.length ? rows : null;
      });
      expect(routed.map((r) => r.submission_id).sort()).toEqual([...ids].sort());
      if (backend === "postgres") await waitUntil("the batch job to finish", async () => (await queue.getJob(batch!.id!))?.finishedOn);
      const forwarded = await ctx.deps.db.selectFrom("submission_events").select("submission_id").where("type", "=", "forwarded").where("submission_id", "in", ids).execute();
      expect(forwarded).toHaveLength(ids.length);
      // On PostgreSQL the escalation timer reads assignments.due_at; on Redis each assignment has its delayed job.
      const delayed = await escalateQueue.on(ctx.deps.queues).getJobCounts("delayed");
      expect(delayed.delayed).toBe(backend === "postgres" ? 0 : ids.length);
      expect(pipeline.errors).toEqual([]);
    } finally {
      await pipeline.workers.stop(5000);
    }
  });
});
