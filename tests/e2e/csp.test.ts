import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, devLoginAs, startHarness, tinyPng, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * The Content-Security-Policy the server sends (server/src/http/security.ts) lets the built Mini App do everything
 * it does, in Chromium: the inline <base> script, lazily loaded pages, zmp-ui's styles, photos and a voice note shown
 * from blob: URLs, the API. Any violation the browser reports — a `securitypolicyviolation` event or a CSP console
 * error — fails the test. The Swagger UI at /docs (development only) is checked the same way.
 */

/** Collects violations in the page from before its first script, so nothing reported early is missed. */
const RECORD_VIOLATIONS = `(() => {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " (" + (e.sourceFile || location.pathname) + ":" + e.lineNumber + ")");
  });
})();`;

async function watch(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(RECORD_VIOLATIONS);
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
}

describe.runIf(available)("the Content-Security-Policy lets the Mini App and the API docs work", () => {
  let h: Harness;
  let trackingCode = "";

  beforeAll(async () => {
    h = await startHarness();
    const token = await h.tokenFor(WOMAN.zaloId, WOMAN.name);
    const photo = await h.upload(token, tinyPng(), "duong.png");
    const created = await h.submit(token, {
      kind: "feedback",
      category: "viec_lam",
      body: "Xưởng chè Bản Mế ba tháng chưa trả lương cho chị em trong thôn.",
      unitId: h.seeded.chiHoi,
      mediaIds: [photo.id],
    });
    trackingCode = created.trackingCode;
  });

  afterAll(async () => {
    await h?.close();
  });

  it("runs the Mini App under its CSP without a single violation", async () => {
    await h.inBrowser("csp-mini-app", async (page) => {
      const violations = await watch(page);
      // A deep link two levels under Zalo's prefix: the inline script must pin <base> there, or every asset misses.
      const res = await page.goto(`${h.base}/zapps/hoiso/phan-anh/cua-toi`);
      // Without the header this test would prove nothing.
      expect(res?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'sha256-/);
      expect(await page.evaluate(() => document.querySelector("base")?.getAttribute("href"))).toBe("/zapps/hoiso/");
      await devLoginAs(page, WOMAN.zaloId);
      await page.getByTestId("my-items").getByText(trackingCode).waitFor({ timeout: 15_000 });
      await page.locator(".zaui-bottom-navigation-item", { hasText: "Trang chủ" }).click();
      await page.getByText("Chào chị Dung!").waitFor({ timeout: 15_000 });

      // Pages loaded on first use, with their own chunks and stylesheets.
      await page.locator(".zaui-bottom-navigation-item", { hasText: "Phản ánh" }).click();
      await page.getByTestId("send-form").waitFor({ timeout: 15_000 });

      // A voice note from the fake microphone, played back from a blob: URL, and a photo preview.
      const voice = page.getByTestId("voice");
      await voice.getByRole("button", { name: "Bấm để ghi âm" }).click();
      await voice.getByText(/Đang ghi 0:0[1-9]/).waitFor({ timeout: 10_000 });
      await voice.getByRole("button", { name: "Bấm để dừng" }).click();
      await voice.getByText("Đã lưu ghi âm.").waitFor({ timeout: 15_000 });
      await page.getByTestId("photo-input").setInputFiles({ name: "anh.png", mimeType: "image/png", buffer: tinyPng() });
      await expect.poll(() => page.getByTestId("photos").locator(".hs-thumb-item").getAttribute("class"), { timeout: 15_000 }).toContain("hs-thumb-done");

      // Her sent item: its photo is fetched with the bearer token and shown from a blob: URL.
      await page.locator(".zaui-bottom-navigation-item", { hasText: "Cá nhân" }).click();
      await page.getByTestId("profile-name").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/phan-anh/cua-toi`);
      await page.getByTestId("my-items").getByText(trackingCode).click({ timeout: 15_000 });
      await expect.poll(() => page.locator(".hs-thumb img").evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 }).toBe(24);
      await page.goto(`${h.base}/zapps/hoiso/thong-bao`);
      await page.getByTestId("notifications-empty").or(page.locator(".hs-choice").first()).waitFor({ timeout: 15_000 });

      expect(await violations()).toEqual([]);
    });
  });

  it("lets the Swagger UI at /docs render the API without a violation", async () => {
    await h.inBrowser("csp-docs", async (page) => {
      const violations = await watch(page);
      await page.goto(`${h.base}/docs`);
      await page.locator(".swagger-ui .info .title", { hasText: "Hội Số API" }).waitFor({ timeout: 15_000 });
      await page.locator(".opblock-summary-path", { hasText: "/api/health" }).first().waitFor();
      expect(await violations()).toEqual([]);
    });
  });
});
