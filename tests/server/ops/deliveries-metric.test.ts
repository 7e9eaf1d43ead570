import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { routeSubmission } from "../../../server/src/modules/feedback/pipeline.js";
import { sendDelivery } from "../../../server/src/modules/notify/send.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, submitOk, type World } from "../feedback/world.js";

const TOKEN = "metrics-token-for-tests-0123456789";

/** hoiso_deliveries_total{channel,status} as scraped, 0 when the series is absent. */
function deliveries(text: string, channel: string, status: string): number {
  const line = text.split("\n").find((l) => l.startsWith("hoiso_deliveries_total{") && l.includes(`channel="${channel}"`) && l.includes(`status="${status}"`));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

/** The deliveries counter (notify/send.ts) as Prometheus reads it: one per outcome, by the delivery's channel. */
describe("hoiso_deliveries_total", () => {
  let sim: ZaloSimulator;
  let ctx: TestContext;
  let w: World;
  let oaUserId: string;

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
    ctx = await createTestContext({ zaloUrl: sim.url, env: { METRICS_TOKEN: TOKEN } });
    w = await buildWorld(ctx);
    oaUserId = sim.createUser({ name: "Lò Thị Xuân Hương", phone: "84912345678" }).oaUserId;
    await ctx.deps.db
      .updateTable("members")
      .set({ zalo_oa_user_id: oaUserId, consents: JSON.stringify({ zns: true }) })
      .where("id", "=", w.identified.memberId)
      .execute();
    await ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify("tpl-status-1") }).where("key", "=", "template_id").execute();
  });
  afterAll(async () => {
    await ctx?.close();
    await sim?.close();
  });

  const scrape = async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/metrics", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  const herDelivery = async () => {
    const { id } = await submitOk(ctx, w.identified, { kind: "feedback", category: "viec_lam", body: "Cần học nghề." });
    await routeSubmission(ctx.deps, id);
    return ctx.deps.db
      .selectFrom("deliveries")
      .select(["id", "channel", "source_id", "dedupe_key"])
      .where("source_id", "=", id)
      .where("recipient_id", "=", w.identified.memberId)
      .where("channel", "!=", "in_app")
      .executeTakeFirstOrThrow();
  };

  it("counts a sent OA message once under its channel, and a second run as done", async () => {
    sim.interact(oaUserId, new Date());
    await ctx.deps.db.insertInto("oa_interactions").values({ oa_user_id: oaUserId, last_interaction_at: new Date(), following: true }).execute();
    const before = await scrape();
    const d = await herDelivery();
    expect(d.channel).toBe("oa_cs");
    expect(await sendDelivery(ctx.deps, d.id)).toBe("sent");
    expect(await sendDelivery(ctx.deps, d.id)).toBe("done");
    const after = await scrape();
    expect(deliveries(after, "oa_cs", "sent")).toBe(deliveries(before, "oa_cs", "sent") + 1);
    expect(deliveries(after, "any", "done")).toBe(deliveries(before, "any", "done") + 1);
    expect(deliveries(after, "template", "sent")).toBe(deliveries(before, "template", "sent"));
  });

  it("counts a fallback under oa_cs and the template message it becomes under template", async () => {
    await ctx.deps.db.deleteFrom("oa_interactions").execute();
    const before = await scrape();
    const d = await herDelivery();
    expect(await sendDelivery(ctx.deps, d.id)).toBe("fallback");
    const t = await ctx.deps.db
      .selectFrom("deliveries")
      .select("id")
      .where("source_id", "=", d.source_id)
      .where("dedupe_key", "=", d.dedupe_key)
      .where("recipient_id", "=", w.identified.memberId)
      .where("channel", "=", "template")
      .executeTakeFirstOrThrow();
    expect(await sendDelivery(ctx.deps, t.id)).toBe("sent");
    const after = await scrape();
    expect(deliveries(after, "oa_cs", "fallback")).toBe(deliveries(before, "oa_cs", "fallback") + 1);
    expect(deliveries(after, "template", "sent")).toBe(deliveries(before, "template", "sent") + 1);
    expect(deliveries(after, "oa_cs", "sent")).toBe(deliveries(before, "oa_cs", "sent"));
  });

  it("counts a Zalo refusal as failed", async () => {
    sim.interact(oaUserId, new Date());
    await ctx.deps.db.insertInto("oa_interactions").values({ oa_user_id: oaUserId, last_interaction_at: new Date(), following: true }).execute();
    await ctx.deps.db.updateTable("members").set({ phone: null }).where("id", "=", w.identified.memberId).execute();
    const before = await scrape();
    const d = await herDelivery();
    sim.failNext("/v3.0/oa/message/cs", -201); // invalid parameter: not retried, nothing to fall back to without a phone
    expect(await sendDelivery(ctx.deps, d.id)).toBe("failed"); // a code outside the retry and fallback sets is fatal
    const after = await scrape();
    expect(deliveries(after, "oa_cs", "failed")).toBe(deliveries(before, "oa_cs", "failed") + 1);
    expect(deliveries(after, "oa_cs", "sent")).toBe(deliveries(before, "oa_cs", "sent"));
  });
});
