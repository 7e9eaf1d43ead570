import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerMessages } from "../../server/src/i18n/index.js";
import { record } from "../../server/src/modules/notify/outbox.js";
import { available, devLoginAs, OFFICER, shot, startHarness, type Harness } from "./feedback-harness.js";

/**
 * The Mini App opens any module's notification from one place, by the link its source carries: a stand-in module
 * (defined here, unknown to the app) tells the xã officer about something at /tim-hieu, and tapping it there marks it
 * read and opens that page.
 */
describe.runIf(available)("Thông báo: a notification from another module opens its own page", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("taps through to the source's link", async () => {
    registerMessages({ vi: { testAnnouncement: { published: "Hội có bài mới trong mục Tìm hiểu: {{title}}." } } });
    const source = { module: "test-announcement", id: crypto.randomUUID() };
    await h.t.deps.db.transaction().execute((tx) =>
      record(tx, {
        source,
        key: "published",
        recipients: [{ memberId: h.seeded.officer, type: "testAnnouncement.published", params: { title: "Nuôi con khỏe" }, link: "/tim-hieu" }],
      }),
    );
    const readAt = async () =>
      (await h.t.deps.pool.query<{ read_at: Date | null }>("SELECT read_at FROM deliveries WHERE source_module = $1 AND source_id = $2", [source.module, source.id])).rows[0]
        ?.read_at ?? null;

    await h.inBrowser("notification-source", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, OFFICER.zaloId);
      await page.getByTestId("notice-card").click();
      const notice = page.locator('[data-testid="notice"][data-source="test-announcement"]');
      await notice.waitFor({ timeout: 15_000 });
      expect(await notice.locator(".hs-notice-text").textContent()).toBe("Hội có bài mới trong mục Tìm hiểu: Nuôi con khỏe.");
      expect(await notice.getAttribute("data-unread")).toBe("true");
      await shot(page, "notification-source-list");

      await notice.click();
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toMatch(/\/tim-hieu$/);
      await page.getByTestId("learn").waitFor({ timeout: 10_000 });
      expect(await readAt()).not.toBeNull();
      await shot(page, "notification-source-opened");
    });
  }, 60_000);
});
