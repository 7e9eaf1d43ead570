import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminArticle, AdminGuide, ArticleWriteBody, GuideWriteBody } from "@hoiso/shared";
import { inBrowser as runInBrowser } from "../helpers/chromium.js";
import { available, devLoginAs, OFFICER, SHOTS, shot, startHarness, tinyPng, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * Tìm hiểu in Chromium against the real server (content module, media, workers): the xã officer writes and publishes
 * a resolution with a cover, an audio reading and a two-question check, and a guide; the woman of a chi hội under that
 * xã finds the article by a search without diacritics, plays its audio, reads to the end, passes the check and sees
 * "Đã học"; after a reload she opens it again offline from the copy on her phone; she ticks a guide's steps and they
 * are still ticked after a reload. Every screen is looked at on a 360 px phone, nothing wider than the screen.
 */

/** A real one-second WAV (8 kHz, 8-bit mono, a 400 Hz square tone), small enough to play at once. */
function tinyWav(seconds = 1, rate = 8000): Buffer {
  const n = Math.round(seconds * rate);
  const data = Buffer.alloc(n);
  for (let i = 0; i < n; i++) data[i] = Math.floor((i * 400) / rate) % 2 ? 160 : 96;
  const h = Buffer.alloc(44);
  h.write("RIFF", 0, "latin1");
  h.writeUInt32LE(36 + n, 4);
  h.write("WAVE", 8, "latin1");
  h.write("fmt ", 12, "latin1");
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate, 28); // byte rate
  h.writeUInt16LE(1, 32); // block align
  h.writeUInt16LE(8, 34); // bits
  h.write("data", 36, "latin1");
  h.writeUInt32LE(n, 40);
  return Buffer.concat([h, data]);
}

const TITLE = "Nghị quyết 29-NQ/TU: phụ nữ vùng cao cùng phát triển";
const BODY = [
  "Nghị quyết số 29 của Tỉnh ủy đặt mục tiêu **mọi chi hội** đều có hội viên biết dùng dịch vụ công trực tuyến.",
  "",
  ...Array.from({ length: 30 }, (_, i) => `- Mục tiêu ${i + 1}: chị em được hướng dẫn, được hỏi, được giúp đỡ tận nơi.`),
  "",
  "Hết phần tóm tắt.",
].join("\n");

describe.runIf(available)("Tìm hiểu in Chromium", () => {
  let h: Harness;
  let articleId = "";
  let guideId = "";

  beforeAll(async () => {
    h = await startHarness();
    const officer = await h.tokenFor(OFFICER.zaloId, OFFICER.name);
    const cover = await h.upload(officer, tinyPng(64, 40, [40, 120, 90]), "bia.png");
    const audio = await h.upload(officer, tinyWav(), "doc-bai.wav");
    const article: ArticleWriteBody = {
      kind: "nghi_quyet",
      unitId: h.seeded.xa,
      coverMediaId: cover.id,
      variants: [{ language: "vi", title: TITLE, body: BODY, audioMediaId: audio.id }],
      questions: [
        { prompt: { vi: "Nghị quyết là của cấp nào?" }, choices: [{ vi: "Tỉnh ủy" }, { vi: "Xã" }], answer: 0 },
        { prompt: { vi: "Ai được hướng dẫn?" }, choices: [{ vi: "Chỉ cán bộ" }, { vi: "Chị em hội viên" }, { vi: "Không ai" }], answer: 1 },
      ],
    };
    articleId = (await h.call<AdminArticle>(officer, "POST", "/admin/articles", article)).id;
    await h.call(officer, "POST", `/admin/articles/${articleId}/publish`, { notify: false });
    const guide: GuideWriteBody = {
      unitId: h.seeded.xa,
      title: "Đăng ký khai sinh trực tuyến",
      summary: "Làm giấy khai sinh cho con trên Cổng Dịch vụ công, không phải đi lại nhiều.",
      steps: [{ title: "Đăng nhập bằng VNeID", detail: "Tài khoản định danh mức 2" }, { title: "Điền tờ khai" }, { title: "Nhận kết quả" }],
      papers: ["Giấy chứng sinh", "CCCD của cha hoặc mẹ"],
      where: "Cổng Dịch vụ công quốc gia hoặc UBND xã",
      when: "Trong 60 ngày kể từ ngày sinh",
      fees: "Miễn phí",
      whoToAsk: "Cán bộ tư pháp xã",
      faq: [{ question: "Có phải mang con đến không?", answer: "Không cần." }],
      portalUrl: "https://dichvucong.gov.vn/",
      sourceName: "Thủ tục liên thông đăng ký khai sinh",
      sourceUrl: "https://dichvucong.gov.vn/",
      checkedOn: "2026-11-20",
    };
    guideId = (await h.call<AdminGuide>(officer, "POST", "/admin/guides", guide)).id;
    await h.call(officer, "POST", `/admin/guides/${guideId}/publish`, { notify: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  // Audio starts from a test's play() without a tap.
  const inBrowser = (name: string, body: (page: Page) => Promise<void>) =>
    runInBrowser({ name, shotsDir: SHOTS, extraArgs: ["--autoplay-policy=no-user-gesture-required"] }, body);

  /** Every element wider than the 360 px screen (segment strips scroll sideways on purpose). */
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
  const readRow = async () =>
    (
      await h.t.deps.pool.query<{ opened: boolean; read_to_end: boolean; listened: number; studied: boolean }>(
        `SELECT opened_at IS NOT NULL AS opened, read_to_end_at IS NOT NULL AS read_to_end, listened_fraction AS listened, studied_at IS NOT NULL AS studied
           FROM article_reads WHERE article_id = $1 AND member_id = $2`,
        [articleId, h.seeded.woman],
      )
    ).rows[0];
  const learnTab = (page: Page) => page.locator(".hs-bottom-nav").getByText("Tìm hiểu", { exact: true });

  it("finds the article without diacritics, plays its audio, passes the check (Đã học), and opens it again offline after a reload", async () => {
    await inBrowser("learn-article", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      await learnTab(page).click();
      await page.getByTestId("learn").waitFor({ timeout: 15_000 });
      const card = page.getByTestId("article-card").filter({ hasText: TITLE });
      await card.waitFor({ timeout: 15_000 });
      await expect.poll(() => card.locator("img").count(), { timeout: 10_000 }).toBe(1);
      await looked(page, "learn-list");

      await page.getByPlaceholder("Ví dụ: nghi quyet 29").fill("nghi quyet 29");
      await expect.poll(() => card.isVisible(), { timeout: 10_000 }).toBe(true);
      await page.getByPlaceholder("Ví dụ: nghi quyet 29").fill("khong co bai nao nhu the");
      await page.getByTestId("learn-empty").waitFor({ timeout: 10_000 });
      await page.getByPlaceholder("Ví dụ: nghi quyet 29").fill("");
      await page.getByRole("tab", { name: "Nghị quyết" }).click();
      await card.click();

      await expect.poll(() => page.getByTestId("article-title").textContent(), { timeout: 15_000 }).toBe(TITLE);
      await expect.poll(async () => (await readRow())?.opened, { timeout: 10_000 }).toBe(true);
      // The text is the server's rendering: Markdown emphasis became <strong>.
      expect(await page.getByTestId("article-body").locator("strong").textContent()).toBe("mọi chi hội");
      await looked(page, "learn-article");

      const audio = page.getByTestId("reading-player").locator("audio");
      await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.src.startsWith("blob:")), { timeout: 15_000 }).toBe(true);
      await audio.evaluate((a: HTMLAudioElement) => a.play());
      await expect.poll(async () => (await readRow())?.listened, { timeout: 15_000 }).toBe(1);

      await page.getByLabel("Chữ to").check();
      expect(await page.locator(".hs-learn-large").count()).toBe(1);

      // A wrong answer first: she is told which, and tries again.
      const check = page.getByTestId("quick-check");
      await check.getByLabel("Xã").check();
      await check.getByLabel("Chị em hội viên").check();
      await check.getByRole("button", { name: "Gửi câu trả lời" }).click();
      await expect.poll(() => page.getByTestId("check-result").textContent(), { timeout: 10_000 }).toContain("Có câu chưa đúng");
      expect(await readRow()).toMatchObject({ studied: false });
      await check.getByRole("button", { name: "Làm lại" }).click();
      await check.getByLabel("Tỉnh ủy").check();
      await check.getByRole("button", { name: "Gửi câu trả lời" }).click();
      await expect.poll(() => page.getByTestId("check-result").textContent(), { timeout: 10_000 }).toContain("đúng tất cả");
      await page.getByTestId("studied").waitFor({ timeout: 10_000 });
      expect(await readRow()).toMatchObject({ studied: true });

      await page.getByTestId("article-end").scrollIntoViewIfNeeded();
      await expect.poll(async () => (await readRow())?.read_to_end, { timeout: 10_000 }).toBe(true);
      await looked(page, "learn-article-studied");

      // Her profile lists it.
      await page.locator(".hs-bottom-nav").getByText("Cá nhân", { exact: true }).click();
      await expect.poll(() => page.getByTestId("studied-section").textContent(), { timeout: 10_000 }).toContain(TITLE);
      expect(await page.getByTestId("studied-resolutions").textContent()).toContain("1/1");
      await looked(page, "learn-profile");

      // A fresh start (the memory cache gone), the list fetched online, then the network drops: the article opens
      // from the copy saved on the phone, and says so. The large-text choice is remembered too.
      await page.reload();
      await learnTab(page).click();
      await card.waitFor({ timeout: 15_000 });
      await page.context().setOffline(true);
      await card.click();
      await expect.poll(() => page.getByTestId("article-title").textContent(), { timeout: 15_000 }).toBe(TITLE);
      await page.getByTestId("learn-offline").waitFor({ timeout: 15_000 });
      expect(await page.getByTestId("article-body").locator("strong").textContent()).toBe("mọi chi hội");
      expect(await page.locator(".hs-learn-large").count()).toBe(1);
      await page.getByTestId("studied").waitFor();
      await looked(page, "learn-offline");
      await page.context().setOffline(false);
    });
  });

  it("ticks a guide's steps, still ticked after a reload, with its source and date checked shown", async () => {
    await inBrowser("learn-guide", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      await learnTab(page).click();
      await page.getByRole("tab", { name: "Hướng dẫn dịch vụ công" }).click();
      await page.getByTestId("guide-card").filter({ hasText: "Đăng ký khai sinh trực tuyến" }).click();
      await page.getByTestId("guide-title").waitFor({ timeout: 15_000 });
      expect(await page.getByTestId("guide-source").textContent()).toContain("20/11/2026");
      expect(await page.getByTestId("guide-portal").getAttribute("href")).toBe("https://dichvucong.gov.vn/");
      const steps = page.getByTestId("guide-step");
      expect(await steps.count()).toBe(3);
      await steps.nth(0).check();
      await steps.nth(2).check();
      expect(await page.getByTestId("guide-done").textContent()).toBe("Đã làm 2/3 bước");
      await looked(page, "learn-guide");

      await page.reload();
      await page.getByTestId("guide-title").waitFor({ timeout: 15_000 });
      expect(await Promise.all([0, 1, 2].map((i) => steps.nth(i).isChecked()))).toEqual([true, false, true]);
    });
  });

  it("lets the xã officer see her articles with status and reach, and open the editor, at 360 px", async () => {
    await inBrowser("learn-admin", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, OFFICER.zaloId);
      await page.getByText("Chào chị Mai!").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/quan-tri/tim-hieu`);
      const row = page.getByTestId("content-row").filter({ hasText: TITLE });
      await row.waitFor({ timeout: 15_000 });
      expect(await row.textContent()).toContain("Đã đăng");
      await looked(page, "learn-admin-list");
      await row.click();
      await page.getByTestId("publish-panel").waitFor({ timeout: 15_000 });
      await page.getByTestId("reach-panel").locator("table").waitFor({ timeout: 15_000 });
      await page.getByRole("button", { name: "Xem trước" }).click();
      await expect.poll(() => page.getByTestId("content-preview").locator("strong").first().textContent(), { timeout: 10_000 }).toBe("mọi chi hội");
      await looked(page, "learn-admin-editor");
      await page.setViewportSize({ width: 1200, height: 900 });
      await page.screenshot({ path: path.join(SHOTS, "e2e-learn-admin-wide.png"), fullPage: true });
    });
  });
});
