import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, confirmModal, devLoginAs, OFFICER, shot, startHarness, tinyPng, WOMAN, type Harness } from "./feedback-harness.js";

const ORIGINAL = `Tôi là ${WOMAN.name}, số ${WOMAN.shownPhone}. Giếng nước chung thôn Nậm Chảy đục ngầu từ mùa mưa, các cháu uống vào bị đau bụng.`;
const PUBLIC_TEXT = "Giếng nước chung thôn Nậm Chảy đục ngầu từ mùa mưa, các cháu uống vào bị đau bụng.";
const ANSWER = "Hội đã cùng xã nạo vét giếng và lắp bể lọc; nước trong trở lại từ tuần trước.";

/**
 * The cán bộ's publish step at 360 px (issue 13): from the Cán bộ overview to "Chờ công khai", she reviews the item,
 * removes the woman's name and phone from the text, chooses one of the two proof photos and publishes after a
 * confirmation; it appears on /ket-qua without her name or phone, with that photo only. She takes it down again, and
 * declines another item; each decision is audited. A cán bộ of the item's resolved item also finds the way from Hộp việc.
 */
describe.runIf(available)("Cán bộ › Chờ công khai", () => {
  let h: Harness;
  let item: { id: string; assignment: string };
  let other: { id: string };
  let photos: string[];

  beforeAll(async () => {
    h = await startHarness();
    const woman = await h.tokenFor(WOMAN.zaloId, WOMAN.name);
    const officer = await h.tokenFor(OFFICER.zaloId, OFFICER.name);
    const created = await h.submit(woman, { kind: "feedback", category: "dat_dai", body: ORIGINAL, unitId: h.seeded.chiHoi, publishConsent: true });
    item = { id: created.id, assignment: await h.routed(created.id) };
    const well = await h.upload(officer, tinyPng(24, 16, [30, 120, 60]), "gieng-da-sach.png");
    const faces = await h.upload(officer, tinyPng(20, 20, [200, 160, 120]), "chi-em-ben-gieng.png");
    photos = [well.id, faces.id];
    await h.call(officer, "POST", `/assignments/${item.assignment}/resolve`, { message: ANSWER, mediaIds: photos });
    const second = await h.submit(woman, { kind: "feedback", category: "dat_dai", body: "Đường nội đồng thôn Na Cáng lầy lội, xe chở ngô không đi được.", unitId: h.seeded.chiHoi, publishConsent: true });
    const secondAssignment = await h.routed(second.id);
    await h.call(officer, "POST", `/assignments/${secondAssignment}/resolve`, { message: "Xã đã đổ đá cấp phối đoạn đường này." });
    other = { id: second.id };
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  async function asOfficer(page: Page, path: string) {
    await page.goto(`${h.base}/`);
    await devLoginAs(page, OFFICER.zaloId);
    await page.getByText("Chào chị Mai!").waitFor({ timeout: 15_000 });
    await page.goto(`${h.base}/zapps/hoiso${path}`);
  }
  const publication = async (id: string) =>
    (await h.t.deps.pool.query<{ state: string; public_id: string | null; public_text: string | null }>("SELECT state, public_id, public_text FROM submission_publications WHERE submission_id = $1", [id])).rows[0];
  const audited = async (id: string) =>
    (await h.t.deps.pool.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'submission.%publish%' ORDER BY id", [id])).rows.map((r) => r.action);
  const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  it("reviews, edits, chooses a photo, publishes with confirmation; the record shows it without her name; then takes it down", async () => {
    await h.inBrowser("publish-step", async (page) => {
      await asOfficer(page, "/can-bo");
      const card = page.getByTestId("publish-card");
      await card.waitFor({ timeout: 15_000 });
      await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("2 việc chờ chị xem xét");
      await card.click();
      const list = page.getByTestId("publish-list");
      await list.waitFor({ timeout: 10_000 });
      expect(await page.locator(".hs-header-title").textContent()).toBe("Chờ công khai");
      expect(await list.getByTestId("publish-item").count()).toBe(2);
      expect(await fitsPhone(page)).toBeLessThanOrEqual(360);
      await shot(page, "publish-list");

      const code = (await h.t.deps.pool.query<{ tracking_code: string }>("SELECT tracking_code FROM submissions WHERE id = $1", [item.id])).rows[0]!.tracking_code;
      await list.getByTestId("publish-item").filter({ hasText: code }).click();
      const review = page.getByTestId("publish-review");
      await review.waitFor({ timeout: 10_000 });
      const text = review.getByTestId("publish-fields").locator("textarea").first();
      // the draft is her own words, with her name, for the cán bộ to clean
      await expect.poll(() => text.inputValue(), { timeout: 10_000 }).toBe(ORIGINAL);
      expect(await review.getByTestId("publish-fields").locator("textarea").nth(1).inputValue()).toBe(ANSWER);
      await text.fill(PUBLIC_TEXT);
      const boxes = review.getByTestId("publish-photos").getByRole("checkbox");
      expect(await boxes.count()).toBe(2);
      // none chosen until she chooses: the second one shows faces, she leaves it out
      expect([await boxes.nth(0).isChecked(), await boxes.nth(1).isChecked()]).toEqual([false, false]);
      await boxes.nth(0).check();
      await expect.poll(() => review.locator(".hs-thumb img").count(), { timeout: 10_000 }).toBe(2);
      expect(await fitsPhone(page)).toBeLessThanOrEqual(360);
      await shot(page, "publish-review");

      await review.getByRole("button", { name: "Đăng công khai" }).click();
      await page.getByText("Đăng lên Kết quả xử lý?").waitFor();
      expect(await page.getByText("và 1 ảnh đã chọn").count()).toBe(1);
      await shot(page, "publish-confirm");
      // Going back from the question publishes nothing.
      await page.locator(".zaui-modal-content-action", { hasText: "Quay lại" }).click();
      await expect.poll(() => page.getByText("Đăng lên Kết quả xử lý?").isVisible(), { timeout: 10_000 }).toBe(false);
      expect((await publication(item.id))?.state).toBe("pending");
      await review.getByRole("button", { name: "Đăng công khai" }).click();
      await page.getByText("Đăng lên Kết quả xử lý?").waitFor();
      await confirmModal(page, "Đăng công khai");
      await page.getByText("Đã đăng lên Kết quả xử lý.").waitFor({ timeout: 10_000 });
      await page.getByTestId("publish-view").waitFor({ timeout: 10_000 });
      const stored = await publication(item.id);
      expect(stored).toMatchObject({ state: "published", public_text: PUBLIC_TEXT });
      const chosen = await h.t.deps.pool.query<{ media_id: string }>("SELECT media_id FROM submission_public_media WHERE submission_id = $1", [item.id]);
      expect(chosen.rows.map((r) => r.media_id)).toEqual([photos[0]]);
      expect(await audited(item.id)).toEqual(["submission.publish"]);
      await shot(page, "publish-published");

      // On the public record: her cleaned text, the answer, one photo; never her name or phone.
      await page.getByTestId("publish-view").click();
      const detail = page.getByTestId("record-detail");
      await detail.waitFor({ timeout: 10_000 });
      expect(new URL(page.url()).pathname).toContain(`/ket-qua/${stored!.public_id}`);
      await expect.poll(() => page.getByTestId("record-text").textContent(), { timeout: 10_000 }).toBe(PUBLIC_TEXT);
      expect(await page.getByTestId("record-answer").textContent()).toBe(ANSWER);
      await expect.poll(() => detail.locator(".hs-thumb img").count(), { timeout: 10_000 }).toBe(1);
      const html = await page.content();
      for (const secret of [WOMAN.name, WOMAN.shownPhone, code]) expect(html).not.toContain(secret);
      expect(await fitsPhone(page)).toBeLessThanOrEqual(360);
      await shot(page, "publish-on-record");

      // Taken down: off the record, audited.
      await page.goBack();
      await review.waitFor({ timeout: 10_000 });
      await review.getByRole("button", { name: "Gỡ xuống" }).click();
      await page.getByText("Gỡ khỏi Kết quả xử lý?").waitFor();
      await confirmModal(page, "Gỡ xuống");
      await page.getByText("Đã gỡ xuống.").waitFor({ timeout: 10_000 });
      expect((await publication(item.id))?.state).toBe("unpublished");
      const gone = await fetch(`${h.base}/api/public-record/items/${stored!.public_id}`);
      expect(gone.status).toBe(404);
      expect(await audited(item.id)).toEqual(["submission.publish", "submission.unpublish"]);
    });
  }, 180_000);

  it("declines another item after a confirmation; Hộp việc leads to the publish step of a resolved item", async () => {
    await h.inBrowser("publish-decline", async (page) => {
      await asOfficer(page, `/can-bo/cong-khai/${other.id}`);
      const review = page.getByTestId("publish-review");
      await review.waitFor({ timeout: 15_000 });
      await review.getByRole("button", { name: "Không đăng" }).click();
      await page.getByText("Không đăng việc này?").waitFor();
      await confirmModal(page, "Không đăng");
      await page.getByText("Đã ghi nhận không đăng.").waitFor({ timeout: 10_000 });
      expect((await publication(other.id))?.state).toBe("declined");
      expect(await audited(other.id)).toEqual(["submission.publish_decline"]);
      // Said and done, yet not for ever: she may still publish it later, but is no longer asked to decide.
      await review.getByTestId("publish-state").getByText("Chị đã chọn không đăng việc này.").waitFor({ timeout: 10_000 });
      expect(await review.getByRole("button", { name: "Không đăng" }).count()).toBe(0);

      // The first item (taken down, consent still given) from Hộp việc: the way to publish it again.
      await page.goto(`${h.base}/zapps/hoiso/can-bo/hop-viec/${item.assignment}`);
      const from = page.getByTestId("publish-from-item");
      await from.waitFor({ timeout: 15_000 });
      expect(await fitsPhone(page)).toBeLessThanOrEqual(360);
      await shot(page, "publish-from-item");
      await from.getByRole("button", { name: "Xem xét đăng công khai" }).click();
      await page.getByTestId("publish-review").waitFor({ timeout: 10_000 });
      expect(new URL(page.url()).pathname).toContain(`/can-bo/cong-khai/${item.id}`);
    });
  }, 120_000);

  it("an item entered on her behalf carries her consent to publish, printed on the slip, and waits in Chờ công khai once resolved", async () => {
    const text = "Chị Lù Thị Sính báo tại buổi họp: máng nước thôn Nậm Chảy vỡ, nước không về tới bản.";
    let id = "";
    await h.inBrowser("publish-on-behalf", async (page) => {
      await asOfficer(page, "/can-bo/nhap-ho");
      const form = page.getByTestId("on-behalf");
      await form.waitFor({ timeout: 15_000 });
      await form.locator("#ob-channel").selectOption("hop");
      await expect.poll(() => form.locator("#ob-category option").count(), { timeout: 10_000 }).toBeGreaterThan(2);
      // offered only for what may be published: not for a private category, nor once she asks to stay unknown
      await form.locator("#ob-category").selectOption("bao_luc");
      expect(await form.getByTestId("ob-publish").count()).toBe(0);
      await form.locator("#ob-category").selectOption("dat_dai");
      await form.getByTestId("ob-publish").waitFor();
      await form.getByText("Chị em muốn giấu tên với cán bộ xử lý").click();
      expect(await form.getByTestId("ob-publish").count()).toBe(0);
      await form.getByText("Chị em muốn giấu tên với cán bộ xử lý").click();
      await form.locator("textarea").fill(text);
      await form.getByTestId("ob-publish").locator("input").check();
      await form.getByTestId("ob-consent").check();
      expect(await fitsPhone(page)).toBeLessThanOrEqual(360);
      await shot(page, "publish-on-behalf-form");
      await form.getByRole("button", { name: "Ghi nhận và gửi" }).click();
      const slip = page.getByTestId("on-behalf-slip");
      await slip.waitFor({ timeout: 15_000 });
      expect(await slip.getByTestId("slip-publish").textContent()).toBe("Chị đồng ý cho đăng kết quả xử lý công khai, không kèm tên chị.");
      await shot(page, "publish-on-behalf-slip");
      const code = await slip.getByTestId("slip-code").textContent();
      id = (await h.t.deps.pool.query<{ id: string }>("SELECT id FROM submissions WHERE tracking_code = $1", [code])).rows[0]!.id;
    });
    expect((await h.t.deps.pool.query("SELECT consent FROM submission_publications WHERE submission_id = $1", [id])).rows).toEqual([{ consent: true }]);
    const officer = await h.tokenFor(OFFICER.zaloId, OFFICER.name);
    await h.call(officer, "POST", `/assignments/${await h.routed(id)}/resolve`, { message: "Xã đã thay đoạn máng vỡ." });
    const pending = await h.call<{ items: Array<{ submissionId: string; state: string }> }>(officer, "GET", "/staff/publications");
    expect(pending.items.find((i) => i.submissionId === id)?.state).toBe("pending");
  }, 150_000);
  it("hides the faces on a proof photo: she covers them with her finger, and the record shows her covered copy, never the original", async () => {
    const woman = await h.tokenFor(WOMAN.zaloId, WOMAN.name);
    const officer = await h.tokenFor(OFFICER.zaloId, OFFICER.name);
    const created = await h.submit(woman, { kind: "feedback", category: "dat_dai", body: "Nhà văn hóa thôn Nậm Chảy dột, chị em không họp được khi mưa.", unitId: h.seeded.chiHoi, publishConsent: true });
    // a photo with "faces": one colour, so what was covered shows as the fill
    const group = await h.upload(officer, tinyPng(160, 120, [210, 170, 130]), "chi-em-nha-van-hoa.png");
    await h.call(officer, "POST", `/assignments/${await h.routed(created.id)}/resolve`, { message: "Xã đã lợp lại mái nhà văn hóa.", mediaIds: [group.id] });

    await h.inBrowser("publish-cover-faces", async (page) => {
      await asOfficer(page, `/can-bo/cong-khai/${created.id}`);
      const review = page.getByTestId("publish-review");
      await review.waitFor({ timeout: 15_000 });
      const photo = review.getByTestId("publish-photo");
      await photo.getByRole("checkbox").check();
      await photo.getByRole("button", { name: "Che mặt" }).click();
      const cover = page.getByTestId("face-cover");
      const canvas = cover.getByTestId("face-canvas");
      await canvas.waitFor({ timeout: 10_000 });
      // Saving with nothing covered is refused with a word, not an upload.
      await cover.getByRole("button", { name: "Lưu ảnh đã che" }).click();
      await cover.getByText("Chị kéo ngón tay trên ảnh để che ít nhất một chỗ.").waitFor();
      // She drags a box over the middle of the photo (the "faces").
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.25);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 4 });
      await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.75, { steps: 4 });
      await page.mouse.up();
      await expect.poll(() => cover.getByTestId("face-count").textContent()).toBe("Đã che 1 chỗ.");
      expect(await fitsPhone(page)).toBeLessThanOrEqual(360);
      await shot(page, "publish-cover-drawing");
      await cover.getByRole("button", { name: "Lưu ảnh đã che" }).click();
      await photo.getByTestId("photo-covered").waitFor({ timeout: 15_000 });
      expect(await cover.count()).toBe(0);
      await shot(page, "publish-cover-covered");

      await review.getByRole("button", { name: "Đăng công khai" }).click();
      await page.getByText("Đăng lên Kết quả xử lý?").waitFor();
      await confirmModal(page, "Đăng công khai");
      await page.getByText("Đã đăng lên Kết quả xử lý.").waitFor({ timeout: 10_000 });
      const rows = await h.t.deps.pool.query<{ media_id: string; source_media_id: string | null }>("SELECT media_id, source_media_id FROM submission_public_media WHERE submission_id = $1", [created.id]);
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]!.source_media_id).toBe(group.id);
      const copy = rows.rows[0]!.media_id;
      expect(copy).not.toBe(group.id);
      // The original with the faces is not public; the copy is.
      expect((await fetch(`${h.base}/api/media/${group.id}`)).status).toBe(401);
      expect((await fetch(`${h.base}/api/media/${copy}`)).status).toBe(200);

      // On the record: the covered copy, dark where she drew, the photo's own colour elsewhere.
      await page.getByTestId("publish-view").click();
      const detail = page.getByTestId("record-detail");
      await detail.waitFor({ timeout: 10_000 });
      const img = detail.locator(".hs-thumb img");
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth), { timeout: 10_000 }).toBe(160);
      const [middle, corner] = await img.evaluate((i: HTMLImageElement) => {
        const c = document.createElement("canvas");
        c.width = i.naturalWidth;
        c.height = i.naturalHeight;
        const ctx = c.getContext("2d")!;
        ctx.drawImage(i, 0, 0);
        return [Array.from(ctx.getImageData(80, 60, 1, 1).data.slice(0, 3)), Array.from(ctx.getImageData(5, 5, 1, 1).data.slice(0, 3))];
      });
      expect(Math.max(...middle)).toBeLessThan(40);
      expect(Math.abs(corner[0]! - 210)).toBeLessThan(20);
      await shot(page, "publish-cover-on-record");
    });
  }, 150_000);
});
