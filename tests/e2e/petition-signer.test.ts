import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, devLoginAs, shot, startHarness, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * A woman of the commune meets a neighbour's petition while writing her own item: the form says where her item will
 * really go, she co-signs the petition from the suggestion, and after a reload the suggestion still says she signed,
 * "Của tôi" lists it under "Đã ký" and its tracking code finds it. Then she sends a petition herself and is offered
 * "Theo dõi kiến nghị".
 */
describe.runIf(available)("a woman co-signs a neighbour's petition", () => {
  let h: Harness;
  let petition: { id: string; trackingCode: string };
  const TITLE = "Đề nghị làm cầu treo qua suối Nậm Chảy cho học sinh đi học mùa mưa.";

  beforeAll(async () => {
    h = await startHarness();
    // The author lives in the other chi hội of the same xã.
    const author = await h.tokenFor("demo-author-nacang", "Thào Thị Mỷ");
    await h.t.deps.pool.query(
      `UPDATE members SET unit_id = (SELECT id FROM units WHERE code = 'e2e-nacang'), membership_status = 'confirmed', membership_requested_at = now()
        WHERE zalo_app_user_id = 'dev-demo-author-nacang'`,
    );
    const nacang = await h.t.deps.pool.query<{ id: string }>("SELECT id FROM units WHERE code = 'e2e-nacang'");
    petition = await h.submit(author, { kind: "petition", category: "gop_y_hoi", body: TITLE, unitId: nacang.rows[0]!.id });
    await h.routed(petition.id);
  });

  afterAll(async () => {
    await h?.close();
  });

  it("shows where her item goes, signs from the suggestion, and finds the petition again after a reload", async () => {
    await h.inBrowser("petition-signer", async (page) => {
      await page.goto(`${h.base}/zapps/hoiso/phan-anh`);
      await devLoginAs(page, WOMAN.zaloId);
      await page.getByTestId("send-form").waitFor({ timeout: 15_000 });

      // Where it goes: the place is her chi hội, the destination follows the category's routing.
      const unitChoice = page.getByTestId("unit-choice");
      expect(await page.getByTestId("unit-name").textContent()).toBe("Chi hội thôn Nậm Chảy");
      expect(await page.getByTestId("destination-name").textContent()).toContain("Chị chọn lĩnh vực");
      await page.getByTestId("kind").getByRole("radio", { name: /^Phản ánh/ }).click();
      await page.getByTestId("category").getByRole("radio", { name: "Thủ tục hành chính – dịch vụ công" }).click();
      await expect.poll(() => page.getByTestId("destination-name").textContent(), { timeout: 10_000 }).toBe("Xã Bản Mế");
      expect(await unitChoice.textContent()).toContain("Việc thuộc lĩnh vực này do Xã Bản Mế phụ trách giải quyết.");
      expect(await unitChoice.textContent()).not.toContain("Gửi tới Hội ở");
      await shot(page, "destination-xa");
      await page.getByTestId("category").getByRole("radio", { name: "Góp ý hoạt động Hội" }).click();
      await expect.poll(() => page.getByTestId("destination-name").textContent(), { timeout: 10_000 }).toBe("Chi hội thôn Nậm Chảy");
      // Keeping it private takes it to the xã: a chi hội is her own neighbours.
      await page.getByTestId("sensitive").click();
      await expect.poll(() => page.getByTestId("destination-name").textContent(), { timeout: 10_000 }).toBe("Xã Bản Mế");
      await page.getByTestId("sensitive").click();

      const body = page.getByTestId("content").locator("textarea");
      await body.fill("cau treo qua suoi Nam Chay");
      const similar = page.getByTestId("similar");
      await similar.waitFor({ timeout: 10_000 });
      const item = similar.getByTestId("similar-item").filter({ hasText: petition.trackingCode });
      await item.getByRole("button", { name: "Ký tên ủng hộ" }).click();
      await item.getByText("Chị đã ký").waitFor();

      // After a reload the suggestion still knows.
      await page.reload();
      await page.getByTestId("send-form").waitFor({ timeout: 15_000 });
      await page.getByTestId("content").locator("textarea").fill("cau treo qua suoi Nam Chay");
      const again = page.getByTestId("similar").getByTestId("similar-item").filter({ hasText: petition.trackingCode });
      await again.getByText("Chị đã ký").waitFor({ timeout: 10_000 });
      expect(await again.getByRole("button", { name: "Ký tên ủng hộ" }).count()).toBe(0);
      await shot(page, "petition-signed-suggestion");

      // Của tôi: an "Đã ký" section with the petition.
      await page.getByRole("tab", { name: "Của tôi" }).click();
      const signed = page.getByTestId("signed-items");
      await signed.getByText(petition.trackingCode).waitFor({ timeout: 10_000 });
      expect(await signed.textContent()).toContain("Đã ký");
      expect(await signed.textContent()).toContain("2 chữ ký");
      expect(await signed.textContent()).not.toContain("Thào Thị Mỷ");
      await shot(page, "petition-signed-mine");

      // The tracking code finds it, typed loosely.
      await page.getByTestId("code-lookup").locator("input").fill(petition.trackingCode.toLowerCase().replace("-", " "));
      await page.getByTestId("code-lookup").getByRole("button", { name: "Tìm" }).click();
      await expect.poll(() => page.getByTestId("detail-code").textContent(), { timeout: 10_000 }).toBe(petition.trackingCode);
      await page.getByTestId("petition").getByText("Chị đã ký tên").waitFor();
      expect(await page.getByTestId("item-detail").textContent()).toContain(TITLE);
      await shot(page, "petition-tracked");

      // Her own petition: after sending, the button says what she sent.
      await page.goto(`${h.base}/zapps/hoiso/phan-anh`);
      await page.getByTestId("send-form").waitFor({ timeout: 15_000 });
      await page.getByTestId("kind").getByRole("radio", { name: /^Kiến nghị/ }).click();
      await page.getByTestId("category").getByRole("radio", { name: "Góp ý hoạt động Hội" }).click();
      await page.getByTestId("content").locator("textarea").fill("Đề nghị chi hội tổ chức lớp dạy nấu ăn dinh dưỡng cho trẻ nhỏ.");
      await page.getByRole("button", { name: "Gửi tới Hội" }).click();
      await page.getByTestId("tracking-code").waitFor({ timeout: 15_000 });
      expect(await page.getByTestId("tracking-code").textContent()).toMatch(/^KN-/);
      await shot(page, "petition-sent");
      await page.getByRole("button", { name: "Theo dõi kiến nghị" }).click();
      await page.getByTestId("item-detail").waitFor();
    });
  }, 60_000);
});
