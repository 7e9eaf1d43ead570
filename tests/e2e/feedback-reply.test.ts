import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, confirmModal, devLoginAs, OFFICER, shot, startHarness, tinyPng, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * The xã cán bộ works her Hộp việc: an overdue item stands out in red, she opens a named item (name, phone, photo),
 * acknowledges and replies publicly, and the woman then reads the reply in her own timeline. An anonymous item from
 * the same woman never shows her name or phone anywhere on the cán bộ's screens.
 */
describe.runIf(available)("Hộp việc: a cán bộ replies", () => {
  let h: Harness;
  const items: Record<"named" | "anonymous" | "late", { id: string; code: string; assignment: string }> = {} as never;
  const REPLY = "Hội đã làm việc với chủ xưởng chè; xưởng hẹn trả đủ lương trước ngày 15. Hội sẽ theo dõi tiếp cùng chị.";

  beforeAll(async () => {
    h = await startHarness();
    const token = await h.tokenFor(WOMAN.zaloId, WOMAN.name);
    const photo = await h.upload(token, tinyPng(), "xuong-che.png");
    const send = async (key: keyof typeof items, body: string, anonymous: boolean, mediaIds: string[] = []) => {
      const created = await h.submit(token, { kind: "feedback", category: "viec_lam", body, anonymous, mediaIds });
      items[key] = { id: created.id, code: created.trackingCode, assignment: await h.routed(created.id) };
    };
    await send("named", "Xưởng chè Bản Mế ba tháng chưa trả lương cho chị em trong thôn.", false, [photo.id]);
    await send("anonymous", "Ở thôn có người môi giới đưa chị em sang bên kia biên giới làm việc, hứa lương cao.", true);
    await send("late", "Chị em đăng ký học nghề may từ tháng trước nhưng chưa thấy mở lớp.", false);
    // Its deadline has passed: the inbox must put it first, in red, saying how late.
    await h.t.deps.pool.query("UPDATE assignments SET due_at = now() - interval '2 days 3 hours' WHERE id = $1", [items.late.assignment]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it("acknowledges and replies; the woman sees the reply; the anonymous author stays hidden", async () => {
    await h.inBrowser("feedback-reply-officer", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, OFFICER.zaloId);
      await page.getByText("Chào chị Mai!").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/can-bo`);
      const card = page.getByTestId("inbox-card");
      await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("3 việc cần xử lý · 1 quá hạn");
      await shot(page, "officer-overview");
      await card.click();

      const rows = page.getByTestId("inbox-item");
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
      // Overdue first, highlighted, with how late.
      expect(await rows.first().textContent()).toContain(items.late.code);
      expect(await rows.first().getAttribute("class")).toContain("hs-item-overdue");
      expect(await rows.first().getByTestId("overdue").textContent()).toMatch(/Quá hạn 2 ngày 3 giờ/);
      const inboxText = (await page.getByTestId("inbox").textContent()) ?? "";
      expect(inboxText).toContain("Người gửi ẩn danh");
      expect(inboxText).not.toContain(WOMAN.name);
      await shot(page, "officer-inbox");

      // Filters: overdue only, then a category with nothing in it.
      await page.getByRole("switch", { name: "Chỉ việc quá hạn" }).click();
      await expect.poll(() => rows.count()).toBe(1);
      await page.getByRole("switch", { name: "Chỉ việc quá hạn" }).click();
      await page.getByLabel("Lọc theo lĩnh vực").selectOption("y_te");
      await page.getByText("Không có việc nào khớp bộ lọc này.").waitFor();
      await page.getByLabel("Lọc theo lĩnh vực").selectOption("");
      await expect.poll(() => rows.count()).toBe(3);

      // The anonymous item: content yes, author never.
      await rows.filter({ hasText: items.anonymous.code }).click();
      await page.getByTestId("assignment-body").waitFor();
      expect(await page.getByTestId("author").textContent()).toBe("Người gửi ẩn danh");
      const anonText = (await page.locator(".hs-page").textContent()) ?? "";
      expect(anonText).toContain("môi giới đưa chị em sang bên kia biên giới");
      expect(anonText).not.toContain(WOMAN.name);
      expect(anonText).not.toContain(WOMAN.shownPhone);
      expect(anonText).not.toContain(WOMAN.phone);
      await shot(page, "officer-anonymous");
      // Acting on it keeps her hidden too (the timeline names the actor, not the author).
      await page.getByRole("button", { name: "Tiếp nhận" }).click();
      await expect.poll(() => page.getByTestId("staff-timeline").textContent(), { timeout: 10_000 }).toContain("đã tiếp nhận");
      expect(await page.locator(".hs-page").textContent()).not.toContain(WOMAN.name);

      // The named item: name, phone and photo are there.
      await page.goto(`${h.base}/zapps/hoiso/can-bo/hop-viec/${items.named.assignment}`);
      const author = page.getByTestId("author");
      await expect.poll(() => author.textContent(), { timeout: 10_000 }).toContain(WOMAN.name);
      expect(await author.textContent()).toContain(WOMAN.shownPhone);
      await expect.poll(() => page.locator(".hs-thumb img").evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 }).toBe(24);

      await page.getByRole("button", { name: "Tiếp nhận" }).click();
      await expect.poll(() => page.getByTestId("staff-timeline").textContent(), { timeout: 10_000 }).toContain("Xã Bản Mế đã tiếp nhận");
      expect(await page.getByRole("button", { name: "Tiếp nhận" }).count(), "no second acknowledgement").toBe(0);

      await page.getByRole("button", { name: "Trả lời", exact: true }).click();
      const panel = page.getByTestId("reply-panel");
      await panel.locator("textarea").fill(REPLY);
      await panel.getByRole("checkbox").check();
      await panel.getByRole("button", { name: "Gửi trả lời" }).click();
      await expect.poll(() => page.getByTestId("staff-timeline").textContent(), { timeout: 10_000 }).toContain(REPLY);
      await shot(page, "officer-replied");

      // Rerouting asks first; going back changes nothing.
      await page.getByRole("button", { name: "Không thuộc thẩm quyền — chuyển đúng nơi" }).click();
      await page.getByTestId("reroute-panel").locator("input").fill("sa pa");
      await page.locator(".hs-choice", { hasText: "Phường Sa Pa" }).click();
      await page.getByTestId("reroute-panel").locator("textarea").fill("Xưởng chè thuộc địa bàn phường.");
      await page.getByTestId("reroute-panel").getByRole("button", { name: "Chuyển đúng nơi" }).click();
      await page.getByText("Chuyển đúng nơi?").waitFor();
      await shot(page, "officer-confirm");
      await confirmModal(page, "Quay lại");
      const open = await h.t.deps.pool.query("SELECT closed FROM assignments WHERE id = $1", [items.named.assignment]);
      expect(open.rows[0]?.closed).toBe(false);

      const row = await h.t.deps.pool.query("SELECT status FROM submissions WHERE id = $1", [items.named.id]);
      expect(row.rows[0]?.status).toBe("replied");
    });

    await h.inBrowser("feedback-reply-woman", async (page) => {
      await page.goto(`${h.base}/zapps/hoiso/phan-anh/cua-toi`);
      await devLoginAs(page, WOMAN.zaloId);
      const mine = page.getByTestId("my-items");
      await mine.getByText(items.named.code).waitFor({ timeout: 15_000 });
      expect(await mine.locator(".hs-choice", { hasText: items.named.code }).textContent()).toContain("Đã trả lời");
      await mine.locator(".hs-choice", { hasText: items.named.code }).click();
      const reply = page.getByTestId("official-reply");
      await expect.poll(() => reply.textContent(), { timeout: 10_000 }).toContain(REPLY);
      expect(await reply.textContent()).toContain("Xã Bản Mế");
      const timeline = (await page.getByTestId("timeline").textContent()) ?? "";
      expect(timeline).toContain("Xã Bản Mế đã tiếp nhận");
      expect(timeline).toContain(REPLY);
      expect(timeline, "internal notes never reach her").not.toContain("Xưởng chè thuộc địa bàn phường");
      expect(await page.getByTestId("progress").textContent()).toContain("Cán bộ đã tiếp nhận");
      await shot(page, "woman-reply");
    });
  }, 90_000);
});
