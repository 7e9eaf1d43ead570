import crypto from "node:crypto";
import { foldVietnamese } from "@hoiso/shared";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminBroadcastList, Feed } from "@hoiso/shared";
import { available, devLoginAs, OFFICER, shot, startHarness, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * Thông báo in Chromium against the real server and workers: the xã officer composes an announcement for one chi hội
 * (Nậm Chảy), sees who it reaches and sends it; the woman of that chi hội sees it on Trang chủ with an unread count and
 * opens it; the officer's progress shows it read; a member of the other chi hội (Na Cáng) sees nothing. Every screen at
 * 360 px, nothing wider than the screen.
 */
const OTHER = { zaloId: "demo-canbo-chihoi", name: "Hoàng Thị Lan" };
const TITLE = "Họp chi hội Nậm Chảy ngày 15";
const BODY = "Mời chị em hội viên chi hội Nậm Chảy dự họp lúc 8 giờ sáng ngày 15 tại nhà văn hóa thôn. Mang theo sổ hội viên.";
const ARTICLE = "Hướng dẫn vay vốn ưu đãi cho hội viên";

describe.runIf(available)("Thông báo in Chromium", () => {
  let h: Harness;
  let officer = "";
  let other = "";
  let articleId = "";

  beforeAll(async () => {
    h = await startHarness();
    officer = await h.tokenFor(OFFICER.zaloId, OFFICER.name);
    other = await h.tokenFor(OTHER.zaloId, OTHER.name);
    const naCang = await h.t.deps.pool.query<{ id: string }>("SELECT id FROM units WHERE code = 'e2e-nacang'");
    await h.t.deps.pool.query("UPDATE members SET unit_id = $1 WHERE zalo_app_user_id = $2", [naCang.rows[0]!.id, `dev-${OTHER.zaloId}`]);
    // a published article of her xã, for the composer's link picker (written as the seed writes its samples)
    articleId = crypto.randomUUID();
    await h.t.deps.pool.query(
      `INSERT INTO articles (id, kind, unit_id, audience, status, publish_at, search_text) VALUES ($1, 'nghi_quyet', $2, ARRAY[$2::uuid], 'published', now() - interval '1 minute', $3)`,
      [articleId, h.seeded.xa, foldVietnamese(ARTICLE)],
    );
    await h.t.deps.pool.query("INSERT INTO article_variants (article_id, language, title, body, html, excerpt) VALUES ($1, 'vi', $2, $3, $4, $3)", [
      articleId,
      ARTICLE,
      "Hội viên vay vốn ưu đãi qua tổ tiết kiệm và vay vốn của Hội.",
      "<p>Hội viên vay vốn ưu đãi qua tổ tiết kiệm và vay vốn của Hội.</p>",
    ]);
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

  it("a xã cán bộ sends to one chi hội; a woman there reads it; the progress shows it read; the other chi hội sees nothing", async () => {
    let broadcastId = "";
    await h.inBrowser("broadcast-compose", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, OFFICER.zaloId);
      await page.getByTestId("broadcast-card").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/quan-tri/thong-bao`);
      await page.getByTestId("broadcasts-admin").waitFor({ timeout: 15_000 });
      await page.getByRole("button", { name: "Soạn thông báo mới" }).click();
      await page.getByTestId("broadcast-compose").waitFor();
      await page.getByLabel("Chi hội thôn Nậm Chảy").check();
      await page.getByTestId("broadcast-title").fill(TITLE);
      await page.getByTestId("broadcast-body").fill(BODY);
      // the link is picked from what she may attach, found by title typed without diacritics
      await page.getByTestId("broadcast-link-kind").selectOption("article");
      await page.getByTestId("broadcast-link-search").fill("vay von uu dai");
      await page.getByTestId("broadcast-link-option").filter({ hasText: ARTICLE }).click();
      await expect.poll(() => page.getByTestId("broadcast-link-chosen").textContent(), { timeout: 10_000 }).toContain(ARTICLE);
      // one woman in Nậm Chảy; she has no OA link, so the OA says why
      await expect.poll(() => page.getByTestId("broadcast-preview").textContent(), { timeout: 15_000 }).toContain("1 người nhận");
      expect(await page.getByTestId("preview-oa").textContent()).toContain("chưa liên kết OA");
      await looked(page, "broadcast-compose");
      await page.getByTestId("broadcast-send").click();
      await page.getByTestId("broadcast-progress").waitFor({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId("broadcast-totals").textContent(), { timeout: 20_000 }).toContain("1 người nhận · 0 đã đọc");
      await looked(page, "broadcast-progress");
      broadcastId = page.url().split("/").pop() ?? "";
    });
    const list = await h.call<AdminBroadcastList>(officer, "GET", "/admin/broadcasts");
    expect(list.items.map((b) => [b.id, b.title])).toEqual([[broadcastId, TITLE]]);

    await h.inBrowser("broadcast-member", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      const card = page.getByTestId("broadcast-card");
      await card.waitFor({ timeout: 15_000 });
      await expect.poll(() => card.getByTestId("broadcast-unread").textContent(), { timeout: 10_000 }).toBe("1");
      await looked(page, "broadcast-home");
      await card.getByTestId("broadcast-row").filter({ hasText: TITLE }).click();
      await expect.poll(() => page.getByTestId("broadcast-item").textContent(), { timeout: 10_000 }).toContain("nhà văn hóa thôn");
      await looked(page, "broadcast-item");
      await page.getByRole("button", { name: "Về danh sách thông báo" }).click();
      await expect.poll(() => page.getByTestId("broadcast-row").first().getAttribute("class"), { timeout: 10_000 }).not.toContain("is-unread");
      // the attached article opens from the announcement
      await page.getByTestId("broadcast-row").filter({ hasText: TITLE }).click();
      await page.getByRole("button", { name: "Đọc bài viết" }).click();
      await expect.poll(() => page.url(), { timeout: 10_000 }).toContain(articleId);
    });

    await h.inBrowser("broadcast-read", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, OFFICER.zaloId);
      await page.getByTestId("broadcast-card").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/quan-tri/thong-bao/${broadcastId}`);
      await expect.poll(() => page.getByTestId("broadcast-totals").textContent(), { timeout: 20_000 }).toContain("1 người nhận · 1 đã đọc");
      expect(await page.getByTestId("broadcast-unit-row").filter({ hasText: "Chi hội thôn Nậm Chảy" }).getByTestId("unit-read").textContent()).toBe("1");
      await looked(page, "broadcast-progress-read");
    });

    await h.inBrowser("broadcast-other", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, OTHER.zaloId);
      const card = page.getByTestId("broadcast-card");
      await card.waitFor({ timeout: 15_000 });
      await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("Chưa có thông báo nào.");
      expect(await card.getByTestId("broadcast-row").count()).toBe(0);
    });
    expect((await h.call<Feed>(other, "GET", "/broadcasts")).items).toEqual([]);
  }, 240_000);

  it("Thông báo pages with the server's cursor: the first 20, then Xem thêm for the rest", async () => {
    const woman = await h.tokenFor(WOMAN.zaloId, WOMAN.name);
    const before = (await h.call<Feed>(woman, "GET", "/broadcasts?limit=50")).items.length;
    const more = 21;
    for (let i = 1; i <= more; i++) {
      await h.call(officer, "POST", "/admin/broadcasts", { unitId: h.seeded.xa, targetUnitIds: [h.seeded.chiHoi], title: `Tin vắn số ${i}`, body: "Tin vắn của chi hội.", channels: ["oa"] });
    }
    const total = before + more;
    await expect.poll(async () => (await h.call<Feed>(woman, "GET", "/broadcasts?limit=50")).items.length, { timeout: 60_000, interval: 500 }).toBe(total);
    await h.inBrowser("broadcast-more", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      await page.getByTestId("broadcast-card").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/thong-bao-hoi`);
      const rows = page.getByTestId("broadcast-row");
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(20);
      await looked(page, "broadcast-list-first-page");
      await page.getByTestId("broadcast-more").click();
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(total);
      expect(await page.getByTestId("broadcast-more").count()).toBe(0);
      // every one once, the second page after the first
      const titles = (await rows.locator(".hs-choice-title").allTextContents()).map((x) => x.trim());
      expect(new Set(titles).size).toBe(total);
      for (let i = 1; i <= more; i++) expect(titles).toContain(`Tin vắn số ${i}`);
      await looked(page, "broadcast-list-more");
    });
  }, 240_000);
});
