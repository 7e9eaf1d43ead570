import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { routeSubmission } from "../../../server/src/modules/feedback/pipeline.js";
import { record } from "../../../server/src/modules/notify/outbox.js";
import { sendDelivery } from "../../../server/src/modules/notify/send.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, submitOk, type World } from "../feedback/world.js";

const NEUTRAL = "Chị có thông báo mới từ Hội.";

/**
 * The one rule for sensitive items (notify/text.ts): a discreet notification says only the neutral sentence, with no
 * reference code, on every channel — the in-app list, the OA consultation message and the template message —
 * checked against the Zalo simulator. The same notification not marked discreet says what it is about.
 */
describe("safety: neutral text for sensitive items, on every channel", () => {
  let sim: ZaloSimulator;
  let ctx: TestContext;
  let w: World;
  let oaUserId: string;

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
    ctx = await createTestContext({ zaloUrl: sim.url });
    w = await buildWorld(ctx);
    const u = sim.createUser({ name: "Lò Thị Xuân Hương", phone: "84912345678" });
    oaUserId = u.oaUserId;
    await ctx.deps.db
      .updateTable("members")
      .set({ zalo_oa_user_id: oaUserId, consents: JSON.stringify({ zns: true }) })
      .where("id", "=", w.identified.memberId)
      .execute();
    sim.interact(oaUserId, new Date());
    await ctx.deps.db.insertInto("oa_interactions").values({ oa_user_id: oaUserId, last_interaction_at: new Date(), following: true }).execute();
    await ctx.deps.db.updateTable("notify_settings").set({ value: JSON.stringify("tpl-status-1") }).where("key", "=", "template_id").execute();
  });
  afterAll(async () => {
    await ctx?.close();
    await sim?.close();
  });

  /** Records one notification to her on every channel, sends the Zalo ones, returns what each channel said. */
  const sendEverywhere = async (key: string, discreet: boolean) => {
    const ids = await ctx.deps.db.transaction().execute((tx) =>
      record(tx, {
        source: { module: "safety", id: `test-${key}` },
        key,
        everyChannel: true,
        recipients: [
          {
            memberId: w.identified.memberId,
            type: "feedback.author.replied",
            params: { kind: "report", code: "BC-7KX2M9Q", unit: "Xã Bảo Thắng", text: "Cán bộ sẽ đến nhà chị lúc 9 giờ." },
            link: "/phan-anh/theo-doi/x",
            discreet,
          },
        ],
      }),
    );
    expect(ids).toHaveLength(2); // the OA message and the template message, both at once
    const mark = sim.sentMessages().length;
    for (const id of ids) expect(await sendDelivery(ctx.deps, id)).toBe("sent");
    const sent = sim.sentMessages().slice(mark);
    const list = await ctx.app.inject({ method: "GET", url: "/api/notifications", headers: w.identified.headers });
    const inApp = list.json<{ items: Array<{ text: string; source: { id: string } }> }>().items.find((i) => i.source.id === `test-${key}`);
    return {
      inApp: inApp?.text,
      oa: sent.find((m) => m.kind === "cs")?.text,
      template: sent.find((m) => m.kind === "template")?.templateData,
    };
  };

  it("discreet: the neutral sentence, no code, on the in-app list, the OA message and the template message", async () => {
    const said = await sendEverywhere("discreet", true);
    expect(said).toEqual({ inApp: NEUTRAL, oa: NEUTRAL, template: { ma: "", noi_dung: NEUTRAL } });
  });

  it("not discreet: the message itself (so the test above can fail)", async () => {
    const said = await sendEverywhere("plain", false);
    expect(said.inApp).toContain("Cán bộ sẽ đến nhà chị");
    expect(said.oa).toContain("BC-7KX2M9Q");
    expect(said.template).toMatchObject({ ma: "BC-7KX2M9Q" });
  });

  it("a private report's author is told in the app only, in the neutral sentence", async () => {
    const { id } = await submitOk(ctx, w.identified, { kind: "report", category: "bao_luc", body: "Em bị đánh." });
    await routeSubmission(ctx.deps, id);
    const rows = await ctx.deps.db
      .selectFrom("deliveries")
      .select(["channel", "params"])
      .where("source_id", "=", id)
      .where("recipient_id", "=", w.identified.memberId)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.channel === "in_app")).toBe(true);
    const list = await ctx.app.inject({ method: "GET", url: "/api/notifications", headers: w.identified.headers });
    const texts = list.json<{ items: Array<{ text: string; source: { id: string } }> }>().items.filter((i) => i.source.id === id).map((i) => i.text);
    expect(texts).toEqual(rows.map(() => NEUTRAL));
  });
});
