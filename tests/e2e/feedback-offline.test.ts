import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available, openFeedbackForm, shot, startHarness, tinyPng, type Harness } from "./feedback-harness.js";

/**
 * Weak signal (issue 13): an item written without a connection waits on the phone as "Chờ gửi" and goes by itself
 * when the connection returns — once, with the form's idempotency key, even when the first answer is lost, the page
 * is reloaded while it waits and two tabs are open when the connection comes back. A private item is never kept.
 * A photo picked and a voice note recorded offline wait on the phone (IndexedDB) and arrive with the item, each uploaded once.
 */
describe.runIf(available)("Phản ánh: written offline, sent when the connection returns", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const stored = async (body: string) =>
    (await h.t.deps.pool.query<{ tracking_code: string }>("SELECT tracking_code FROM submissions WHERE author_id = $1 AND body = $2", [h.seeded.woman, body])).rows.map(
      (r) => r.tracking_code,
    );
  const outbox = (page: Page) =>
    page.evaluate(() => JSON.parse(localStorage.getItem("hoiso.feedback.outbox.v1") ?? "[]") as Array<{ key: string; state: string; attempts: number; body: { body: string } }>);

  const openForm = (page: Page) => openFeedbackForm(page, h.base);
  async function fill(page: Page, text: string, category: string | RegExp = "Việc làm – lao động") {
    await page.getByTestId("kind").getByRole("radio", { name: /^Phản ánh/ }).click();
    await page.getByTestId("category").getByRole("radio", { name: category }).click();
    await page.getByTestId("content").locator("textarea").fill(text);
  }

  it("shows “Chờ gửi” while offline, then the tracking code once she is back online; stored once", async () => {
    await h.inBrowser("feedback-offline", async (page) => {
      await openForm(page);
      await page.context().setOffline(true);
      const note = page.getByTestId("offline-note");
      await note.getByText("Chị đang không có mạng").waitFor();
      expect(await note.textContent()).toContain("tự gửi khi có mạng trở lại");

      // A private matter is never kept on a phone someone else may open: she is told to send it when online.
      await fill(page, "Chồng tôi hay say rượu rồi đánh tôi.", /Bạo lực gia đình/);
      expect(await note.textContent()).toContain("Mục này không được lưu trên máy; chị hãy gửi khi có mạng.");
      await shot(page, "feedback-offline-private");
      await page.getByRole("button", { name: "Gửi tới Hội" }).click();
      await page.getByTestId("send-form").locator(".hs-field-error", { hasText: "Mục này không được lưu trên máy" }).waitFor({ timeout: 10_000 });
      expect(await outbox(page)).toEqual([]);
      expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain("say rượu");

      const text = "Xưởng chè Bản Mế nợ lương chị em ba tháng, nhờ Hội hỏi giúp (viết lúc mất sóng).";
      await fill(page, text);
      expect(await note.textContent()).toContain("tự gửi khi có mạng trở lại");
      await page.getByRole("button", { name: "Gửi tới Hội" }).click();
      const pending = page.getByTestId("pending");
      await pending.waitFor({ timeout: 10_000 });
      expect(await pending.getByTestId("pending-chip").textContent()).toBe("Chờ gửi");
      expect(await pending.textContent()).toContain("sẽ tự động gửi khi có mạng trở lại");
      expect(await stored(text)).toEqual([]);
      const [entry] = await outbox(page);
      expect(entry).toMatchObject({ state: "waiting", body: { body: text } });
      await shot(page, "feedback-offline-pending");

      // Của tôi lists it as "Chờ gửi" even though the server's list cannot load offline.
      await page.getByRole("tab", { name: "Của tôi" }).click();
      const item = page.getByTestId("pending-item");
      await item.waitFor();
      expect(await item.textContent()).toContain("Chờ gửi");
      expect(await item.textContent()).toContain("Xưởng chè Bản Mế nợ lương");
      await shot(page, "feedback-offline-mine");
      await page.getByRole("tab", { name: "Gửi mới" }).click();
      await page.getByTestId("send-form").waitFor();

      // Back online: the sender goes by itself; the list shows the item from the server with its tracking code.
      await page.context().setOffline(false);
      await expect.poll(async () => (await stored(text)).length, { timeout: 15_000 }).toBe(1);
      await page.getByRole("tab", { name: "Của tôi" }).click();
      const [code] = await stored(text);
      await page.getByTestId("my-items").getByText(code!).waitFor({ timeout: 15_000 });
      // Stored as soon as the server has it; "Chờ gửi" goes once the answer reaches the phone (later on a slow line).
      await expect.poll(() => page.getByTestId("pending-item").count(), { timeout: 15_000 }).toBe(0);
      const keys = await h.t.deps.pool.query("SELECT key FROM submission_keys WHERE member_id = $1 AND key = $2", [h.seeded.woman, entry!.key]);
      expect(keys.rowCount).toBe(1);
    });
  }, 120_000);

  it("the pending screen turns into the tracking code when the connection returns", async () => {
    await h.inBrowser("feedback-offline-sent", async (page) => {
      await openForm(page);
      await page.context().setOffline(true);
      const text = "Đường vào thôn Na Cáng sạt lở, xe máy không qua được (gửi khi mất sóng).";
      await fill(page, text);
      await page.getByRole("button", { name: "Gửi tới Hội" }).click();
      await page.getByTestId("pending").waitFor({ timeout: 10_000 });
      await page.context().setOffline(false);
      const code = page.getByTestId("tracking-code");
      await code.waitFor({ timeout: 15_000 });
      expect(await stored(text)).toEqual([await code.textContent()]);
      await shot(page, "feedback-offline-sent");
    });
  }, 120_000);

  it("a lost answer, a reload while it waits and two tabs coming online still store it once", async () => {
    await h.inBrowser("feedback-offline-once", async (page) => {
      const ctx = page.context();
      // What the connection does to POST /api/submissions: store it and lose the answer, or never reach the server.
      let mode: "lose-answer" | "block" | "pass" = "lose-answer";
      const posts: string[] = [];
      await ctx.route("**/api/submissions", async (route) => {
        if (route.request().method() !== "POST") return route.continue();
        posts.push(route.request().headers()["idempotency-key"] ?? "");
        if (mode === "pass") return route.continue();
        if (mode === "block") return route.abort("internetdisconnected");
        await route.fetch();
        await route.abort("connectionreset");
      });

      await openForm(page);
      await ctx.setOffline(true);
      const text = "Trạm y tế xã thiếu thuốc cho trẻ em đã mấy tuần (gửi khi mất sóng, mạng chập chờn).";
      await fill(page, text);
      await page.getByRole("button", { name: "Gửi tới Hội" }).click();
      await page.getByTestId("pending").waitFor({ timeout: 10_000 });
      expect(posts).toEqual([]);

      // Online: the first try reaches the server but its answer is lost, so the phone still says "Chờ gửi".
      await ctx.setOffline(false);
      await expect.poll(async () => (await outbox(page))[0]?.attempts, { timeout: 15_000 }).toBe(1);
      expect(await stored(text)).toHaveLength(1);
      expect((await outbox(page))[0]?.state).toBe("waiting");
      expect(await page.getByTestId("pending-chip").textContent()).toBe("Chờ gửi");

      // Reloaded while it waits (the connection now drops every try): still waiting, in a second tab as well.
      mode = "block";
      await page.reload();
      await page.getByText("Chào chị Dung!").or(page.getByTestId("send-form")).first().waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/phan-anh/cua-toi`);
      await page.getByTestId("pending-item").waitFor({ timeout: 15_000 });
      const second = await ctx.newPage();
      await second.goto(`${h.base}/zapps/hoiso/phan-anh/cua-toi`);
      await second.getByTestId("pending-item").waitFor({ timeout: 15_000 });
      expect(await second.getByTestId("pending-item").textContent()).toContain("Chờ gửi");
      await shot(second, "feedback-offline-second-tab");
      expect(await stored(text)).toHaveLength(1);

      // The connection returns in both tabs at once: one of them sends, once, with the same key.
      await ctx.setOffline(true);
      mode = "pass";
      const before = posts.length;
      await ctx.setOffline(false);
      const [code] = await stored(text);
      for (const p of [page, second]) {
        await p.getByTestId("my-items").getByText(code!).waitFor({ timeout: 20_000 });
        await expect.poll(() => p.getByTestId("pending-item").count(), { timeout: 10_000 }).toBe(0);
      }
      expect(posts.length - before).toBe(1);
      expect(new Set(posts)).toEqual(new Set([posts[0]]));
      expect(await stored(text)).toEqual([code]);
      await shot(page, "feedback-offline-once");
    });
  }, 180_000);

  it("a photo picked and a voice note recorded offline wait on the phone and arrive with the item, each uploaded once, then leave the phone", async () => {
    await h.inBrowser("feedback-offline-photo", async (page) => {
      const ctx = page.context();
      const uploads: number[] = [];
      let loseAnswer = true;
      await ctx.route("**/api/media", async (route) => {
        if (route.request().method() === "POST") uploads.push(Date.now());
        return route.continue();
      });
      // The first send of the item reaches the server but its answer is lost: the retry must not upload the photo again.
      await ctx.route("**/api/submissions", async (route) => {
        if (route.request().method() !== "POST" || !loseAnswer) return route.continue();
        loseAnswer = false;
        await route.fetch();
        await route.abort("connectionreset");
      });
      const kept = () =>
        page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const req = indexedDB.open("hoiso-outbox");
              req.onsuccess = () => {
                const db = req.result;
                if (!db.objectStoreNames.contains("media")) return resolve(0);
                const count = db.transaction("media").objectStore("media").count();
                count.onsuccess = () => resolve(count.result);
              };
              req.onerror = () => resolve(-1);
            }),
        );
      const mediaOfHers = async () => Number((await h.t.deps.pool.query<{ n: string }>("SELECT count(*) AS n FROM media WHERE owner_id = $1", [h.seeded.woman])).rows[0]!.n);
      const before = await mediaOfHers();

      await openForm(page);
      const text = "Cầu treo bản Nậm Chảy gãy hai tấm ván, các cháu đi học phải lội suối (ảnh chụp lúc mất sóng).";
      await fill(page, text);
      // The signal drops while she writes: the photo she then adds cannot be uploaded.
      await ctx.setOffline(true);
      await page.getByTestId("photo-input").setInputFiles({ name: "cau-treo.png", mimeType: "image/png", buffer: tinyPng(32, 20, [90, 60, 30]) });
      await page.getByTestId("photo-local").waitFor({ timeout: 10_000 });
      expect(await page.getByTestId("photo-local").textContent()).toBe("Chờ có mạng");
      // A voice note recorded without signal (Chromium's fake microphone) waits the same way.
      const voice = page.getByTestId("voice");
      await voice.getByRole("button", { name: "Bấm để ghi âm" }).click();
      await voice.getByText(/Đang ghi 0:0[1-9]/).waitFor({ timeout: 10_000 });
      await voice.getByRole("button", { name: "Bấm để dừng" }).click();
      await voice.getByText("Chưa có mạng: ghi âm được giữ trên máy và gửi kèm khi có mạng.").waitFor({ timeout: 15_000 });
      expect(uploads).toEqual([]);
      await shot(page, "feedback-offline-photo-form");
      await page.getByRole("button", { name: "Gửi tới Hội" }).click();
      const pending = page.getByTestId("pending");
      await pending.waitFor({ timeout: 10_000 });
      expect(await pending.getByTestId("pending-media").textContent()).toContain("2 ảnh/ghi âm đang được giữ trên máy");
      expect(await kept()).toBe(2);
      const [entry] = (await outbox(page)) as Array<{ key: string; localMedia?: unknown[]; body: { mediaIds?: string[] } }>;
      expect(entry?.localMedia).toHaveLength(2);
      expect(entry?.body.mediaIds ?? []).toEqual([]);
      await shot(page, "feedback-offline-photo-pending");

      // Back online: the photo and the voice note go up, the item with them; the lost answer makes the phone send the
      // item again, not its media.
      await ctx.setOffline(false);
      await page.getByTestId("tracking-code").waitFor({ timeout: 30_000 });
      const rows = await h.t.deps.pool.query<{ id: string; media: string[] }>(
        `SELECT s.id, array_agg(m.media_id ORDER BY m.sort) AS media
           FROM submissions s JOIN submission_media m ON m.submission_id = s.id
          WHERE s.author_id = $1 AND s.body = $2 GROUP BY s.id`,
        [h.seeded.woman, text],
      );
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]!.media).toHaveLength(2);
      expect(uploads).toHaveLength(2);
      expect((await mediaOfHers()) - before).toBe(2);
      expect(loseAnswer).toBe(false);
      // The server has a photo and a voice note.
      const stored = await h.t.deps.pool.query<{ kind: string }>("SELECT kind FROM media WHERE id = ANY($1::uuid[]) ORDER BY kind", [rows.rows[0]!.media]);
      expect(stored.rows.map((r) => r.kind)).toEqual(["audio", "image"]);
      // Sent: nothing of it stays in IndexedDB.
      await expect.poll(kept, { timeout: 10_000 }).toBe(0);
      await shot(page, "feedback-offline-photo-sent");
    });
  }, 150_000);
});
