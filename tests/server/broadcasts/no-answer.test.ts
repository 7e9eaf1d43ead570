import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { broadcastJobs } from "../../../server/src/modules/broadcasts/jobs.js";
import { notifyJobs } from "../../../server/src/modules/notify/jobs.js";
import { NO_ANSWER } from "../../../server/src/modules/notify/send.js";
import { startWorkers, type RunningWorkers } from "../../../server/src/queue/registry.js";
import { broadcastWorld, tally, waitUntil } from "./world.js";

/**
 * A Zalo call that went out whole and got no answer in time (Zalo slow, or a machine too busy to read the answer):
 * Zalo may have the message, so the delivery is recorded in doubt and never sent again — the same rule as a worker
 * that died mid-call. A retry here would give her a second copy once the slow answer arrives.
 */
describe("an OA message Zalo does not answer in time", () => {
  let sim: ZaloSimulator;
  let w: Awaited<ReturnType<typeof broadcastWorld>>;
  let workers: RunningWorkers;

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 0 });
    w = await broadcastWorld(sim, { env: { ZALO_HTTP_TIMEOUT_MS: "300" } });
    await w.ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify(1000) }).where("key", "=", "notify_rate_per_sec").execute();
    workers = startWorkers(w.ctx.deps, [notifyJobs, broadcastJobs], () => undefined);
  });
  afterAll(async () => {
    await workers?.stop(5000);
    await w?.ctx.close();
    await sim?.close();
  });

  it("is recorded in doubt, never sent a second time", async () => {
    sim.setDelay("/v3.0/oa/message/cs", 1500);
    const b = await w.send(w.canBoA.headers, w.compose({ targetUnitIds: [w.chiHoiA1.id], title: "Tin khi Zalo chậm" }));
    const t = await waitUntil("the OA delivery settled", async () => {
      const x = await tally(w.ctx.deps, b.id);
      return (x["oa_cs:pending"] ?? 0) === 0 && (x["oa_cs:failed"] ?? 0) + (x["oa_cs:sent"] ?? 0) === 1 ? x : null;
    }, 60_000);
    expect(t["oa_cs:failed"]).toBe(1);
    const row = await w.ctx.deps.db.selectFrom("deliveries").select("last_error").where("source_id", "=", b.id).where("channel", "=", "oa_cs").executeTakeFirstOrThrow();
    expect(row.last_error).toBe(NO_ANSWER);
    // the slow call did reach Zalo: she has it once, and nothing is left to send it again
    await waitUntil("the slow call recorded by Zalo", async () => sim.sentMessages().some((m) => m.text?.includes(b.id)), 30_000);
    sim.setDelay("/v3.0/oa/message/cs", 0);
    const again = await w.send(w.canBoA.headers, w.compose({ targetUnitIds: [w.chiHoiA1.id], title: "Tin khi Zalo nhanh lại" }));
    await waitUntil("the next one sent", async () => ((await tally(w.ctx.deps, again.id))["oa_cs:sent"] ?? 0) === 1, 60_000);
    // the next announcement went through the same queue after the slow one: the slow one still has one copy
    expect(sim.sentMessages().filter((m) => m.text?.includes(b.id))).toHaveLength(1);
  });
});
