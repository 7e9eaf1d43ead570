import fs from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshDashboard } from "../../server/src/modules/dashboard/refresh.js";
import { available, devLoginAs, shot, startHarness, type Harness } from "./feedback-harness.js";

/**
 * Quản trị › Tổng hợp on a 360 px phone, as the province admin uses it: the province's cards against the targets and
 * the monthly chart, then a tap on a commune, then on one of its chi hội (whose page lists what holds it back), the
 * period kept all the way; and the Excel report downloaded for that chi hội, read back with exceljs.
 */
describe.runIf(available)("Quản trị › Tổng hợp", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.t.deps.pool.query<{ id: string }>("INSERT INTO members (zalo_app_user_id, name) VALUES ('dev-demo-admin', 'Nguyễn Thị Hồng Nhung') RETURNING id");
    await h.t.deps.pool.query("INSERT INTO roles (member_id, unit_id, role) VALUES ($1, $2, 'admin')", [admin.rows[0]!.id, h.seeded.tinh]);
    // Nậm Chảy counts 4 women, one of whom (the seeded woman) is a confirmed member: 25%, below the 90% target.
    await h.t.deps.pool.query("INSERT INTO unit_women_counts (unit_id, year, women) VALUES ($1, extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::int, 4)", [h.seeded.chiHoi]);
    await h.t.deps.pool.query("UPDATE members SET membership_confirmed_at = now(), last_seen_at = now() WHERE id = $1", [h.seeded.woman]);
    // the figures come from the summaries the dashboard.refresh job keeps: bring them up to date now
    await refreshDashboard(h.t.deps.db);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("drills down from the province to a commune and a chi hội, and downloads the report", async () => {
    await h.inBrowser("dashboard-phone", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, "demo-admin");
      await page.getByText("Chào chị Nhung!").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/quan-tri/tong-hop`);
      const unit = page.getByTestId("dashboard-unit");
      await expect.poll(() => unit.textContent(), { timeout: 20_000 }).toBe("Hội LHPN tỉnh Lào Cai");
      // the chart (chart.js, loaded with this tab) has drawn on its canvas
      const chart = page.getByTestId("dashboard-chart");
      await chart.waitFor({ timeout: 20_000 });
      expect(await chart.evaluate((c: HTMLCanvasElement) => c.width > 0 && c.toDataURL().length > 2000)).toBe(true);
      expect(await page.getByTestId("indicator-members").textContent()).toContain("Chỉ tiêu ≥ 90%");
      expect(await page.getByTestId("dashboard-refreshed").textContent()).toMatch(/^Số liệu cập nhật lúc \d/);
      await shot(page, "dashboard-province-360");

      await page.getByTestId("dashboard-from").fill("2025-01-01");
      await page.getByTestId("dashboard-child").filter({ hasText: "Xã Bản Mế" }).click();
      await expect.poll(() => unit.textContent(), { timeout: 20_000 }).toBe("Xã Bản Mế");
      expect(await page.getByTestId("dashboard-child").allTextContents()).toEqual([
        expect.stringContaining("Chi hội thôn Na Cáng"),
        expect.stringContaining("Chi hội thôn Nậm Chảy"),
      ]);
      await shot(page, "dashboard-xa-360");

      await page.getByTestId("dashboard-child").filter({ hasText: "Chi hội thôn Nậm Chảy" }).click();
      await expect.poll(() => unit.textContent(), { timeout: 20_000 }).toBe("Chi hội thôn Nậm Chảy");
      expect(await page.getByTestId("dashboard-from").inputValue()).toBe("2025-01-01");
      const members = page.getByTestId("indicator-members");
      await expect.poll(() => members.textContent(), { timeout: 10_000 }).toContain("1 hội viên đã xác nhận / 4 phụ nữ");
      expect(await members.textContent()).toContain("25%");
      expect(await page.getByTestId("dashboard-behind").textContent()).toContain("Thu hút hội viên");
      await shot(page, "dashboard-chihoi-360");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      const download = page.waitForEvent("download");
      await page.getByTestId("dashboard-export").click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^tong-hop-2025-01-01-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(fs.readFileSync(await file.path()) as unknown as Parameters<typeof book.xlsx.load>[0]);
      const sheet = book.getWorksheet("Thu hút hội viên")!;
      expect(sheet.getCell("A5").text).toBe("Tổng cộng: Chi hội thôn Nậm Chảy");
      expect([sheet.getCell("D5").value, sheet.getCell("E5").value, sheet.getCell("F5").value]).toEqual([1, 4, 25]);

      await page.getByTestId("dashboard-up").click();
      await expect.poll(() => unit.textContent(), { timeout: 20_000 }).toBe("Xã Bản Mế");
    });
  }, 180_000);

  it("enters a unit's number of women and imports a file, whose bad line is reported and nothing written", async () => {
    await h.inBrowser("dashboard-women-phone", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, "demo-admin");
      await page.getByText("Chào chị Nhung!").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/quan-tri/tong-hop`);
      await page.getByTestId("dashboard-women").click();
      await page.getByTestId("women-unit").waitFor({ timeout: 20_000 });
      expect(await page.getByTestId("women-unit").textContent()).toContain("Hội LHPN tỉnh Lào Cai");
      const banMe = page.getByTestId("women-row").filter({ hasText: "Xã Bản Mế" });
      await banMe.getByTestId("women-input").fill("1250");
      await banMe.getByTestId("women-save").click();
      await page.getByText("Đã lưu số phụ nữ của Xã Bản Mế.").waitFor({ timeout: 15_000 });
      const saved = await h.t.deps.pool.query<{ women: number }>("SELECT w.women FROM unit_women_counts w JOIN units u ON u.id = w.unit_id WHERE u.name = 'Xã Bản Mế'");
      expect(saved.rows.map((r) => r.women)).toEqual([1250]);
      await shot(page, "dashboard-women-360");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      const codes = await h.t.deps.pool.query<{ code: string }>("SELECT code FROM units WHERE level = 'xa' AND active ORDER BY code LIMIT 1");
      const csv = `Mã đơn vị,Tên đơn vị,Số phụ nữ\n${codes.rows[0]!.code},Xã,900\nKHONG-CO,Xã lạ,12\n`;
      const before = await h.t.deps.pool.query("SELECT unit_id, year, women FROM unit_women_counts ORDER BY unit_id, year");
      await page.getByTestId("women-file").setInputFiles({ name: "so-phu-nu.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
      const report = page.getByTestId("women-report");
      await report.waitFor({ timeout: 20_000 });
      expect(await report.textContent()).toContain('Dòng 3: Không có đơn vị mã "KHONG-CO".');
      expect((await h.t.deps.pool.query("SELECT unit_id, year, women FROM unit_women_counts ORDER BY unit_id, year")).rows).toEqual(before.rows);
      await shot(page, "dashboard-women-import-360");
    });
  }, 180_000);
});
