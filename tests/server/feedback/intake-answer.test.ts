import type { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleRouteAdds } from "../../../server/src/modules/feedback/intake.js";
import { jobIds, routeQueue } from "../../../server/src/modules/feedback/queues.js";
import type { QueueFactory } from "../../../server/src/queue/connection.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, submitOk, waitUntil, type World } from "./world.js";

/** The app's queue factory, except that every add waits until the test opens the gate. */
function gatedQueues(real: QueueFactory) {
  let open: () => void = () => undefined;
  let gate = Promise.resolve();
  const close = () => {
    gate = new Promise<void>((resolve) => (open = resolve));
  };
  const factory: QueueFactory = {
    ...real,
    queue<T>(name: string): Queue<T> {
      const q = real.queue<T>(name);
      return new Proxy(q, {
        get(target, prop, receiver) {
          if (prop === "add" || prop === "addBulk") {
            const f = Reflect.get(target, prop, receiver) as (...a: unknown[]) => Promise<unknown>;
            return async (...args: unknown[]) => {
              await gate;
              return f.apply(target, args);
            };
          }
          return Reflect.get(target, prop, receiver) as unknown;
        },
      });
    },
  };
  return { factory, close, open: () => open() };
}

for (const backend of ["redis", "postgres"] as const) {
  describe(`intake's answer on the ${backend} queue backend`, () => {
    let ctx: TestContext;
    let w: World;
    let real: QueueFactory;
    let gated: ReturnType<typeof gatedQueues>;

    beforeAll(async () => {
      ctx = await createTestContext({ backend });
      w = await buildWorld(ctx);
      real = ctx.deps.queues;
      gated = gatedQueues(real);
      ctx.deps.queues = gated.factory; // the app holds the same deps object
    });
    afterAll(async () => {
      gated?.open();
      if (ctx) ctx.deps.queues = real;
      await ctx?.close();
    });

    const queuedAt = async (id: string) =>
      (await ctx.deps.db.selectFrom("submissions").select("queued_at").where("id", "=", id).executeTakeFirstOrThrow()).queued_at;
    const routeJob = (id: string) => routeQueue.on(real).getJob(jobIds.route(id));

    it("answers with her tracking code before the route job is added, and the job follows", async () => {
      gated.close();
      const { id, trackingCode } = await submitOk(ctx, w.woman, { kind: "feedback", category: "viec_lam", body: "Cần học nghề may cho chị em trong thôn." });
      expect(trackingCode).toMatch(/^PA-/);
      // the add is held at the gate: she has her answer, the queue has nothing yet
      expect(await queuedAt(id)).toBeNull();
      if (backend === "redis") expect(await routeJob(id)).toBeUndefined();
      gated.open();
      await waitUntil("queued_at", () => queuedAt(id));
      if (backend === "redis") expect((await routeJob(id))?.data).toEqual({ submissionId: id });
    });

    it("a closing server finishes the adds it started (settleRouteAdds, the routes' onClose)", async () => {
      gated.close();
      const { id } = await submitOk(ctx, w.woman, { kind: "feedback", category: "y_te", body: "Trạm y tế xã thiếu thuốc cho trẻ em." });
      let settled = false;
      const settling = settleRouteAdds(ctx.deps).then(() => {
        settled = true;
      });
      expect(await queuedAt(id)).toBeNull();
      expect(settled).toBe(false);
      gated.open();
      await settling;
      // nothing left to wait for once it returns: the job is in and marked
      expect(await queuedAt(id)).not.toBeNull();
    });
  });
}
