import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../scripts/zalo-sim/server.js";
import { available, devLoginAs, OFFICER, shot, startHarness, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * Issue 15: a woman asks for a person in the OA chat ("gap can bo"); the xã cán bộ opens Cán bộ → Tin nhắn at 360 px,
 * reads the conversation and answers; her answer reaches the woman's Zalo (the simulator).
 */
describe.runIf(available)("Cán bộ → Tin nhắn", () => {
  let sim: ZaloSimulator;
  let h: Harness;
  let oaUserId: string;
  const ANSWER = "Chào chị Dung, chị mang căn cước ra Ủy ban xã sáng thứ Hai, cán bộ tư pháp làm giúp chị.";

  const say = async (text: string) => {
    sim.interact(oaUserId);
    const s = sim.signedWebhook(sim.textEvent(oaUserId, text));
    const res = await fetch(`${h.base.replace("localhost", "127.0.0.1")}/api/zalo/webhook`, { method: "POST", headers: s.headers, body: s.body });
    expect(res.status).toBe(200);
  };
  const received = () => sim.sentMessages().filter((m) => m.kind === "cs" && m.userId === oaUserId).map((m) => m.text ?? "");

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
    h = await startHarness({ zaloUrl: sim.url });
    oaUserId = sim.createUser({ name: WOMAN.name }).oaUserId;
    await h.t.deps.pool.query("UPDATE members SET zalo_oa_user_id = $1 WHERE id = $2", [oaUserId, h.seeded.woman]);
    await say("gap can bo");
    await say("Em muon lam lai giay khai sinh cho con bi mat thi lam the nao a");
    const deadline = Date.now() + 20_000;
    while (!received().some((t) => t.includes("Xã Bản Mế"))) {
      if (Date.now() > deadline) throw new Error("no handover message reached the simulator");
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  it("the cán bộ reads the conversation and her answer reaches the woman's Zalo", async () => {
    await h.inBrowser("chat-canbo", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, OFFICER.zaloId);
      await page.getByText("Chào chị Mai!").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/can-bo`);
      const card = page.getByTestId("chat-card");
      await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("1 cuộc chờ trả lời");
      await card.click();
      const rows = page.getByTestId("chat-item");
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
      expect(await rows.first().textContent()).toContain(WOMAN.name);
      await shot(page, "chat-list");
      await rows.first().click();
      const history = page.getByTestId("chat-history");
      await expect.poll(() => history.textContent(), { timeout: 10_000 }).toContain("giay khai sinh cho con bi mat");
      await page.getByPlaceholder("Nhập câu trả lời…").fill(ANSWER);
      await page.getByTestId("chat-send").click();
      await expect.poll(() => history.textContent(), { timeout: 10_000 }).toContain(ANSWER);
      // Nothing overflows the 360 px screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await shot(page, "chat-thread");
    });
    await expect.poll(() => received().includes(ANSWER), { timeout: 20_000 }).toBe(true);
  });
});
