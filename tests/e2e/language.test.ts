import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, devLoginAs, shot, startHarness, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * She chooses H'Mông in Cá nhân: the app switches at once, shows the H'Mông strings the catalogues have (needing review)
 * and Vietnamese for the rest, keeps it after a reload (the server stores it), and a Vietnamese reader never downloads a
 * H'Mông or Dao catalogue. Nothing may overflow a 360 px phone in either language.
 */
describe.runIf(available)("her language, chosen in Cá nhân", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Every element wider than the 360 px screen (the page must never scroll sideways). */
  const overflowing = (page: Page) =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      // The segment strips (the inbox's filters) scroll sideways on purpose and may hold more than the screen shows.
      return [...document.querySelectorAll<HTMLElement>(".hs-page *, .hs-bottom-nav *")]
        .filter((e) => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length > 0 && !e.closest(".hs-segments"))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? "").slice(0, 40)}`);
    });
  const tab = (page: Page, label: string) => page.locator(".hs-bottom-nav").getByText(label, { exact: true });
  const languageInDb = async () =>
    (await h.t.deps.pool.query<{ language: string | null }>("SELECT language FROM members WHERE id = $1", [h.seeded.woman])).rows[0]!.language;

  it("switches to H'Mông at once, falls back to Vietnamese where there is no translation, and keeps it after a reload", async () => {
    await h.inBrowser("language", async (page) => {
      const catalogues: string[] = [];
      page.on("request", (r) => {
        const m = /\/assets\/(hmn|dao)\.[^/]+\.js$/.exec(r.url());
        if (m) catalogues.push(m[1]!);
      });

      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      await page.getByText("Chào chị Dung!").waitFor({ timeout: 15_000 });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("vi");

      await tab(page, "Cá nhân").click();
      const picker = page.getByTestId("language");
      await picker.getByText("Ngôn ngữ", { exact: true }).waitFor({ timeout: 10_000 });
      expect(await picker.getByRole("radio", { name: "Tiếng Việt" }).getAttribute("aria-checked")).toBe("true");
      expect(await overflowing(page)).toEqual([]);
      // Reading in Vietnamese, she has fetched no other language's catalogue.
      expect(catalogues).toEqual([]);

      await picker.getByRole("radio", { name: "Lus Hmoob" }).click();
      // At once, without a reload: the strings hmn has…
      await picker.getByText("Hom lus", { exact: true }).waitFor({ timeout: 10_000 });
      expect(await picker.getByRole("radio", { name: "Lus Hmoob" }).getAttribute("aria-checked")).toBe("true");
      expect(await page.locator(".hs-header-title").textContent()).toBe("Kuv");
      await tab(page, "Kuv").waitFor();
      await tab(page, "Tsev").waitFor();
      // …and Vietnamese for those it has not (yet).
      await page.getByTestId("unit").getByText("Chi hội", { exact: true }).waitFor();
      await page.getByTestId("phone").getByText("Số điện thoại", { exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("hmn");
      expect(await languageInDb()).toBe("hmn");
      expect(catalogues).toContain("hmn");
      expect(catalogues).not.toContain("dao");
      expect(await overflowing(page)).toEqual([]);
      await shot(page, "language-profile-hmn");

      // A reload: Zalo's own start again, the language comes from her record on the server.
      await page.reload();
      await tab(page, "Tsev").waitFor({ timeout: 15_000 });
      await tab(page, "Tsev").click();
      await page.getByText("Nyob zoo Dung!").waitFor({ timeout: 15_000 });
      await page.getByText("Koom Haum Poj Niam xeev Lào Cai yeej nrog koj ua ke.").waitFor();
      await page.locator(".hs-tile", { hasText: "Tswv yim" }).getByText("Xa tswv yim, kev thov mus rau Koom Haum").waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("hmn");
      expect(await overflowing(page)).toEqual([]);
      await shot(page, "language-home-hmn");

      // Sending: the form is in H'Mông, except who may know she sent it, which is her choice and stays in Vietnamese
      // until the union's translators have checked a text.
      await page.locator(".hs-tile", { hasText: "Tswv yim" }).click();
      const form = page.getByTestId("send-form");
      await form.waitFor({ timeout: 15_000 });
      await form.getByRole("button", { name: "Xa", exact: true }).waitFor();
      await form.getByText("Koj xav xa dab tsi?").waitFor();
      await form.getByText("Ai được biết chị gửi?").waitFor();
      expect(await overflowing(page)).toEqual([]);
      await shot(page, "language-feedback-hmn");

      // And back to Vietnamese.
      await tab(page, "Kuv").click();
      await page.getByTestId("language").getByRole("radio", { name: "Tiếng Việt" }).click();
      await page.getByTestId("language").getByText("Ngôn ngữ", { exact: true }).waitFor({ timeout: 10_000 });
      await tab(page, "Cá nhân").waitFor();
      expect(await languageInDb()).toBe("vi");
    });
  });
});
