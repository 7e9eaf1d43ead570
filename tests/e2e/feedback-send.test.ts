import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, devLoginAs, shot, startHarness, tinyPng, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * A woman sends a phản ánh from the Phản ánh tab — category, text, a photo, a voice note from Chromium's fake
 * microphone — sees the tracking code, and follows it in Theo dõi until the workers have forwarded it to her xã.
 * On the way the form offers a similar open petition of her commune (typed without diacritics) to co-sign.
 */
describe.runIf(available)("Phản ánh: sending one item", () => {
  let h: Harness;
  let png = "";
  let petitionId = "";

  beforeAll(async () => {
    h = await startHarness();
    png = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-png-")), "duong-sat-lo.png");
    fs.writeFileSync(png, tinyPng());
    // Another woman of the same commune has already asked for the road to be repaired.
    const other = await h.tokenFor("e2e-other", "Lù Thị Sinh");
    await h.call(other, "PUT", "/me/unit", { unitId: h.seeded.chiHoi });
    const petition = await h.submit(other, {
      kind: "petition",
      category: "dat_dai",
      body: "Đề nghị sửa đường vào thôn Nậm Chảy, mùa mưa sạt lở rất nguy hiểm cho các cháu đi học.",
      unitId: h.seeded.chiHoi,
    });
    petitionId = petition.id;
  });

  afterAll(async () => {
    await h?.close();
    fs.rmSync(path.dirname(png), { recursive: true, force: true });
  });

  it("sends with a photo and a voice note, shows the tracking code, and shows it forwarded in Theo dõi", async () => {
    await h.inBrowser("feedback-send", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      await page.getByText("Chào chị Dung!").waitFor({ timeout: 15_000 });
      await page.locator(".hs-tile", { hasText: "Phản ánh" }).click();
      await page.getByTestId("send-form").waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/zapps\/[^/]+\/phan-anh$/);
      expect(await page.getByRole("tab").allTextContents()).toEqual(["Gửi mới", "Của tôi"]);

      // Each kind comes with its plain sentence.
      const kinds = page.getByTestId("kind");
      expect(await kinds.getByRole("radio").count()).toBe(3);
      await kinds.getByRole("radio", { name: /^Tin báo/ }).waitFor();

      // Sending with nothing filled in says what is missing, next to each field.
      await page.getByRole("button", { name: "Gửi tới Hội" }).click();
      await kinds.getByText("Chị chọn giúp Hội: phản ánh, tin báo hay kiến nghị.").waitFor();

      await kinds.getByRole("radio", { name: /^Phản ánh/ }).click();
      const cats = page.getByTestId("category");
      // A private category says who will see it.
      await cats.getByRole("radio", { name: /Bạo lực gia đình/ }).click();
      await expect.poll(() => page.getByTestId("private-note").textContent()).toContain("chỉ cán bộ Hội phụ trách và Hội LHPN tỉnh được xem");
      await cats.getByRole("radio", { name: "Việc làm – lao động" }).click();
      expect(await page.getByTestId("private-note").count()).toBe(0);

      // Typed without diacritics, the commune's open petition about the same road is offered for co-signing.
      const body = page.getByTestId("content").locator("textarea");
      await body.fill("duong vao thon Nam Chay bi sat lo");
      const similar = page.getByTestId("similar");
      await similar.waitFor({ timeout: 10_000 });
      expect(await similar.textContent()).toContain("Đề nghị sửa đường vào thôn Nậm Chảy");
      await similar.getByRole("button", { name: "Ký tên ủng hộ" }).click();
      await similar.getByText("Chị đã ký").waitFor();
      await shot(page, "feedback-similar");
      const signed = await h.t.deps.pool.query("SELECT 1 FROM petition_signatures WHERE submission_id = $1 AND member_id = $2", [petitionId, h.seeded.woman]);
      expect(signed.rowCount).toBe(1);

      await body.fill(
        "Chị em trong thôn đi làm thuê ở xưởng chè Bản Mế ba tháng nay chưa được trả lương, chủ xưởng hẹn mãi. Nhờ Hội hỏi giúp.",
      );

      // Voice note from the fake microphone: record, stop, listen back, uploaded at once.
      const voice = page.getByTestId("voice");
      await voice.getByRole("button", { name: "Bấm để ghi âm" }).click();
      await voice.getByText(/Đang ghi 0:0[1-9]/).waitFor({ timeout: 10_000 });
      await voice.getByRole("button", { name: "Bấm để dừng" }).click();
      await voice.getByText("Đã lưu ghi âm.").waitFor({ timeout: 15_000 });
      expect(await voice.locator("audio").count()).toBe(1);
      // MediaRecorder's WebM says its duration is Infinity until read through; the player finds the real one.
      await expect.poll(() => voice.getByTestId("voice-duration").textContent(), { timeout: 10_000 }).toMatch(/^Ghi âm dài 0:0[1-9]$/);
      expect(await voice.locator("audio").evaluate((a: HTMLAudioElement) => Number.isFinite(a.duration) && a.currentTime === 0)).toBe(true);

      // A photo through the plain file input (outside Zalo), shown as a thumbnail once uploaded.
      await page.getByTestId("photo-input").setInputFiles(png);
      const thumb = page.getByTestId("photos").locator(".hs-thumb-item");
      await expect.poll(() => thumb.getAttribute("class"), { timeout: 15_000 }).toContain("hs-thumb-done");
      expect(await page.getByRole("button", { name: "Bỏ ảnh 1" }).isVisible()).toBe(true);

      // The unit defaults to her own chi hội.
      expect(await page.getByTestId("unit-name").textContent()).toBe("Chi hội thôn Nậm Chảy");

      // The switch says exactly who will see her name, both ways.
      const privacy = page.getByTestId("anonymous-text");
      expect(await privacy.textContent()).toBe("Cán bộ Hội phụ trách sẽ thấy tên và số điện thoại của chị");
      await page.getByTestId("anonymous").click();
      expect(await privacy.textContent()).toBe("Không ai thấy tên chị; cán bộ chỉ thấy nội dung");
      await page.getByTestId("anonymous").click();
      expect(await privacy.textContent()).toBe("Cán bộ Hội phụ trách sẽ thấy tên và số điện thoại của chị");
      await shot(page, "feedback-form");

      await page.getByRole("button", { name: "Gửi tới Hội" }).click();
      const code = page.getByTestId("tracking-code");
      await code.waitFor({ timeout: 15_000 });
      const trackingCode = (await code.textContent()) ?? "";
      expect(trackingCode).toMatch(/^PA-[2-9A-Z]{7}$/);
      await shot(page, "feedback-sent");

      const row = await h.t.deps.pool.query<{ id: string; anonymous: boolean; origin_unit_id: string; kinds: string[] }>(
        `SELECT s.id, s.anonymous, s.origin_unit_id, array_agg(m.kind ORDER BY m.kind) AS kinds
           FROM submissions s JOIN submission_media m ON m.submission_id = s.id
          WHERE s.tracking_code = $1 GROUP BY s.id`,
        [trackingCode],
      );
      expect(row.rows[0]).toMatchObject({ anonymous: false, origin_unit_id: h.seeded.chiHoi, kinds: ["audio", "image"] });

      // Theo dõi: the workers route it to the xã (viec_lam is handled at xã level); the page notices by itself.
      await page.getByRole("button", { name: "Theo dõi phản ánh" }).click();
      await page.getByTestId("item-detail").waitFor();
      expect(await page.getByTestId("detail-code").textContent()).toBe(trackingCode);
      const progress = page.getByTestId("progress");
      await expect.poll(() => progress.textContent(), { timeout: 20_000 }).toContain("Đã chuyển đến Xã Bản Mế");
      await expect.poll(() => page.getByTestId("timeline").textContent()).toContain("Đã chuyển đến Xã Bản Mế.");
      await expect.poll(() => page.locator(".hs-chip-status").first().textContent()).toBe("Đã chuyển đến đơn vị");
      // Her own photo and voice note load through the authenticated media route.
      await expect.poll(() => page.locator(".hs-thumb img").evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 }).toBe(24);
      await shot(page, "feedback-track");

      // Của tôi lists it; the code lookup finds it typed loosely.
      await page.goto(`${h.base}/zapps/hoiso/phan-anh/cua-toi`);
      const mine = page.getByTestId("my-items");
      await mine.getByText(trackingCode).waitFor({ timeout: 15_000 });
      expect(await mine.locator(".hs-choice", { hasText: trackingCode }).textContent()).toContain("Đã chuyển đến đơn vị");
      await shot(page, "feedback-mine");
      await page.getByTestId("code-lookup").locator("input").fill(trackingCode.toLowerCase().replace("-", " "));
      await page.getByTestId("code-lookup").getByRole("button", { name: "Tìm" }).click();
      await expect.poll(() => page.getByTestId("detail-code").textContent(), { timeout: 10_000 }).toBe(trackingCode);

      // A refusal from the server shows its Vietnamese message next to the field it names: here the unit she picked
      // is merged away between choosing and sending (UNIT_INACTIVE, field unitId). Nothing is stored.
      await page.goto(`${h.base}/zapps/hoiso/phan-anh`);
      await page.getByTestId("send-form").waitFor({ timeout: 15_000 });
      await page.getByTestId("kind").getByRole("radio", { name: /^Kiến nghị/ }).click();
      await page.getByTestId("category").getByRole("radio", { name: "Thủ tục hành chính – dịch vụ công" }).click();
      await page.getByTestId("content").locator("textarea").fill("Đề nghị phường mở thêm buổi làm căn cước vào chiều thứ bảy.");
      const unitChoice = page.getByTestId("unit-choice");
      await unitChoice.getByRole("button", { name: "Chọn nơi khác" }).click();
      await unitChoice.locator("input").fill("sa pa");
      await unitChoice.locator(".hs-choice", { hasText: "Phường Sa Pa" }).click();
      expect(await page.getByTestId("unit-name").textContent()).toBe("Phường Sa Pa");
      await h.t.deps.pool.query("UPDATE units SET active = false WHERE code = 'e2e-sapa'");
      const before = await h.t.deps.pool.query("SELECT count(*)::int AS n FROM submissions");
      await page.getByRole("button", { name: "Gửi tới Hội" }).click();
      await expect.poll(() => unitChoice.locator(".hs-field-error").textContent(), { timeout: 10_000 }).toContain("sáp nhập hoặc ngừng hoạt động");
      expect(await page.getByTestId("tracking-code").count()).toBe(0);
      expect((await h.t.deps.pool.query("SELECT count(*)::int AS n FROM submissions")).rows[0]).toEqual(before.rows[0]);
      await shot(page, "feedback-server-error");
    });
  }, 60_000);
});
