import crypto from "node:crypto";
import { chromiumAvailable, devLoginAs, inBrowser as runInBrowser } from "../helpers/chromium.js";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldVietnamese } from "@hoiso/shared";
import { buildApp } from "../../server/src/app.js";
import type { App } from "../../server/src/http/types-app.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { browserQueueBackend } from "../helpers/services.js";

/**
 * The built Mini App in Debian's Chromium against a whole in-process server: dev login (zmp-sdk only mocks on a
 * "localhost" hostname, so the page is opened there), the Vietnamese home screen, the bottom navigation, the
 * officer flow and Zalo's /zapps/<id>/ deep links. Needs `npm run build:app` first (the root `npm test` does it).
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WWW = path.join(ROOT, "mini-app/www");
const SHOTS = path.join(ROOT, "test-results");
const TABS = ["Trang chủ", "Tìm hiểu", "Phản ánh", "Thi", "Cá nhân"];

const available = chromiumAvailable("the Mini App browser tests (dev login, home screen, bottom navigation, cán bộ confirmation, /zapps deep links) are");

interface Seeded {
  tinh: string;
  xa: string;
  chiHoi: string;
  pendingMember: string;
}

/** A tiny Lào Cai tree written straight into the database (the seed script is not a dependency of this test). */
async function seed(t: TestContext): Promise<Seeded> {
  const units: Record<string, string> = {};
  const add = async (key: string, parent: string | null, level: string, code: string, name: string, kind: string | null, former: string[] = []) => {
    const id = crypto.randomUUID();
    const parentPath = parent ? (await t.deps.pool.query<{ path: string }>("SELECT path FROM units WHERE id = $1", [parent])).rows[0]!.path : "/";
    const searchText = [name, ...former].map(foldVietnamese).join(" | ");
    await t.deps.pool.query(
      `INSERT INTO units (id, parent_id, level, code, name, kind, path, former_names, search_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, parent, level, code, name, kind, `${parentPath}${id}/`, former, searchText],
    );
    units[key] = id;
    return id;
  };
  const tinh = await add("tinh", null, "tinh", "e2e-lc", "Hội LHPN tỉnh Lào Cai", null);
  const xa = await add("xa", tinh, "xa", "e2e-banme", "Xã Bản Mế", "xã", ["Xã Thải Giàng Phố"]);
  await add("xa2", tinh, "xa", "e2e-sapa", "Phường Sa Pa", "phường");
  const chiHoi = await add("chiHoi", xa, "chi_hoi", "e2e-namchay", "Chi hội thôn Nậm Chảy", null);
  await add("chiHoi2", xa, "chi_hoi", "e2e-nacang", "Chi hội thôn Na Cáng", null);

  // The xã officer exists before her first dev login (as scripts/seed would create her), with her role.
  const officer = await t.deps.pool.query<{ id: string }>(
    "INSERT INTO members (zalo_app_user_id, name) VALUES ('dev-demo-canbo-xa', 'Lò Thị Mai') RETURNING id",
  );
  await t.deps.pool.query("INSERT INTO roles (member_id, unit_id, role) VALUES ($1, $2, 'can_bo')", [officer.rows[0]!.id, xa]);
  const pending = await t.deps.pool.query<{ id: string }>(
    `INSERT INTO members (zalo_app_user_id, name, unit_id, membership_status, membership_requested_at)
     VALUES ('e2e-pending', 'Sùng Thị Pà', $1, 'pending', now()) RETURNING id`,
    [chiHoi],
  );
  return { tinh, xa, chiHoi, pendingMember: pending.rows[0]!.id };
}

describe.runIf(available)("Mini App in Chromium", () => {
  let t: TestContext;
  let web: App;
  let base = "";
  let seeded: Seeded;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(WWW, "index.html"))) {
      throw new Error(`${WWW}/index.html is missing: run \`npm run build:app\` before the browser tests (the root \`npm test\` does).`);
    }
    fs.mkdirSync(SHOTS, { recursive: true });
    t = await createTestContext({ backend: await browserQueueBackend() });
    web = await buildApp({ ...t.deps, config: { ...t.config, miniAppDir: WWW } }, { serveMiniApp: true });
    await web.listen({ port: 0, host: "127.0.0.1" });
    const addr = web.server.address();
    if (!addr || typeof addr === "string") throw new Error("server did not report a port");
    base = `http://localhost:${addr.port}`;
    seeded = await seed(t);
  });

  afterAll(async () => {
    await web?.close();
    await t?.close();
  });

  const inBrowser = (name: string, body: (page: Page) => Promise<void>) => runInBrowser({ name, shotsDir: SHOTS }, body);

  const tabLabels = (page: Page) => page.locator(".zaui-bottom-navigation-item-label").allTextContents();
  const activeTab = (page: Page) => page.locator(".zaui-bottom-navigation-item-active .zaui-bottom-navigation-item-label").textContent();

  it("logs in with a demo account at / and shows the Vietnamese home screen with the bottom navigation", async () => {
    await inBrowser("home", async (page) => {
      await page.goto(`${base}/`);
      await page.getByText("Đăng nhập thử nghiệm").waitFor({ timeout: 15_000 });
      expect(await page.locator("[data-zalo-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-zalo-id")))).toEqual([
        "demo-hoivien",
        "demo-canbo-chihoi",
        "demo-canbo-xa",
        "demo-admin",
      ]);
      await page.screenshot({ path: path.join(SHOTS, "e2e-dev-login.png"), fullPage: true });
      await devLoginAs(page, "demo-hoivien");

      await page.getByText("Chào chị Dung!").waitFor({ timeout: 15_000 });
      // Served at /, the app moves itself under /zapps/<id>/ so zmp-ui's router basename matches.
      expect(new URL(page.url()).pathname).toMatch(/^\/zapps\/[^/]+\/$/);
      expect(await tabLabels(page)).toEqual(TABS);
      expect(await activeTab(page)).toBe("Trang chủ");
      await expect.poll(() => page.getByTestId("membership").textContent()).toContain("Chị chưa chọn chi hội");
      expect(await page.getByTestId("officer-card").count(), "a plain member sees no Cán bộ card").toBe(0);
      for (const s of ["Tìm hiểu", "Phản ánh", "Thi", "Cá nhân"]) {
        expect(await page.locator(".hs-tile-title", { hasText: s }).count()).toBe(1);
      }
      await page.screenshot({ path: path.join(SHOTS, "e2e-home.png"), fullPage: true });
      // The Hội's rose theme, not zmp-ui's blue: our stylesheet must come after zmp-ui's, once, on every screen.
      const colours = await page.evaluate(() => ({
        body: getComputedStyle(document.body).backgroundColor,
        button: getComputedStyle(document.querySelector("[data-testid=membership] .zaui-btn-primary") as Element).backgroundColor,
        tab: getComputedStyle(document.querySelector(".zaui-bottom-navigation-item-active") as Element).color,
      }));
      expect(colours).toEqual({ body: "rgb(253, 246, 248)", button: "rgb(176, 38, 92)", tab: "rgb(176, 38, 92)" });

      await page.locator(".zaui-bottom-navigation-item", { hasText: "Tìm hiểu" }).click();
      await page.getByTestId("learn").waitFor();
      expect(await activeTab(page)).toBe("Tìm hiểu");
      await page.locator(".zaui-bottom-navigation-item", { hasText: "Thi" }).click();
      await page.getByTestId("quiz").waitFor();
      await page.locator(".zaui-bottom-navigation-item", { hasText: "Phản ánh" }).click();
      await page.locator(".hs-header-title", { hasText: "Phản ánh" }).waitFor();
      await page.locator(".zaui-bottom-navigation-item", { hasText: "Cá nhân" }).click();
      await expect.poll(() => page.getByTestId("profile-name").textContent()).toBe("Vàng Thị Dung");
      expect(await page.getByTestId("unit").textContent()).toContain("Chưa chọn");
      // Outside Zalo the SDK's mock gives no phone token: she is told why instead of a crash or a raw SDK error.
      await page.getByRole("button", { name: "Chia sẻ số điện thoại" }).click();
      const snack = page.locator(".zaui-snackbar");
      await expect.poll(() => snack.textContent()).toContain("Chỉ chia sẻ được số điện thoại khi mở Hội Số trong ứng dụng Zalo.");
      expect(await snack.textContent(), "no icon-font ligature text in the message").not.toMatch(/zi[-_]/);
      await page.screenshot({ path: path.join(SHOTS, "e2e-profile.png"), fullPage: true });

      // The officer page is gated on a role: a plain member gets an explanation, not the list.
      await page.goto(`${new URL(page.url()).origin}${new URL(page.url()).pathname.replace(/ca-nhan$/, "can-bo")}`);
      await page.getByText("Trang này dành cho cán bộ Hội").waitFor();
    });
  });

  it("shows the Cán bộ card to an officer, who confirms a pending member", async () => {
    await inBrowser("officer", async (page) => {
      await page.goto(`${base}/`);
      await devLoginAs(page, "demo-canbo-xa");
      await page.getByText("Chào chị Mai!").waitFor({ timeout: 15_000 });
      const card = page.getByTestId("officer-card");
      await expect.poll(() => card.textContent()).toContain("Xã Bản Mế");
      await page.screenshot({ path: path.join(SHOTS, "e2e-home-officer.png"), fullPage: true });

      await card.getByText("Xác nhận hội viên mới").click();
      await page.getByText("Sùng Thị Pà").waitFor();
      expect(new URL(page.url()).pathname).toMatch(/\/can-bo$/);
      await page.screenshot({ path: path.join(SHOTS, "e2e-officer.png"), fullPage: true });
      await page.getByRole("button", { name: "Xác nhận hội viên" }).click();
      await page.getByText("Hiện không có ai chờ xác nhận").waitFor();

      const row = await t.deps.pool.query("SELECT membership_status FROM members WHERE id = $1", [seeded.pendingMember]);
      expect(row.rows[0]?.membership_status).toBe("confirmed");
    });
  });

  it("opens Zalo-style /zapps/<id>/ deep links, with and without the trailing slash", async () => {
    await inBrowser("deeplink", async (page) => {
      await page.goto(`${base}/zapps/1234567890/ca-nhan`);
      await devLoginAs(page, "demo-hoivien");
      await expect.poll(() => page.getByTestId("profile-name").textContent(), { timeout: 15_000 }).toBe("Vàng Thị Dung");
      expect(new URL(page.url()).pathname).toBe("/zapps/1234567890/ca-nhan");
      expect(await activeTab(page)).toBe("Cá nhân");
      await page.screenshot({ path: path.join(SHOTS, "e2e-deeplink-profile.png"), fullPage: true });

      // The dev session is kept across reloads; the bare prefix (no slash) still finds its assets.
      await page.goto(`${base}/zapps/1234567890`);
      await page.getByText("Chào chị Dung!").waitFor({ timeout: 15_000 });
      expect(await tabLabels(page)).toEqual(TABS);

      await page.goto(`${base}/zapps/1234567890/thi`);
      await page.getByTestId("quiz").waitFor();
      expect(await activeTab(page)).toBe("Thi");
    });
  });

  it("lets a member find her xã without diacritics or by its old name and pick her chi hội", async () => {
    await inBrowser("unit-picker", async (page) => {
      await page.goto(`${base}/`);
      await devLoginAs(page, "demo-hoivien");
      // "Chọn chi hội" on the home card opens the picker itself, not the profile with another button to find.
      await page.getByTestId("membership").getByRole("button", { name: "Chọn chi hội" }).click();
      await page.getByTestId("unit-picker").waitFor();
      expect(new URL(page.url()).pathname).toMatch(/\/ca-nhan$/);
      const search = page.getByTestId("unit-picker").locator("input");

      await search.fill("thai giang");
      await page.locator(".hs-choice", { hasText: "Xã Bản Mế" }).waitFor({ timeout: 10_000 });
      expect(await page.locator(".hs-choice", { hasText: "Xã Bản Mế" }).textContent()).toMatch(/trước đây: Xã Thải Giàng Phố/i);

      await search.fill("ban me");
      await page.locator(".hs-choice", { hasText: "Xã Bản Mế" }).click();
      await page.locator(".hs-choice", { hasText: "Chi hội thôn Nậm Chảy" }).click();
      await page.getByTestId("unit").getByText("Chờ cán bộ xác nhận").waitFor();
      await page.screenshot({ path: path.join(SHOTS, "e2e-unit-chosen.png"), fullPage: true });

      const row = await t.deps.pool.query(
        "SELECT unit_id, membership_status FROM members WHERE zalo_app_user_id = 'dev-demo-hoivien'",
      );
      expect(row.rows[0]).toEqual({ unit_id: seeded.chiHoi, membership_status: "pending" });

      await page.locator(".zaui-bottom-navigation-item", { hasText: "Trang chủ" }).click();
      await expect.poll(() => page.getByTestId("membership").textContent()).toContain("Chờ cán bộ xác nhận");

      // Once confirmed, picking the same chi hội again keeps her confirmed and does not tell her to wait.
      await t.deps.pool.query("UPDATE members SET membership_status = 'confirmed' WHERE zalo_app_user_id = 'dev-demo-hoivien'");
      await page.locator(".zaui-bottom-navigation-item", { hasText: "Cá nhân" }).click();
      await page.getByRole("button", { name: "Đổi chi hội" }).click();
      await page.getByTestId("unit-picker").locator("input").fill("ban me");
      await page.locator(".hs-choice", { hasText: "Xã Bản Mế" }).click();
      await page.locator(".hs-choice", { hasText: "Chi hội thôn Nậm Chảy" }).click();
      const snack = page.locator(".zaui-snackbar");
      await expect.poll(() => snack.textContent(), { timeout: 10_000 }).toContain("Chị vẫn là hội viên Chi hội thôn Nậm Chảy");
      expect(await snack.textContent()).not.toContain("chờ cán bộ xác nhận");
      await page.getByTestId("unit").getByText("Đã xác nhận").waitFor();
    });
  });
});
