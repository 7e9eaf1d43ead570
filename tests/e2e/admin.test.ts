import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { available, confirmModal, devLoginAs, shot, startHarness, WOMAN, type Harness } from "./feedback-harness.js";

const WIDE = { width: 1280, height: 800 };

/**
 * Quản trị, as the province admin uses it: reached from the Cán bộ page, she finds a woman by typing her name without
 * diacritics, makes her cán bộ of her chi hội, takes the role back, and merges one chi hội into another, with the
 * merger in the unit's history. On a 360 px phone and on Zalo for PC (1280 px, two columns).
 */
describe.runIf(available)("Quản trị: members, roles and units", () => {
  let h: Harness;
  let adminId: string;

  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.t.deps.pool.query<{ id: string }>("INSERT INTO members (zalo_app_user_id, name) VALUES ('dev-demo-admin', 'Nguyễn Thị Hồng Nhung') RETURNING id");
    adminId = admin.rows[0]!.id;
    await h.t.deps.pool.query("INSERT INTO roles (member_id, unit_id, role) VALUES ($1, $2, 'admin')", [adminId, h.seeded.tinh]);
  });
  afterAll(async () => {
    await h?.close();
  });

  const roles = async () => (await h.t.deps.pool.query<{ role: string; unit_id: string }>("SELECT role, unit_id FROM roles WHERE member_id = $1", [h.seeded.woman])).rows;

  async function openAdmin(page: Page) {
    await page.goto(`${h.base}/`);
    await devLoginAs(page, "demo-admin");
    await page.getByText("Chào chị Nhung!").waitFor({ timeout: 15_000 });
    await page.goto(`${h.base}/zapps/hoiso/can-bo`);
    await page.getByTestId("admin-entry").click();
    await page.getByTestId("member-search").waitFor({ timeout: 15_000 });
  }

  async function grantAndRevoke(page: Page, label: string) {
    await page.getByTestId("member-search").fill("vang thi dung");
    const row = page.getByTestId("member-row").filter({ hasText: WOMAN.name });
    await expect.poll(() => page.getByTestId("member-row").count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toContain("Chi hội thôn Nậm Chảy");
    await row.click();
    const detail = page.getByTestId("member-detail");
    await detail.waitFor();
    expect(await detail.textContent()).toContain("0912 345 678");
    await shot(page, `admin-member-${label}`);

    const form = page.getByTestId("grant-form");
    await form.locator("input").fill("nam chay");
    await form.locator(".hs-choice", { hasText: "Chi hội thôn Nậm Chảy" }).click();
    await form.getByRole("button", { name: "Cấp quyền" }).click();
    const held = page.getByTestId("member-roles");
    await expect.poll(() => held.textContent(), { timeout: 10_000 }).toContain("Cán bộ · Chi hội thôn Nậm Chảy");
    expect(await roles()).toEqual([{ role: "can_bo", unit_id: h.seeded.chiHoi }]);
    await shot(page, `admin-granted-${label}`);

    await held.getByRole("button", { name: "Gỡ quyền" }).click();
    await confirmModal(page, "Gỡ quyền");
    await expect.poll(() => detail.textContent(), { timeout: 10_000 }).toContain("chưa có quyền cán bộ hay quản trị nào");
    expect(await roles()).toEqual([]);
  }

  it("on a phone: finds her without diacritics, grants a role and revokes it", async () => {
    await h.inBrowser("admin-phone", async (page) => {
      await openAdmin(page);
      // All four tabs on screen at 360 px, none pushed off the side.
      for (const name of ["Hội viên", "Đơn vị", "Phản ánh", "Nhật ký"]) {
        const box = await page.getByRole("link", { name }).boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 360, name).toBe(true);
      }
      await shot(page, "admin-members-360");
      await grantAndRevoke(page, "360");
      // The page fits the phone: nothing sticks out sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }, 90_000);

  it("on Zalo for PC: list and detail side by side; merges two chi hội and shows it in the history", async () => {
    await h.inBrowser("admin-wide", async (page) => {
      await page.setViewportSize(WIDE);
      await openAdmin(page);
      await grantAndRevoke(page, "1280");
      // Two columns: the list stays beside the chosen member.
      const list = await page.locator(".hs-admin-list").first().boundingBox();
      const detail = await page.locator(".hs-admin-detail").first().boundingBox();
      expect(list && detail && detail.x >= list.x + list.width).toBe(true);

      await page.getByRole("link", { name: "Đơn vị" }).click();
      const rows = page.getByTestId("unit-row");
      await rows.filter({ hasText: "Hội LHPN tỉnh Lào Cai" }).waitFor({ timeout: 10_000 });
      await page.getByRole("button", { name: "Xem đơn vị trực thuộc Hội LHPN tỉnh Lào Cai" }).click();
      await page.getByRole("button", { name: "Xem đơn vị trực thuộc Xã Bản Mế" }).click();
      await rows.filter({ hasText: "Chi hội thôn Na Cáng" }).click();
      const panel = page.getByTestId("unit-panel");
      await expect.poll(() => panel.getByTestId("unit-history").textContent(), { timeout: 10_000 }).toContain("Chưa có thay đổi nào");
      await panel.getByRole("button", { name: "Chọn đơn vị sáp nhập vào" }).click();
      await panel.getByTestId("merge-section").locator("input").fill("nam chay");
      await panel.locator(".hs-choice", { hasText: "Chi hội thôn Nậm Chảy" }).click();
      await shot(page, "admin-merge-confirm-1280");
      await confirmModal(page, "Sáp nhập");

      const history = page.getByTestId("unit-history");
      await expect.poll(() => history.textContent(), { timeout: 10_000 }).toContain("Tiếp nhận Chi hội thôn Na Cáng sáp nhập vào");
      expect(await panel.textContent()).toContain("Tên trước đây: Chi hội thôn Na Cáng");
      await expect.poll(() => rows.filter({ hasText: "Chi hội thôn Na Cáng" }).textContent()).toContain("đã sáp nhập");
      const merged = await h.t.deps.pool.query<{ active: boolean }>("SELECT active FROM units WHERE name = 'Chi hội thôn Na Cáng'");
      expect(merged.rows).toEqual([{ active: false }]);
      await shot(page, "admin-units-1280");

      const audit = await h.t.deps.pool.query<{ action: string }>("SELECT action FROM audit_log WHERE actor_id = $1 ORDER BY id", [adminId]);
      expect(audit.rows.map((r) => r.action)).toEqual(["role.grant", "role.revoke", "role.grant", "role.revoke", "unit.merge", "unit.absorb"]);

      await page.getByRole("link", { name: "Nhật ký" }).click();
      await expect.poll(() => page.getByTestId("audit-log").textContent(), { timeout: 10_000 }).toContain("Sáp nhập đơn vị");
      await shot(page, "admin-audit-1280");

      // the queue board opens in a new window through a one-time link, and the ticket is in the audit log
      const [board] = await Promise.all([page.waitForEvent("popup"), page.getByRole("button", { name: "Mở bảng hàng đợi" }).click()]);
      await board.waitForLoadState();
      expect(new URL(board.url()).pathname).toBe("/admin/queues/");
      await expect.poll(() => board.locator("body").textContent(), { timeout: 20_000 }).toContain("feedback.route");
      await shot(board, "admin-queue-board-1280");
      await board.close();
      await page.reload();
      await expect.poll(() => page.getByTestId("audit-log").textContent(), { timeout: 10_000 }).toContain("Mở bảng hàng đợi");
    });
  }, 90_000);
});
