import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, devLoginAs, startHarness, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * On a patchy connection the server may store her item while its answer is lost. The Mini App sends one
 * Idempotency-Key per form and keeps the item in its outbox ("Chờ gửi") to send again with that key, so the retry
 * gets the item already stored instead of a second one.
 */
describe.runIf(available)("Phản ánh: an answer lost on the way back", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("sending again shows the item already stored; a new form is a new item", async () => {
    await h.inBrowser("feedback-retry", async (page) => {
      const keys: string[] = [];
      let dropNext = true;
      await page.route("**/api/submissions", async (route) => {
        if (route.request().method() !== "POST") return route.continue();
        keys.push(route.request().headers()["idempotency-key"] ?? "");
        if (!dropNext) return route.continue();
        dropNext = false;
        await route.fetch(); // the server stores it …
        await route.abort("connectionreset"); // … and the answer never reaches the phone
      });

      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      await page.getByText("Chào chị Dung!").waitFor({ timeout: 15_000 });
      await page.locator(".hs-tile", { hasText: "Phản ánh" }).click();
      await page.getByTestId("send-form").waitFor();
      const fill = async (text: string) => {
        await page.getByTestId("kind").getByRole("radio", { name: /^Phản ánh/ }).click();
        await page.getByTestId("category").getByRole("radio", { name: "Việc làm – lao động" }).click();
        await page.getByTestId("content").locator("textarea").fill(text);
      };
      const stored = async () =>
        (await h.t.deps.pool.query<{ tracking_code: string }>("SELECT tracking_code FROM submissions WHERE author_id = $1 ORDER BY created_at", [h.seeded.woman]))
          .rows.map((r) => r.tracking_code);

      await fill("Xưởng chè chưa trả lương cho chị em ba tháng nay.");
      await page.getByRole("button", { name: "Gửi tới Hội" }).click();
      // The lost answer looks like no connection: the item waits on the phone ("Chờ gửi", outbox.ts) …
      await page.getByTestId("pending").waitFor({ timeout: 15_000 });
      expect(await stored()).toHaveLength(1);

      // … and goes again with the same key (here at once, through "Thử gửi ngay").
      await page.getByRole("button", { name: "Thử gửi ngay" }).click();
      const code = page.getByTestId("tracking-code");
      await code.waitFor({ timeout: 15_000 });
      expect(await stored()).toEqual([await code.textContent()]);
      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
      expect(keys[1]).toBe(keys[0]);

      await page.getByRole("button", { name: "Gửi nội dung khác" }).click();
      await fill("Đường vào thôn bị sạt lở sau mưa.");
      await page.getByRole("button", { name: "Gửi tới Hội" }).click();
      await page.getByTestId("tracking-code").waitFor({ timeout: 15_000 });
      expect(keys).toHaveLength(3);
      expect(keys[2]).not.toBe(keys[0]);
      expect(await stored()).toHaveLength(2);
    });
  });
});
