import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, devLoginAs, shot, startHarness, type Harness } from "./feedback-harness.js";

/**
 * Issue 15: the province admin's Quản trị → Trợ lý OA at 360 px — she tries questions typed without diacritics (the
 * server's real matcher answers), rewrites one of the bot's sentences and changes a setting; each change is audited,
 * a setting out of range is refused before it is sent.
 */
describe.runIf(available)("Quản trị → Trợ lý OA", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.t.deps.pool.query<{ id: string }>("INSERT INTO members (zalo_app_user_id, name) VALUES ('dev-demo-admin', 'Nguyễn Thị Hồng Nhung') RETURNING id");
    await h.t.deps.pool.query("INSERT INTO roles (member_id, unit_id, role) VALUES ($1, $2, 'admin')", [admin.rows[0]!.id, h.seeded.tinh]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("tries questions, edits a sentence and the settings, all audited, nothing wider than the phone", async () => {
    await h.inBrowser("chatbot-admin", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, "demo-admin");
      await page.getByText("Chào chị Nhung!").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/quan-tri/tro-ly-oa`);
      await page.getByTestId("chatbot-admin").waitFor({ timeout: 15_000 });

      const tryBox = page.getByTestId("bot-try");
      const result = page.getByTestId("bot-try-result");
      const attempt = async (text: string) => {
        await tryBox.locator("input").fill(text);
        await tryBox.getByRole("button", { name: "Thử" }).click();
        await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain(text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase());
        return result;
      };
      expect(await (await attempt("toi bi chong danh")).getAttribute("data-kind")).toBe("danger");
      expect(await result.textContent()).toContain("113");
      expect(await (await attempt("xin chao")).getAttribute("data-kind")).toBe("menu");
      expect(await (await attempt("lam the nao de vay von")).getAttribute("data-kind")).toBe("question");

      const row = page.getByTestId("bot-text-news-vi");
      await page.getByTestId("bot-texts").locator("input").fill("tin tuc");
      await row.getByRole("button", { name: "Sửa" }).click();
      await row.locator("textarea").fill("Tin tức của Hội ở Hội Số: {{appLink}}");
      await row.getByRole("button", { name: "Lưu" }).click();
      await expect
        .poll(async () => (await h.t.deps.pool.query<{ text: string }>("SELECT text FROM chatbot_texts WHERE key = 'news' AND language = 'vi'")).rows[0]?.text, { timeout: 10_000 })
        .toBe("Tin tức của Hội ở Hội Số: {{appLink}}");

      const settings = page.getByTestId("bot-settings");
      // zmp-ui's Input does not tie its label to the field: the third field is the flood limit (CHATBOT_SETTING_LIMITS order).
      const perMinute = settings.locator("input").nth(2);
      await perMinute.fill("500");
      await settings.getByRole("button", { name: "Lưu cài đặt" }).click();
      await page.getByText("Có giá trị nằm ngoài khoảng cho phép.").waitFor({ timeout: 5000 });
      await perMinute.fill("20");
      await settings.getByRole("button", { name: "Lưu cài đặt" }).click();
      await expect
        .poll(async () => (await h.t.deps.pool.query<{ value: unknown }>("SELECT value FROM chatbot_settings WHERE key = 'per_follower_per_minute'")).rows[0]?.value, { timeout: 10_000 })
        .toBe(20);
      const audited = await h.t.deps.pool.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'chatbot.%' ORDER BY id");
      expect(audited.rows.map((r) => r.action)).toEqual(["chatbot.text.update", "chatbot.settings.update"]);

      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await attempt("toi bi chong danh");
      await shot(page, "chatbot-admin");
    });
  }, 150_000);
});
