import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, devLoginAs, OFFICER, shot, startHarness, WOMAN, type Harness } from "./feedback-harness.js";

const TITLE = "Giờ sinh hoạt chi hội năm tới";

/**
 * Khảo sát in Chromium on a 360 px phone: the xã officer writes a poll in Quản trị › Khảo sát and keeps its results
 * open; a woman of a chi hội under that xã finds it on Trang chủ and answers; the officer's screen shows her answer
 * without a reload (it asks again every second), and the export button downloads the workbook.
 */
describe.runIf(available)("Khảo sát in Chromium", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Every element wider than the 360 px screen (segment strips scroll sideways on purpose). */
  const fits = async (page: Page, name: string) => {
    const wide = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll<HTMLElement>(".hs-page *")]
        .filter((e) => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length > 0 && !e.closest(".hs-segments") && !e.closest(".hs-poll-table-wrap"))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? "").slice(0, 40)}`);
    });
    expect(wide, `${name} fits 360 px`).toEqual([]);
    await shot(page, name);
  };

  it("the officer sends a poll, a woman answers it once, the officer's results update live and export", async () => {
    await h.inBrowser("polls-officer", async (officer) => {
      await officer.goto(`${h.base}/`);
      await devLoginAs(officer, OFFICER.zaloId);
      await officer.getByTestId("broadcast-card").waitFor({ timeout: 15_000 });
      await officer.goto(`${h.base}/zapps/hoiso/quan-tri/khao-sat`);
      await officer.getByTestId("polls-admin").waitFor({ timeout: 15_000 });
      await officer.getByTestId("poll-new").click();
      await officer.getByTestId("poll-create").waitFor();
      await officer.getByTestId("poll-title").fill(TITLE);
      const q = officer.getByTestId("poll-question");
      await q.nth(0).getByTestId("poll-qtext").fill("Chị muốn sinh hoạt vào buổi nào?");
      await q.nth(0).getByTestId("poll-options").fill("Buổi sáng\nBuổi chiều\nBuổi tối");
      await officer.getByTestId("poll-add-question").click();
      await q.nth(1).getByTestId("poll-kind").selectOption("scale");
      await q.nth(1).getByTestId("poll-qtext").fill("Chị hài lòng với buổi sinh hoạt gần nhất ở mức nào?");
      await fits(officer, "polls-create");
      await officer.getByTestId("poll-send").click();
      await officer.getByTestId("poll-results").waitFor({ timeout: 15_000 });
      await expect.poll(() => officer.getByTestId("poll-respondents").textContent(), { timeout: 15_000 }).toContain("0/");

      await h.inBrowser("polls-member", async (woman) => {
        await woman.goto(`${h.base}/`);
        await devLoginAs(woman, WOMAN.zaloId);
        const card = woman.getByTestId("polls-card");
        await card.waitFor({ timeout: 15_000 });
        await card.getByRole("button", { name: "Trả lời khảo sát" }).click();
        await woman.getByTestId("poll-form").waitFor({ timeout: 15_000 });
        expect(await woman.getByTestId("poll-form").textContent()).toContain(TITLE);
        // sending with a question unanswered says which one
        await woman.getByTestId("poll-send").click();
        await expect.poll(() => woman.getByRole("alert").first().textContent()).toContain("câu 1");
        await woman.getByText("Buổi tối", { exact: true }).click();
        await woman.locator(".hs-poll-scale label").filter({ hasText: "4" }).click();
        await fits(woman, "polls-answer");
        await woman.getByTestId("poll-send").click();
        await woman.getByTestId("poll-done").waitFor({ timeout: 15_000 });
        expect(await woman.getByTestId("poll-done").textContent()).toContain("Chị đã trả lời khảo sát này");
        await shot(woman, "polls-answered");
        // once answered it no longer waits on Trang chủ
        await woman.goto(`${h.base}/`);
        await woman.getByTestId("broadcast-card").waitFor({ timeout: 15_000 });
        expect(await woman.getByTestId("polls-card").count()).toBe(0);
      });

      // the officer's open screen picks the answer up by itself
      await expect.poll(() => officer.getByTestId("poll-respondents").textContent(), { timeout: 15_000 }).toContain("1/");
      const first = officer.getByTestId("poll-result").nth(0);
      await expect.poll(() => first.getByTestId("poll-count").allTextContents(), { timeout: 10_000 }).toEqual(["0", "0", "1"]);
      const second = officer.getByTestId("poll-result").nth(1);
      expect(await second.getByTestId("poll-count").allTextContents()).toEqual(["0", "0", "0", "1", "0"]);
      // one woman is a small group: no breakdown row shows her
      await first.getByTestId("poll-breakdown-unit").locator("summary").click();
      expect(await first.getByTestId("poll-breakdown-unit").textContent()).toContain("Chưa đủ người trả lời để chia nhóm");
      await fits(officer, "polls-results");
      const download = officer.waitForEvent("download");
      await officer.getByTestId("poll-export").click();
      expect((await download).suggestedFilename()).toMatch(/^khao-sat-.*\.xlsx$/);
    });
  }, 180_000); // two browsers one after the other: past the default minute on a loaded machine
});
