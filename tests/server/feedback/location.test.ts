import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, primaryAssignment, startPipeline, submit, waitUntil, type World } from "./world.js";

/** Where (issue 13): her location only with her consent, exchanged on the server, shown to the cán bộ as a map link. */
describe("an item's location", () => {
  let sim: ZaloSimulator;
  let ctx: TestContext;
  let w: World;
  let pipeline: ReturnType<typeof startPipeline>;
  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
    ctx = await createTestContext({ zaloUrl: sim.url });
    w = await buildWorld(ctx);
    pipeline = startPipeline(ctx.deps);
  });
  afterAll(async () => {
    await pipeline?.workers.stop(5000);
    await ctx?.close();
    await sim?.close();
  });

  it("is stored for the item only and shown to the handling cán bộ as a map link; a retry does not reuse the token", async () => {
    const user = sim.createUser({ name: "Sùng Thị Mai", phone: "84912000111" });
    const token = sim.locationToken(user.id, 22.3364, 103.8438);
    const body = { kind: "feedback", category: "dat_dai", body: "Bãi rác tự phát cạnh suối đầu thôn.", location: { token, accessToken: user.accessToken } };
    const headers = { ...w.woman.headers, "idempotency-key": "loc-retry-00001" };
    const first = await ctx.app.inject({ method: "POST", url: "/api/submissions", headers, payload: body });
    expect(first.statusCode).toBe(201);
    const retry = await ctx.app.inject({ method: "POST", url: "/api/submissions", headers, payload: body });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(first.json().id);
    const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, first.json().id));
    const d = (await ctx.app.inject({ method: "GET", url: `/api/assignments/${a.id}`, headers: w.staff.xaA.headers })).json();
    expect(d.location).toMatchObject({ lat: 22.3364, lng: 103.8438 });
    expect(d.location.mapUrl).toBe("https://www.google.com/maps/search/?api=1&query=22.3364,103.8438");
    const me = await ctx.deps.db.selectFrom("members").selectAll().where("id", "=", w.woman.memberId).executeTakeFirstOrThrow();
    expect(JSON.stringify(me)).not.toContain("22.33");

    // without a location nothing is stored; a token Zalo refuses stops the item, nothing written
    const plain = await submit(ctx, w.woman, { kind: "feedback", category: "khac", body: "Không có vị trí." });
    expect(await ctx.deps.db.selectFrom("submission_locations").select("submission_id").where("submission_id", "=", plain.json().id).execute()).toEqual([]);
    const used = await submit(ctx, w.woman, { ...body, body: "Lần khác." });
    expect(used.statusCode).toBe(400);
    expect(used.json().code).toBe("LOCATION_FAILED");
  });
});
