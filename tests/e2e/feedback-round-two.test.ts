import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, confirmModal, devLoginAs, OFFICER, shot, startHarness, tinyPng, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * Issue 13's second-round screens, in Chromium at 360 px: the cán bộ's "Nhập hộ" with its printable slip, a reply
 * carrying a proof photo that the woman then sees, her rating of the answer, and the khiếu nại guidance she reads
 * when a cán bộ closes an item as a complaint.
 */
describe.runIf(available)("Phản ánh, second round: on-behalf entry, proof, rating, complaint guidance", () => {
  let h: Harness;
  let womanToken = "";
  let png = "";

  beforeAll(async () => {
    h = await startHarness();
    womanToken = await h.tokenFor(WOMAN.zaloId, WOMAN.name);
    png = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-proof-")), "ket-qua-sua-duong.png");
    fs.writeFileSync(png, tinyPng(40, 30, [30, 122, 70]));
  });
  afterAll(async () => {
    await h?.close();
    if (png) fs.rmSync(path.dirname(png), { recursive: true, force: true });
  });

  /** An item of hers, routed to the xã; answers its id, code and the xã's assignment. */
  async function itemOfHers(body: string) {
    const created = await h.submit(womanToken, { kind: "feedback", category: "viec_lam", body, unitId: h.seeded.chiHoi });
    return { id: created.id, code: created.trackingCode, assignment: await h.routed(created.id) };
  }
  async function asOfficer(page: Page, path: string) {
    await page.goto(`${h.base}/`);
    await devLoginAs(page, OFFICER.zaloId);
    await page.getByText("Chào chị Mai!").waitFor({ timeout: 15_000 });
    await page.goto(`${h.base}/zapps/hoiso${path}`);
  }
  async function asWomanOn(page: Page, itemId: string) {
    await page.goto(`${h.base}/zapps/hoiso/phan-anh/theo-doi/${itemId}`);
    await devLoginAs(page, WOMAN.zaloId);
    await page.getByTestId("item-detail").waitFor({ timeout: 15_000 });
  }

  it("a cán bộ enters an item received by phone and gets a slip with its tracking code", async () => {
    const text = "Chị Sùng Thị Mỷ gọi điện báo: trường mầm non thôn Na Cáng dột nát, mùa mưa các cháu phải nghỉ học.";
    await h.inBrowser("feedback-on-behalf", async (page) => {
      await asOfficer(page, "/can-bo");
      await page.getByTestId("on-behalf-entry").click();
      const form = page.getByTestId("on-behalf");
      await form.waitFor({ timeout: 10_000 });
      await form.locator("#ob-channel").selectOption("dien_thoai");
      await form.getByRole("tab", { name: "Phản ánh" }).click();
      await expect.poll(() => form.locator("#ob-category option").count(), { timeout: 10_000 }).toBeGreaterThan(2);
      await form.locator("#ob-category").selectOption("khac");
      await form.locator("textarea").fill(text);
      // zmp-ui's inputs are not tied to their labels: the name, then the phone.
      const fields = form.locator("input:not([type=checkbox])");
      await fields.nth(0).fill("Sùng Thị Mỷ");
      await fields.nth(1).fill("0987654321");
      const send = form.getByRole("button", { name: "Ghi nhận và gửi" });
      // Without her consent nothing can be sent.
      expect(await send.isDisabled()).toBe(true);
      await form.getByTestId("ob-consent").check();
      expect(await send.isDisabled()).toBe(false);
      await shot(page, "officer-on-behalf-form");
      await send.click();

      const slip = page.getByTestId("on-behalf-slip");
      await slip.waitFor({ timeout: 15_000 });
      const code = (await slip.getByTestId("slip-code").textContent()) ?? "";
      expect(code).toMatch(/^PA-[2-9A-Z]{7}$/);
      const slipText = (await slip.textContent()) ?? "";
      expect(slipText).toContain("PHIẾU TIẾP NHẬN PHẢN ÁNH");
      expect(slipText).toContain("Hình thức: Điện thoại");
      // A slip can be lost or found: it never carries what she said, nor her name.
      expect(slipText).not.toContain("mầm non");
      expect(slipText).not.toContain("Sùng Thị Mỷ");
      await shot(page, "officer-on-behalf-slip");

      const row = await h.t.deps.pool.query<{ channel: string; author_id: string; woman_name: string; consent: boolean; n: number }>(
        `SELECT s.channel, s.author_id, o.woman_name, o.consent, (SELECT count(*)::int FROM submissions WHERE body = $2) AS n
           FROM submissions s JOIN submission_on_behalf o ON o.submission_id = s.id WHERE s.tracking_code = $1`,
        [code, text],
      );
      expect(row.rows).toEqual([{ channel: "dien_thoai", author_id: h.seeded.officer, woman_name: "Sùng Thị Mỷ", consent: true, n: 1 }]);

      // "Nhập nội dung khác" gives an empty form (a new item, not a retry of this one).
      await slip.getByRole("button", { name: "Nhập nội dung khác" }).click();
      await expect.poll(() => page.getByTestId("on-behalf").locator("textarea").inputValue()).toBe("");
    });
  }, 120_000);

  it("a reply with a proof photo reaches the woman, and she rates the answer once it is resolved", async () => {
    const item = await itemOfHers("Đường liên thôn Nậm Chảy sạt lở, xe chở chè không đi được, chị em không bán được chè.");
    const REPLY = "Xã đã cho máy san gạt đoạn sạt lở; ảnh chụp hiện trạng sau khi sửa gửi kèm để chị xem.";
    await h.inBrowser("feedback-proof-officer", async (page) => {
      await asOfficer(page, `/can-bo/hop-viec/${item.assignment}`);
      await page.getByTestId("assignment-body").waitFor({ timeout: 15_000 });
      await page.getByRole("button", { name: "Tiếp nhận" }).click();
      await expect.poll(() => page.getByTestId("staff-timeline").textContent(), { timeout: 10_000 }).toContain("đã tiếp nhận");

      await page.getByRole("button", { name: "Trả lời", exact: true }).click();
      const panel = page.getByTestId("reply-panel");
      await panel.locator("textarea").fill(REPLY);
      await panel.getByTestId("proof-picker").locator("input[type=file]").setInputFiles(png);
      await panel.getByText("ket-qua-sua-duong.png").waitFor({ timeout: 15_000 });
      await shot(page, "officer-reply-proof");
      await panel.getByRole("button", { name: "Gửi trả lời" }).click();
      await expect.poll(() => page.getByTestId("staff-timeline").textContent(), { timeout: 10_000 }).toContain(REPLY);

      await page.getByRole("button", { name: "Giải quyết xong" }).first().click();
      const resolve = page.getByTestId("resolve-panel");
      await resolve.locator("textarea").fill("Đường đã thông, xe chở chè đi lại bình thường.");
      await resolve.getByRole("button", { name: "Giải quyết xong" }).click();
      await confirmModal(page, "Giải quyết xong");
      await expect.poll(async () => (await h.t.deps.pool.query("SELECT status FROM submissions WHERE id = $1", [item.id])).rows[0]?.status, { timeout: 10_000 }).toBe(
        "resolved",
      );
    });
    const proof = await h.t.deps.pool.query<{ kind: string }>(
      "SELECT m.kind FROM submission_event_media m JOIN submission_events e ON e.id = m.event_id WHERE e.submission_id = $1",
      [item.id],
    );
    expect(proof.rows).toEqual([{ kind: "image" }]);

    await h.inBrowser("feedback-proof-woman", async (page) => {
      await asWomanOn(page, item.id);
      const reply = page.getByTestId("official-reply");
      await reply.waitFor({ timeout: 10_000 });
      // The proof photo loads through the authenticated media route, at its real size.
      const photo = reply.getByTestId("proof").locator("img");
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 }).toBe(40);
      expect(await photo.getAttribute("alt")).toBe("Ảnh kết quả 1");
      expect(await page.getByTestId("timeline").textContent()).toContain(REPLY);

      // Her rating, with a word, given once.
      const rating = page.getByTestId("rating");
      await rating.getByText("Chị thấy câu trả lời của Hội thế nào?").waitFor();
      await shot(page, "woman-proof-rating");
      await rating.getByRole("radio", { name: "Bình thường" }).click();
      await rating.locator("textarea").fill("Đường sửa rồi nhưng còn trơn khi mưa.");
      await rating.getByRole("button", { name: "Gửi đánh giá" }).click();
      const given = page.getByTestId("rating-given");
      await given.waitFor({ timeout: 10_000 });
      expect(await given.textContent()).toContain("Chị đã đánh giá: Bình thường");
      expect(await given.textContent()).toContain("còn trơn khi mưa");
      expect(await page.getByTestId("rating").count()).toBe(0);
      await shot(page, "woman-rated");
    });
    const rated = await h.t.deps.pool.query("SELECT rating, comment, unit_id FROM submission_ratings WHERE submission_id = $1", [item.id]);
    expect(rated.rows).toEqual([{ rating: "binh_thuong", comment: "Đường sửa rồi nhưng còn trơn khi mưa.", unit_id: h.seeded.xa }]);
  }, 150_000);

  it("closed as a khiếu nại, the item shows her where and how to file it", async () => {
    const item = await itemOfHers("Xã thu hồi đất trồng ngô của nhà tôi làm đường mà chưa bồi thường, tôi không đồng ý với quyết định.");
    const NOTE = "Chị nộp đơn tại Bộ phận tiếp công dân UBND xã Bản Mế; chi hội sẽ giúp chị viết đơn.";
    await h.inBrowser("feedback-legal-officer", async (page) => {
      await asOfficer(page, `/can-bo/hop-viec/${item.assignment}`);
      await page.getByTestId("assignment-body").waitFor({ timeout: 15_000 });
      await page.getByRole("button", { name: "Là khiếu nại / tố cáo" }).click();
      const panel = page.getByTestId("legal-panel");
      await panel.getByRole("tab", { name: "Khiếu nại" }).click();
      await panel.locator("textarea").fill(NOTE);
      await shot(page, "officer-legal");
      await panel.getByRole("button", { name: "Là khiếu nại / tố cáo" }).click();
      await page.getByText("Kết thúc việc này là khiếu nại / tố cáo?").waitFor();
      await confirmModal(page, "Là khiếu nại / tố cáo");
      await expect.poll(async () => (await h.t.deps.pool.query("SELECT legal_route FROM submissions WHERE id = $1", [item.id])).rows[0]?.legal_route, { timeout: 10_000 }).toBe(
        "khieu_nai",
      );
    });

    await h.inBrowser("feedback-legal-woman", async (page) => {
      await asWomanOn(page, item.id);
      const guidance = page.getByTestId("legal-guidance");
      await guidance.waitFor({ timeout: 10_000 });
      const text = (await guidance.textContent()) ?? "";
      expect(text).toContain("Việc này cần làm đơn khiếu nại");
      expect(text).toContain("Luật Khiếu nại 2011");
      expect(text).toContain("90 ngày");
      expect(text).toContain(NOTE);
      // The Hội did not solve it: the last step says where it went, not "Đã giải quyết".
      const progress = (await page.getByTestId("progress").textContent()) ?? "";
      expect(progress).toContain("Chuyển sang thủ tục khiếu nại");
      expect(progress).not.toContain("Đã giải quyết");
      // A complaint goes its own legal way: no rating of an answer the Hội did not give.
      expect(await page.getByTestId("rating").count()).toBe(0);
      await shot(page, "woman-legal-guidance");
    });
  }, 150_000);
  it("the place she shared shows to the handling cán bộ as a link to the map", async () => {
    const item = await itemOfHers("Cống thoát nước đầu thôn Nậm Chảy tắc, nước tràn vào nhà dân.");
    // As the intake stores it once Zalo's location token is exchanged on the server (tests/server/feedback/location.test.ts).
    await h.t.deps.pool.query("INSERT INTO submission_locations (submission_id, lat, lng, at) VALUES ($1, 22.3364, 103.8438, now())", [item.id]);
    await h.inBrowser("feedback-location-officer", async (page) => {
      await asOfficer(page, `/can-bo/hop-viec/${item.assignment}`);
      const link = page.getByTestId("map-link");
      await link.waitFor({ timeout: 15_000 });
      expect(await link.textContent()).toBe("Xem vị trí chị em chia sẻ trên bản đồ");
      expect(await link.getAttribute("href")).toBe("https://www.google.com/maps/search/?api=1&query=22.3364,103.8438");
      expect(await link.getAttribute("target")).toBe("_blank");
      await shot(page, "officer-location");
    });
  }, 120_000);
});
