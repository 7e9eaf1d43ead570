import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NotificationList } from "@hoiso/shared";
import { available, devLoginAs, shot, startHarness, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * Thông báo: before she has sent anything the list says so; once the workers have forwarded her item to the xã,
 * the home card counts it as unread, the list highlights it, and tapping it marks it read and opens the item in Theo dõi.
 */
describe.runIf(available)("Thông báo: her in-app notifications", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  const unreadInDb = async () =>
    (
      await h.t.deps.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM deliveries WHERE recipient_id = $1 AND channel = 'in_app' AND read_at IS NULL",
        [h.seeded.woman],
      )
    ).rows[0]!.n;

  it("shows the forwarded notice unread, opens the item on tap and the unread count drops", async () => {
    await h.inBrowser("notifications", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      await page.getByText("Chào chị Dung!").waitFor({ timeout: 15_000 });

      // Nothing sent yet: an empty list that says so, and no count on the home card.
      const card = page.getByTestId("notice-card");
      await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("Chị đã xem hết thông báo");
      expect(await page.getByTestId("notice-count").count()).toBe(0);
      await card.click();
      await page.getByTestId("notifications-empty").getByText("Chị chưa có thông báo nào.").waitFor({ timeout: 10_000 });
      expect(new URL(page.url()).pathname).toMatch(/^\/zapps\/[^/]+\/thong-bao$/);

      // She sends an item (through the API, as the app would) and the workers forward it to her xã.
      const token = await h.tokenFor(WOMAN.zaloId, WOMAN.name);
      const created = await h.submit(token, {
        kind: "feedback",
        category: "viec_lam",
        body: "Xưởng chè Bản Mế ba tháng chưa trả lương cho chị em trong thôn.",
        unitId: h.seeded.chiHoi,
      });
      await h.routed(created.id);
      await expect
        .poll(
          async () =>
            (
              await h.t.deps.pool.query(
                "SELECT 1 FROM deliveries WHERE recipient_id = $1 AND channel = 'in_app' AND type = 'feedback.author.forwarded'",
                [h.seeded.woman],
              )
            ).rowCount,
          { timeout: 20_000 },
        )
        .toBe(1);
      const unreadBefore = await unreadInDb();
      expect(unreadBefore).toBeGreaterThanOrEqual(1);

      // Home counts it.
      await page.goto(`${h.base}/zapps/hoiso/`);
      await expect.poll(() => page.getByTestId("notice-count").textContent(), { timeout: 15_000 }).toBe(String(unreadBefore));
      expect(await card.textContent()).toContain(`Chị có ${unreadBefore} thông báo mới`);
      await shot(page, "notifications-home");

      // The list: newest first, the forwarded notice unread and highlighted, with its time in words.
      await card.click();
      const notices = page.getByTestId("notice");
      const forwarded = notices.filter({ hasText: "đã được chuyển đến Xã Bản Mế" });
      await forwarded.waitFor({ timeout: 10_000 });
      expect(await forwarded.textContent()).toContain(`Phản ánh ${created.trackingCode} của chị đã được chuyển đến Xã Bản Mế.`);
      expect(await forwarded.getAttribute("data-unread")).toBe("true");
      expect(await forwarded.getAttribute("class")).toContain("hs-notice-unread");
      expect(await forwarded.locator(".hs-notice-meta").textContent()).toMatch(/^\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}$/);
      // the same list, in the same order, as the server writes it out for her
      const order = await h.call<NotificationList>(token, "GET", "/notifications");
      expect(await notices.locator(".hs-notice-text").allTextContents()).toEqual(order.items.map((n) => n.text));
      expect(await page.getByTestId("notifications-unread").textContent()).toBe(`Chị có ${unreadBefore} thông báo chưa đọc.`);
      await shot(page, "notifications-list");

      // Tapping it marks it read and opens the item in Theo dõi.
      await forwarded.click();
      await page.getByTestId("item-detail").waitFor({ timeout: 10_000 });
      expect(new URL(page.url()).pathname).toMatch(new RegExp(`/phan-anh/theo-doi/${created.id}$`));
      await expect.poll(() => page.getByTestId("detail-code").textContent(), { timeout: 10_000 }).toBe(created.trackingCode);
      expect(await unreadInDb()).toBe(unreadBefore - 1);

      // Back in the list it is no longer highlighted; home's count has dropped.
      await page.goBack();
      await expect.poll(() => forwarded.getAttribute("data-unread"), { timeout: 10_000 }).toBe("false");
      await page.goto(`${h.base}/zapps/hoiso/`);
      await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain(
        unreadBefore - 1 > 0 ? `Chị có ${unreadBefore - 1} thông báo mới` : "Chị đã xem hết thông báo",
      );
      if (unreadBefore - 1 > 0) expect(await page.getByTestId("notice-count").textContent()).toBe(String(unreadBefore - 1));
      else expect(await page.getByTestId("notice-count").count()).toBe(0);
      await shot(page, "notifications-after");
    });
  }, 60_000);
});
