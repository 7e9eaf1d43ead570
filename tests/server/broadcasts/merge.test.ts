import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { expand, processChunk } from "../../../server/src/modules/broadcasts/fanout.js";
import { broadcastWorld } from "./world.js";

/** A unit merge retargets announcements not yet sent to the surviving unit; what has gone out stays as it was. */
describe("announcements and unit merges", () => {
  let sim: ZaloSimulator;
  let w: Awaited<ReturnType<typeof broadcastWorld>>;

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 0 });
    w = await broadcastWorld(sim);
  });
  afterAll(async () => {
    await w?.ctx.close();
    await sim?.close();
  });

  const row = (id: string) => w.ctx.deps.db.selectFrom("broadcasts").select(["unit_id", "target_unit_ids", "target_paths", "status"]).where("id", "=", id).executeTakeFirstOrThrow();

  it("a scheduled announcement to the merged chi hội (or sent by it) goes to the survivor; a sent one is left alone", async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const toA1 = await w.send(w.canBoA.headers, w.compose({ targetUnitIds: [w.chiHoiA1.id], sendAt: later, title: "Gửi chi hội A1" }));
    const fromA1 = await w.send(w.canBoA.headers, w.compose({ unitId: w.chiHoiA1.id, sendAt: later, title: "Chi hội A1 gửi" }));
    const toBoth = await w.send(w.canBoA.headers, w.compose({ targetUnitIds: [w.chiHoiA1.id, w.chiHoiA2.id], sendAt: later, title: "Gửi cả hai" }));
    const toB1 = await w.send(w.canBoA.headers, w.compose({ sendAt: later, title: "Gửi cả xã" }));
    const sentNow = await w.send(w.canBoA.headers, w.compose({ targetUnitIds: [w.chiHoiA1.id], title: "Đã gửi" }));
    const before = { toB1: await row(toB1.id), sentNow: await row(sentNow.id) };

    const res = await w.ctx.app.inject({ method: "POST", url: `/api/admin/units/${w.chiHoiA1.id}/merge`, headers: w.admin.headers, payload: { intoId: w.chiHoiA2.id } });
    expect(res.statusCode).toBe(200);
    const a2 = await w.ctx.deps.db.selectFrom("units").select("path").where("id", "=", w.chiHoiA2.id).executeTakeFirstOrThrow();

    expect(await row(toA1.id)).toMatchObject({ unit_id: w.tree.xaA.id, target_unit_ids: [w.chiHoiA2.id], target_paths: [a2.path] });
    expect(await row(fromA1.id)).toMatchObject({ unit_id: w.chiHoiA2.id, target_unit_ids: [], target_paths: [a2.path] });
    expect(await row(toBoth.id)).toMatchObject({ target_unit_ids: [w.chiHoiA2.id], target_paths: [a2.path] });
    expect(await row(toB1.id)).toEqual(before.toB1); // the whole xã: nothing to change
    expect(await row(sentNow.id)).toEqual(before.sentNow); // already going out: as sent

    // when its time comes it reaches the members now in the survivor: A1's member (moved) and A2's
    await w.ctx.deps.db.updateTable("broadcasts").set({ send_at: new Date(Date.now() - 1000) }).where("id", "=", toA1.id).execute();
    expect(await expand(w.ctx.deps, toA1.id)).toBe("1 chunks");
    await processChunk(w.ctx.deps, { broadcastId: toA1.id, idx: 0 });
    const got = await w.ctx.deps.db
      .selectFrom("deliveries")
      .select("recipient_id")
      .where("source_module", "=", "broadcasts")
      .where("source_id", "=", toA1.id)
      .where("channel", "=", "in_app")
      .execute();
    expect(got.map((g) => g.recipient_id).sort()).toEqual([w.memberA1.memberId, w.memberA2.memberId].sort());
  });
});
