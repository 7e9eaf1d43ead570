import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, devLoginAs, OFFICER, shot, startHarness, WOMAN, type Harness } from "./feedback-harness.js";

const SECRET = "Chồng em say rượu đang đập phá đồ đạc, em và hai cháu trốn sang nhà hàng xóm";

/**
 * The whole urgent flow on a 360 px phone: from Trang chủ one tap to "Cần giúp đỡ ngay" (numbers first as tel: links,
 * "not an emergency service", her commune's trusted addresses, the law); the urgent form; quick exit to a neutral
 * screen that Back does not undo; nothing she wrote left in the phone's storage; a PIN that hides the item in Của tôi.
 * Then the xã's cán bộ on call: the item first in Hộp việc, in red, with the callback number to call, and she
 * acknowledges it (timed).
 */
describe.runIf(available)("An toàn: the urgent flow", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await h.t.deps.pool.query(
      `INSERT INTO trusted_addresses (unit_id, kind, name, help, address, hours, managed_by, sample)
       VALUES ($1, 'dia_chi_tin_cay', 'Địa chỉ tin cậy thôn Nậm Chảy (mẫu)', 'Cho chị tạm lánh', 'Nhà văn hóa thôn Nậm Chảy', 'Cả ngày và đêm', 'Chi hội Nậm Chảy', true)`,
      [h.seeded.xa],
    );
    // the officer is on call all week
    await h.t.deps.pool.query("INSERT INTO safety_on_call (unit_id, member_id) VALUES ($1, $2)", [h.seeded.xa, h.seeded.officer]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("she gets help, reports, leaves quickly and hides the item; the cán bộ on call sees it first and acknowledges", async () => {
    await h.inBrowser("safety-woman", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      await page.getByTestId("help-entry").click();

      // The numbers come first, each a tel: link, and the page says plainly the union is not an emergency service.
      const calls = page.locator("a.hs-call");
      await expect.poll(() => calls.count(), { timeout: 10_000 }).toBe(3);
      expect(await calls.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(["tel:113", "tel:111", "tel:1900969680"]);
      expect(await page.getByTestId("not-emergency").textContent()).toContain("không phải dịch vụ cấp cứu");
      const order = await page.evaluate(() => {
        const y = (sel: string) => document.querySelector(sel)?.getBoundingClientRect().top ?? -1;
        return { hotlines: y("a.hs-call"), trusted: y("[data-testid=trusted]"), law: y("[data-testid=law]") };
      });
      expect(order.hotlines).toBeLessThan(order.trusted);
      expect(order.trusted).toBeLessThan(order.law);
      await page.getByText("Địa chỉ tin cậy thôn Nậm Chảy (mẫu)").waitFor();
      expect(await page.getByTestId("law").textContent()).toContain("Điều 19");
      expect(await page.getByTestId("quick-exit").isVisible()).toBe(true);
      await shot(page, "safety-help");

      await page.getByTestId("open-urgent-form").click();
      await page.getByTestId("urgent-form").waitFor();
      expect(await page.getByTestId("quick-exit").isVisible()).toBe(true);
      await page.locator("[data-testid=urgent-what] textarea, textarea[data-testid=urgent-what]").first().fill(SECRET);
      await page.locator("[data-testid=urgent-phone] input, input[data-testid=urgent-phone]").first().fill("0987 654 321");
      await shot(page, "safety-form");
      await page.getByTestId("urgent-send").click();
      const sent = page.getByTestId("urgent-sent");
      await sent.waitFor({ timeout: 15_000 });
      expect(await sent.textContent()).toContain("Đã báo cho 1 cán bộ trực của Xã Bản Mế");
      await shot(page, "safety-sent");

      // Nothing she wrote is in the phone's storage, nor in the page once she has left.
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      expect(stored).not.toContain("say rượu");
      expect(stored).not.toContain("987");

      // Quick exit: the news list, and Back does not return to the help screen.
      await page.getByTestId("quick-exit").click();
      await expect.poll(() => page.url()).toContain("/tim-hieu");
      await page.goBack();
      // Back has happened once the news list is gone; it must have led past the help screen, not to it
      await expect.poll(() => page.url()).not.toContain("/tim-hieu");
      expect(page.url()).not.toContain("can-giup-do");
      expect(await page.getByTestId("safety-page").count()).toBe(0);
      expect(await page.evaluate(() => document.body.innerText)).not.toContain("say rượu");

      // Her notification about it says nothing.
      await page.goto(`${h.base}/zapps/hoiso/thong-bao`);
      await page.getByText("Chị có thông báo mới từ Hội.").first().waitFor({ timeout: 10_000 });
      expect(await page.evaluate(() => document.body.innerText)).not.toContain("Xã Bản Mế đã");

      // Của tôi: she sets a PIN; the item disappears from the list until she enters it.
      await page.goto(`${h.base}/zapps/hoiso/phan-anh/cua-toi`);
      const list = page.getByTestId("my-items");
      await expect.poll(() => list.textContent(), { timeout: 10_000 }).toContain("say rượu");
      await page.getByTestId("pin-start").click();
      await page.getByTestId("pin-input").fill("2468");
      await page.getByTestId("pin-submit").click();
      await expect.poll(() => list.textContent()).not.toContain("say rượu");
      await shot(page, "safety-pin-hidden");
      await page.reload();
      await page.getByTestId("pin-lock").waitFor({ timeout: 10_000 });
      expect(await list.textContent()).not.toContain("say rượu");
      await page.getByTestId("pin-start").click();
      await page.getByTestId("pin-input").fill("1111");
      await page.getByTestId("pin-submit").click();
      await page.getByText("Mã chưa đúng.").waitFor();
      await page.getByTestId("pin-input").fill("2468");
      await page.getByTestId("pin-submit").click();
      await expect.poll(() => list.textContent()).toContain("say rượu");
      // the PIN's own record holds no content, only a salted hash
      const afterPin = await page.evaluate(() => JSON.stringify({ ...localStorage }));
      expect(afterPin).not.toContain("2468");
      expect(afterPin).not.toContain("say rượu");
      // her item's own page is a sensitive screen too: quick exit is there
      await list.getByText("say rượu").first().click();
      await page.getByTestId("item-detail").waitFor({ timeout: 10_000 });
      await page.getByTestId("quick-exit").click();
      await expect.poll(() => page.url()).toContain("/tim-hieu");
    });

    await h.inBrowser("safety-officer", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, OFFICER.zaloId);
      await page.getByText("Chào chị Mai!").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/can-bo/hop-viec`);
      const rows = page.getByTestId("inbox-item");
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await rows.first().getAttribute("class")).toContain("hs-item-urgent");
      expect(await rows.first().getByTestId("urgent-chip").textContent()).toBe("KHẨN");
      await shot(page, "safety-inbox");
      await rows.first().click();
      const panel = page.getByTestId("urgent-panel");
      await panel.waitFor({ timeout: 10_000 });
      expect(await page.getByTestId("callback").getAttribute("href")).toBe("tel:0987654321");
      // only the number she chose: not her own Zalo phone, which may be in the hands of the person she reports
      expect(await page.getByTestId("assignment").textContent()).not.toContain(WOMAN.shownPhone);
      await shot(page, "safety-assignment");
      await page.getByRole("button", { name: "Tiếp nhận" }).first().click();
      await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain("đã xác nhận sau");

      // Her commune's trusted addresses and who is on call, from the cán bộ overview.
      await page.goto(`${h.base}/zapps/hoiso/can-bo`);
      await page.getByTestId("safety-admin-entry").click();
      await page.getByTestId("commune-select").selectOption(h.seeded.xa);
      const onCall = page.getByTestId("on-call");
      await onCall.waitFor({ timeout: 10_000 });
      expect(await onCall.textContent()).toContain(OFFICER.name);
      expect(await onCall.textContent()).toContain("đang trực");
      await page.locator("[data-testid=trusted-name] input, input[data-testid=trusted-name]").first().fill("Trạm y tế xã Bản Mế");
      await page.locator("[data-testid=trusted-phone] input, input[data-testid=trusted-phone]").first().fill("0214 3880 115");
      await page.getByTestId("trusted-form").getByRole("button", { name: "Lưu" }).click();
      await page.getByText("Đã lưu địa chỉ.").waitFor({ timeout: 10_000 });
      await page.getByTestId("safety-admin").getByText("Trạm y tế xã Bản Mế").waitFor();
      await shot(page, "safety-admin");
    });
    // Alerted on call (the server tests check every Zalo channel against the simulator); acknowledged, so nobody above.
    const alerts = await h.t.deps.pool.query<{ acknowledged: boolean }>(
      "SELECT a.acknowledged_at IS NOT NULL AS acknowledged FROM safety_alerts s JOIN assignments a ON a.id = s.assignment_id",
    );
    expect(alerts.rows).toEqual([{ acknowledged: true }]);
  });
});
