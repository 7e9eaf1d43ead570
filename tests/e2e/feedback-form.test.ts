import fs from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storagePath } from "../../server/src/modules/media/storage.js";
import { available, cameraPng, openFeedbackForm, shot, startHarness, type Harness } from "./feedback-harness.js";

/**
 * The send form, issue 13: it explains how a khiếu nại or a tố cáo differs from a phản ánh, and a big camera photo is
 * shrunk on the phone before it is uploaded (a weak signal carries a fraction of the bytes).
 */

/** Width and height of a JPEG (its SOF segment), or null when there is none. */
function jpegSize(body: Buffer): { width: number; height: number } | null {
  let i = body.indexOf(Buffer.from([0xff, 0xd8, 0xff]));
  if (i < 0) return null;
  i += 2;
  while (i + 9 < body.length && body[i] === 0xff) {
    const marker = body[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xc3) return { height: body.readUInt16BE(i + 5), width: body.readUInt16BE(i + 7) };
    i += 2 + body.readUInt16BE(i + 2);
  }
  return null;
}

describe.runIf(available)("Phản ánh: the send form", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const openForm = (page: Page) => openFeedbackForm(page, h.base);

  it("explains how a khiếu nại and a tố cáo differ from a phản ánh, and under which law each goes", async () => {
    await h.inBrowser("feedback-form-legal", async (page) => {
      await openForm(page);
      const note = page.getByTestId("legal-note");
      await note.getByText("Khiếu nại, tố cáo khác với phản ánh").click();
      const text = note.locator("p");
      await text.waitFor();
      expect(await text.isVisible()).toBe(true);
      const said = (await text.textContent()) ?? "";
      for (const words of ["Khiếu nại là", "Luật Khiếu nại 2011", "Tố cáo là", "Luật Tố cáo 2018", "Hội sẽ hướng dẫn chị nộp đúng nơi"]) expect(said).toContain(words);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await shot(page, "feedback-form-legal");
    });
  });

  it("shrinks a big camera photo on the phone before uploading it", async () => {
    const original = cameraPng(2400, 1800);
    expect(original.length).toBeGreaterThan(2 * 2 ** 20);
    await h.inBrowser("feedback-form-shrink", async (page) => {
      let uploads = 0;
      await page.context().route("**/api/media", async (route) => {
        if (route.request().method() === "POST") uploads++;
        return route.continue();
      });
      await openForm(page);
      const before = await h.t.deps.pool.query<{ id: string }>("SELECT id FROM media WHERE owner_id = $1", [h.seeded.woman]);
      await page.getByTestId("photo-input").setInputFiles({ name: "IMG_2041.png", mimeType: "image/png", buffer: original });
      const thumb = page.getByTestId("photos").locator(".hs-thumb-item");
      await expect.poll(() => thumb.getAttribute("class"), { timeout: 30_000 }).toContain("hs-thumb-done");
      expect(uploads).toBe(1);

      // What reached the server (which only strips metadata): a JPEG at most 1,600 px on its long side, a fraction
      // of the bytes of the photo she picked.
      const stored = await h.t.deps.pool.query<{ mime: string; size_bytes: number; storage_key: string }>(
        "SELECT mime, size_bytes, storage_key FROM media WHERE owner_id = $1 AND NOT (id = ANY($2::uuid[]))",
        [h.seeded.woman, before.rows.map((r) => r.id)],
      );
      expect(stored.rows).toHaveLength(1);
      const row = stored.rows[0]!;
      expect(row.mime).toBe("image/jpeg");
      expect(Number(row.size_bytes)).toBeLessThan(original.length / 2);
      const bytes = await fs.readFile(storagePath(h.t.config.mediaDir, row.storage_key));
      expect(jpegSize(bytes)).toEqual({ width: 1600, height: 1200 });
      await shot(page, "feedback-form-shrink");
    });
  }, 120_000);
});
