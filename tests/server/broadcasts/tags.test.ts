import type { BroadcastPreview } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { expand, processChunk } from "../../../server/src/modules/broadcasts/fanout.js";
import { broadcastWorld } from "./world.js";

/** An audience narrowed by profile tags, by content's rule (for each group named she holds one of its tags). */
describe("announcements by profile tags", () => {
  let sim: ZaloSimulator;
  let w: Awaited<ReturnType<typeof broadcastWorld>>;

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 0 });
    w = await broadcastWorld(sim);
    const tag = (memberId: string, tags: string[]) => w.ctx.deps.db.updateTable("members").set({ profile_tags: tags }).where("id", "=", memberId).execute();
    await tag(w.memberA1.memberId, ["dan_toc:mong"]);
    await tag(w.memberA2.memberId, ["dan_toc:dao", "tuoi:duoi_30"]);
  });
  afterAll(async () => {
    await w?.ctx.close();
    await sim?.close();
  });

  const preview = (tags: string[]) => w.ctx.app.inject({ method: "POST", url: "/api/admin/broadcasts/preview", headers: w.canBoA.headers, payload: { unitId: w.tree.xaA.id, tags } });

  it("the preview counts only the women the tags admit, and never says who", async () => {
    expect((await preview([])).json<BroadcastPreview>().total).toBe(3); // A1, A2 and the cán bộ herself
    expect((await preview(["dan_toc:mong"])).json<BroadcastPreview>().total).toBe(1);
    expect((await preview(["dan_toc:mong", "dan_toc:dao"])).json<BroadcastPreview>().total).toBe(2); // one group: either
    expect((await preview(["dan_toc:dao", "tuoi:duoi_30"])).json<BroadcastPreview>().total).toBe(1); // two groups: both
    expect((await preview(["dan_toc:dao", "tuoi:tren_60"])).json<BroadcastPreview>().total).toBe(0);
    const body = (await preview(["dan_toc:mong"])).body;
    expect(body).not.toContain(w.memberA1.memberId);
    const bad = await preview(["dan_toc:khong_co"]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ code: string }>().code).toBe("BROADCAST_TAG_UNKNOWN");
  });

  it("the announcement reaches those women only", async () => {
    const b = await w.send(w.canBoA.headers, w.compose({ tags: ["dan_toc:dao"], sendAt: new Date(Date.now() + 3_600_000).toISOString() }));
    await w.ctx.deps.db.updateTable("broadcasts").set({ send_at: new Date(Date.now() - 1000) }).where("id", "=", b.id).execute();
    expect(await expand(w.ctx.deps, b.id)).toBe("1 chunks");
    await processChunk(w.ctx.deps, { broadcastId: b.id, idx: 0 });
    const got = await w.ctx.deps.db.selectFrom("deliveries").select("recipient_id").where("source_id", "=", b.id).where("channel", "=", "in_app").execute();
    expect(got.map((g) => g.recipient_id)).toEqual([w.memberA2.memberId]);
    expect((await w.send(w.canBoA.headers, w.compose({ tags: ["x:y"] })).catch((e: Error) => e.message))).toContain("400");
  });
});
