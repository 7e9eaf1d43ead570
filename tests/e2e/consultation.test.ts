import fs from "node:fs";
import JSZip from "jszip";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminConsultationList } from "@hoiso/shared";
import { docxText } from "../server/consultations/world.js";
import { available, devLoginAs, OFFICER, shot, startHarness, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * Góp ý dự thảo in Chromium against the real server, on a 360 px phone: the xã officer pastes a draft (two articles)
 * and publishes it to her xã; a woman of a chi hội there finds it on Trang chủ, proposes a change to Điều 1 without
 * her name and agrees with Điều 2; the officer sees the counts and the comment marked anonymous, writes a synthesis,
 * closes the consultation and downloads the report, a Word file whose counts and quote match and which names nobody.
 */
const TITLE = "Dự thảo quy chế quỹ tiết kiệm chi hội";
const DRAFT = "Điều 1. Mức đóng góp\nMỗi hội viên góp 20.000 đồng mỗi tháng.\n\nĐiều 2. Người giữ quỹ\nChi hội trưởng giữ sổ quỹ.";
const PROPOSAL = "Xin giảm còn 10.000 đồng vì mùa giáp hạt khó khăn";

describe.runIf(available)("Góp ý dự thảo in Chromium", () => {
  let h: Harness;
  let officer = "";

  beforeAll(async () => {
    h = await startHarness();
    officer = await h.tokenFor(OFFICER.zaloId, OFFICER.name);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const overflowing = (page: Page) =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll<HTMLElement>(".hs-page *, .hs-bottom-nav *")]
        .filter((e) => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length > 0 && !e.closest(".hs-segments"))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? "").slice(0, 40)}`);
    });
  const looked = async (page: Page, name: string) => {
    expect(await overflowing(page), `${name} fits 360 px`).toEqual([]);
    await shot(page, name);
  };

  it("a woman comments on a section; the cán bộ sees it, closes and downloads the report", async () => {
    let id = "";
    await h.inBrowser("consultation-create", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, OFFICER.zaloId);
      // Trang chủ, not the login screen (which also says Hội Số): the session is stored before she navigates
      await page.locator(".hs-home").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/quan-tri/gop-y`);
      await page.getByTestId("consultations-admin").waitFor({ timeout: 15_000 });
      await page.getByRole("button", { name: "Tạo đợt góp ý mới" }).click();
      await page.getByTestId("consultation-form").waitFor();
      await page.getByTestId("consultation-title").fill(TITLE);
      await page.getByTestId("consultation-summary").fill("Quy định mức góp và người giữ quỹ tiết kiệm của chi hội.");
      await page.getByTestId("consultation-draft").fill(DRAFT);
      await looked(page, "consultation-form");
      await page.getByTestId("consultation-create").click();
      await page.getByTestId("consultation-admin-detail").waitFor({ timeout: 15_000 });
      expect(await page.getByTestId("admin-section").count()).toBe(2);
      await page.getByTestId("consultation-publish").click();
      await expect.poll(() => page.getByTestId("consultation-phase").textContent(), { timeout: 15_000 }).toBe("Đang lấy ý kiến");
      await looked(page, "consultation-published");
      id = page.url().split("/").pop() ?? "";
    });
    expect((await h.call<AdminConsultationList>(officer, "GET", "/admin/consultations")).items.map((c) => [c.id, c.title])).toEqual([[id, TITLE]]);

    await h.inBrowser("consultation-woman", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      const card = page.getByTestId("consultation-card");
      await card.waitFor({ timeout: 15_000 });
      await looked(page, "consultation-home");
      await card.getByRole("button", { name: "Xem và góp ý" }).click();
      await page.getByTestId("consultation").filter({ hasText: TITLE }).click();
      const section = page.getByTestId("consultation-section");
      await expect.poll(() => section.textContent(), { timeout: 15_000 }).toContain("Điều 1. Mức đóng góp");
      await page.getByTestId("consultation-anonymous").locator("input").check();
      await section.getByTestId("stance-propose").click();
      await section.getByTestId("consultation-text").fill(PROPOSAL);
      await looked(page, "consultation-section");
      await section.getByTestId("consultation-save").click();
      // saved, she is taken to the next article
      await expect.poll(() => section.textContent(), { timeout: 15_000 }).toContain("Điều 2. Người giữ quỹ");
      await section.getByTestId("stance-agree").click();
      await section.getByTestId("consultation-save").click();
      await expect.poll(() => section.textContent(), { timeout: 15_000 }).toContain("Chị đã chọn: Đồng ý");
      await page.getByRole("button", { name: "Phần trước" }).click();
      await expect.poll(() => section.textContent(), { timeout: 10_000 }).toContain("Chị đã chọn: Đề xuất sửa");
      await looked(page, "consultation-saved");
    });

    await h.inBrowser("consultation-review", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, OFFICER.zaloId);
      // Trang chủ, not the login screen (which also says Hội Số): the session is stored before she navigates
      await page.locator(".hs-home").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/quan-tri/gop-y/${id}`);
      await page.getByTestId("consultation-admin-detail").waitFor({ timeout: 15_000 });
      const first = page.getByTestId("admin-section").first();
      await expect.poll(() => page.getByTestId("consultation-took").textContent(), { timeout: 15_000 }).toBe("1 chị em, 1 đơn vị đã tham gia");
      expect(await first.getByTestId("section-counts").innerText()).toMatch(/0\s*Đồng ý\s*0\s*Không đồng ý\s*1\s*Đề xuất sửa/);
      await first.getByTestId("section-comments-toggle").click();
      const comment = first.getByTestId("admin-comment");
      await expect.poll(() => comment.textContent(), { timeout: 10_000 }).toContain(PROPOSAL);
      const shown = (await comment.textContent()) ?? "";
      expect(shown).toContain("Ẩn danh");
      expect(shown).not.toContain(WOMAN.name);
      await first.locator("textarea").fill("Chị em đề nghị giảm mức góp trong mùa giáp hạt.");
      await first.getByRole("button", { name: "Lưu tổng hợp" }).click();
      await page.getByText("Đã lưu tổng hợp.").waitFor({ timeout: 10_000 });
      await looked(page, "consultation-review");
      await page.getByTestId("consultation-close").click();
      await expect.poll(() => page.getByTestId("consultation-phase").textContent(), { timeout: 15_000 }).toBe("Đã kết thúc");
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.getByTestId("consultation-report").click()]);
      expect(download.suggestedFilename()).toMatch(/^bao-cao-gop-y-.*\.docx$/);
      const file = await download.path();
      const zip = await JSZip.loadAsync(fs.readFileSync(file));
      const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
      const text = docxText(xml);
      expect(text).toContain("Số chị em tham gia góp ý: 1");
      expect([...text.matchAll(/Trong đó ý kiến trùng\n(\d+)\n(\d+)\n(\d+)\n(\d+)\n/g)].map((m) => m.slice(1, 5).map(Number))).toEqual([
        [0, 0, 1, 0],
        [1, 0, 0, 0],
      ]);
      expect(text).toContain(`“${PROPOSAL}” (Ý kiến ẩn danh)`);
      expect(text).toContain("Chị em đề nghị giảm mức góp trong mùa giáp hạt.");
      expect(text).not.toContain(WOMAN.name);
      await looked(page, "consultation-closed");
    });
  }, 240_000);
});
