import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, devLoginAs, OFFICER, shot, startHarness, tinyPng, WOMAN, type Harness } from "./feedback-harness.js";

const ORIGINAL = `Tôi là ${WOMAN.name}, số ${WOMAN.shownPhone}. Đường điện chiếu sáng thôn Nậm Chảy hỏng đã ba tháng, tối các cháu đi học về rất tối.`;
const PUBLIC_TEXT = "Đường điện chiếu sáng thôn Nậm Chảy hỏng đã ba tháng, tối các cháu đi học về rất tối.";
const ANSWER = "Hội đã cùng xã và điện lực thay bóng, sửa dây; đèn sáng lại từ tuần trước.";

/**
 * Kết quả xử lý at 360 px: from the home shortcut, browse by commune, search without diacritics, open an item with its
 * public photo, deadline and date handled; the unit figures say "dưới 5" for a small unit. Her name never shows.
 * The send form offers the consent only for what may be published.
 */
describe.runIf(available)("Kết quả xử lý", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    const woman = await h.tokenFor(WOMAN.zaloId, WOMAN.name);
    const officer = await h.tokenFor(OFFICER.zaloId, OFFICER.name);
    const item = await h.submit(woman, { kind: "feedback", category: "dat_dai", body: ORIGINAL, unitId: h.seeded.chiHoi, publishConsent: true });
    const assignmentId = await h.routed(item.id);
    const photo = await h.upload(officer, tinyPng(24, 16, [30, 120, 60]), "den-da-sang.png");
    await h.call(officer, "POST", `/assignments/${assignmentId}/resolve`, { message: ANSWER, mediaIds: [photo.id] });
    await h.call(officer, "POST", `/staff/publications/${item.id}/publish`, { text: PUBLIC_TEXT, answer: ANSWER, mediaIds: [photo.id] });
  });

  afterAll(async () => {
    await h?.close();
  });

  it("browses by commune, searches without diacritics, opens an item and the unit figures", async () => {
    await h.inBrowser("public-record", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      await page.getByText("Chào chị Dung!").waitFor({ timeout: 15_000 });
      await page.locator(".hs-tile", { hasText: "Kết quả xử lý" }).click();
      await page.getByTestId("public-record").waitFor();
      expect(new URL(page.url()).pathname).toMatch(/\/ket-qua$/);
      const cards = page.getByTestId("record-card");
      await cards.first().waitFor({ timeout: 15_000 });
      expect(await cards.count()).toBe(1);
      expect(await cards.first().textContent()).toContain("Đường điện chiếu sáng");
      await shot(page, "public-record-list");

      // typed without diacritics, found; a word that is nowhere, nothing
      const search = page.getByTestId("public-record").locator("input").first();
      await search.fill("duong dien chieu sang");
      await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(1);
      await search.fill("nuoc sach");
      await page.getByTestId("record-empty").waitFor({ timeout: 10_000 });
      await search.fill("");
      await cards.first().waitFor({ timeout: 10_000 });

      // by commune: the other one has nothing yet
      const commune = page.getByTestId("record-commune");
      expect(await commune.locator("option").allTextContents()).toEqual(["Tất cả xã/phường", "Phường Sa Pa", "Xã Bản Mế"]);
      await commune.selectOption({ label: "Phường Sa Pa" });
      await page.getByTestId("record-empty").waitFor({ timeout: 10_000 });
      await commune.selectOption({ label: "Xã Bản Mế" });
      await cards.first().waitFor({ timeout: 10_000 });

      await cards.first().click();
      const detail = page.getByTestId("record-detail");
      await detail.waitFor();
      await expect.poll(() => page.getByTestId("record-text").textContent(), { timeout: 10_000 }).toBe(PUBLIC_TEXT);
      expect(await page.getByTestId("record-answer").textContent()).toBe(ANSWER);
      expect(await page.getByTestId("record-resolved").textContent()).toContain("Đúng hạn");
      expect(await page.getByTestId("record-rating").textContent()).toBe("Chưa đánh giá");
      // the public photo loads without her session
      await expect.poll(() => detail.locator(".hs-thumb img").evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 }).toBe(24);
      const html = await page.content();
      for (const secret of [WOMAN.name, WOMAN.shownPhone, "Chi hội thôn Nậm Chảy"]) expect(html).not.toContain(secret);
      // the page fits a 360 px phone: nothing wider than the screen
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await shot(page, "public-record-item");

      await page.goBack();
      await page.getByRole("tab", { name: "Số liệu" }).click();
      const unit = page.getByTestId("record-unit");
      await unit.first().waitFor({ timeout: 10_000 });
      expect(await unit.first().textContent()).toContain("Xã Bản Mế");
      // one item: every figure of the unit reads "dưới 5"
      expect(await unit.first().getByTestId("figure-received").textContent()).toBe("dưới 5");
      expect(await unit.first().getByTestId("figure-satisfied").textContent()).toBe("dưới 5");
      await shot(page, "public-record-figures");
    });
  });

  it("the send form offers the consent only for an item that may be published", async () => {
    await h.inBrowser("public-record-consent", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      await page.getByText("Chào chị Dung!").waitFor({ timeout: 15_000 });
      await page.locator(".hs-tile", { hasText: "Phản ánh" }).click();
      await page.getByTestId("send-form").waitFor();
      await page.getByTestId("kind").getByRole("radio", { name: /^Phản ánh/ }).click();
      const cats = page.getByTestId("category");
      await cats.getByRole("radio", { name: "Đất đai – môi trường" }).click();
      const consent = page.getByTestId("publish-consent");
      await consent.waitFor();
      expect(await consent.locator("input").isChecked()).toBe(false);
      await page.getByTestId("anonymous").click();
      await expect.poll(() => consent.count()).toBe(0);
      await page.getByTestId("anonymous").click();
      await consent.waitFor();
      await cats.getByRole("radio", { name: /Bạo lực gia đình/ }).click();
      await expect.poll(() => consent.count()).toBe(0);
      await cats.getByRole("radio", { name: "Đất đai – môi trường" }).click();
      await consent.locator("input").check();
      await shot(page, "public-record-consent");
    });
  });
});
