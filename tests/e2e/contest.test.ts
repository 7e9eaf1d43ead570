import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminContest, AdminQuestionList, ContestWriteBody } from "@hoiso/shared";
import { bankCsv } from "../server/contests/world.js";
import { multipart, png } from "../server/media/fixtures.js";
import { available, devLoginAs, OFFICER, shot, startHarness, WOMAN, type Harness } from "./feedback-harness.js";

/**
 * Thi in Chromium against the real server, on a 360 px phone: the xã officer's contest (three questions drawn from a
 * bank, a prediction question, prizes) is taken to the end by a woman of a chi hội under that xã — she starts, loses
 * her connection (a reload) and comes back to the same attempt with her answers, hands it in, sees her score and rank
 * and her row on the board; after the officers close the round and pick the winners she reads her review and
 * confirms who she is. She also practises (Ôn tập) and gets each answer explained at once.
 */
describe.runIf(available)("Thi in Chromium", () => {
  let h: Harness;
  let contest: AdminContest;
  let practice: AdminContest;
  let officer = "";

  beforeAll(async () => {
    h = await startHarness();
    officer = await h.tokenFor(OFFICER.zaloId, OFFICER.name);
    const round = (over: Partial<ContestWriteBody["rounds"][number]> = {}): ContestWriteBody["rounds"][number] => ({
      title: "Đợt 1",
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
      questionCount: 3,
      timeLimitSeconds: 900,
      maxAttempts: 2,
      prediction: { kind: "perfect_count", prompt: "Có bao nhiêu người trả lời đúng tất cả?" },
      ...over,
    });
    const make = async (body: ContestWriteBody) => {
      const c = await h.call<AdminContest>(officer, "POST", "/admin/contests", body);
      await h.call(officer, "POST", `/admin/contests/${c.id}/rounds/${c.rounds[0]!.id}/import`, { fileName: "ngan-hang.csv", contentBase64: Buffer.from(bankCsv(4)).toString("base64") });
      await h.call(officer, "POST", `/admin/contests/${c.id}/publish`);
      return c;
    };
    contest = await make({
      kind: "contest",
      unitId: h.seeded.xa,
      title: "Cuộc thi tìm hiểu Nghị quyết Đại hội Phụ nữ xã Bản Mế",
      rules: "Mỗi người thi tối đa 2 lượt, tính lượt tốt nhất.",
      ranking: "correct_prediction_time",
      prizeTiers: [{ label: "Giải Nhất", count: 1 }],
      rounds: [round()],
    });
    practice = await make({ kind: "practice", unitId: h.seeded.xa, title: "Ôn tập Luật Bình đẳng giới", rounds: [round({ prediction: null })] });
    // every question of the contest shows the officer's picture (whichever three are drawn)
    const { payload, headers } = multipart([{ field: "file", filename: "minh-hoa.png", contentType: "image/png", bytes: png() }]);
    const up = await h.t.app.inject({ method: "POST", url: "/api/media", payload, headers: { ...headers, authorization: `Bearer ${officer}` } });
    const image = up.json<{ id: string }>().id;
    const roundId = contest.rounds[0]!.id;
    const bank = await h.call<AdminQuestionList>(officer, "GET", `/admin/contests/${contest.id}/rounds/${roundId}/questions`);
    for (const q of bank.items) {
      await h.call(officer, "PUT", `/admin/contests/${contest.id}/rounds/${roundId}/questions/${q.id}`, { prompt: q.prompt, choices: q.choices, answer: q.answer, explanation: q.explanation, imageMediaId: image });
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Every element wider than the 360 px screen (segment strips scroll sideways on purpose). */
  const looked = async (page: Page, name: string) => {
    const wide = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll<HTMLElement>(".hs-page *, .hs-bottom-nav *")]
        .filter((e) => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length > 0 && !e.closest(".hs-segments"))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? "").slice(0, 40)}`);
    });
    expect(wide, `${name} fits 360 px`).toEqual([]);
    await shot(page, name);
  };
  const quizTab = (page: Page) => page.locator(".hs-bottom-nav").getByText("Thi", { exact: true });
  /** The right choice of each bank question is "Đúng <n>" (bankCsv), wherever the shuffle put it. */
  const answerAll = async (page: Page) => {
    const questions = page.getByTestId("attempt-question");
    const n = await questions.count();
    for (let i = 0; i < n; i++) await questions.nth(i).getByText(/^Đúng \d+$/).click();
  };

  it("takes a contest to the end: start, resume after a reload, submit, result and rank, review, winners", async () => {
    await h.inBrowser("contest", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      await quizTab(page).click();
      const card = page.getByTestId("contest-card").filter({ hasText: contest.title });
      await card.waitFor({ timeout: 15_000 });
      await looked(page, "contest-list");
      await card.click();
      await expect.poll(() => page.getByTestId("ranking-rule").textContent(), { timeout: 15_000 }).toContain("dự đoán sát hơn → thời gian");
      expect(await page.getByTestId("ranking-tie").textContent()).toContain("đồng hạng");
      await looked(page, "contest-page");
      await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();

      await page.getByTestId("attempt-timer").waitFor({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId("attempt-question").count()).toBe(3);
      const prompts = await page.getByTestId("attempt-question").locator(".hs-card-title").allTextContents();
      // the first question's picture loads (it is on screen) and fits the phone
      const picture = page.getByTestId("attempt-question").first().getByTestId("question-image-shown");
      await picture.waitFor({ timeout: 15_000 });
      const box = await picture.boundingBox();
      expect(box && box.width > 0 && box.x + box.width <= 360).toBe(true);
      await answerAll(page);
      await page.getByTestId("attempt-prediction").fill("1");
      await looked(page, "contest-attempt");

      // the connection drops: the page comes back to the same attempt, questions, and her answers
      await page.reload();
      await page.getByTestId("attempt-timer").waitFor({ timeout: 15_000 });
      expect(await page.getByTestId("attempt-question").locator(".hs-card-title").allTextContents()).toEqual(prompts);
      await expect.poll(() => page.locator(".hs-quiz-choice input:checked").count()).toBe(3);
      expect(await page.getByTestId("attempt-prediction").inputValue()).toBe("1");

      await page.getByTestId("attempt-submit").click();
      await expect.poll(() => page.getByTestId("attempt-score").textContent(), { timeout: 15_000 }).toContain("3/3");
      expect(await page.getByTestId("attempt-rank").textContent()).toContain("1/1");
      await looked(page, "contest-submitted");

      await page.getByRole("button", { name: "Xem kết quả và bảng xếp hạng" }).click();
      await expect.poll(() => page.getByTestId("my-best").textContent(), { timeout: 15_000 }).toContain("3/3");
      expect(await page.getByTestId("my-ranks").textContent()).toContain("Hạng 1/1");
      await expect.poll(() => page.getByTestId("board-me").textContent(), { timeout: 15_000 }).toContain(WOMAN.name);
      await page.getByRole("tab", { name: "Tập thể" }).click();
      await expect.poll(() => page.getByTestId("board-unit").textContent(), { timeout: 15_000 }).toContain("Xã Bản Mế");
      await looked(page, "contest-result");

      // the organisers close the round and pick the winners: her review and the confirmation form appear
      const roundId = contest.rounds[0]!.id;
      await h.call(officer, "POST", `/admin/contests/${contest.id}/rounds/${roundId}/close`);
      await h.call(officer, "POST", `/admin/contests/${contest.id}/rounds/${roundId}/winners`);
      await page.reload();
      await page.getByTestId("review").waitFor({ timeout: 15_000 });
      expect(await page.getByTestId("review").getByText("Đúng", { exact: true }).count()).toBe(3);
      const winners = page.getByTestId("winners");
      await expect.poll(() => winners.textContent(), { timeout: 15_000 }).toContain("Giải Nhất");
      expect(await winners.textContent()).toContain("091****678");
      await winners.getByTestId("confirm-fullName").fill("Vàng Thị Dung");
      await winners.getByTestId("confirm-phone").fill("0912345678");
      await winners.getByTestId("confirm-idNumber").fill("010190001234");
      await winners.getByTestId("confirm-address").fill("Thôn Nậm Chảy, xã Bản Mế");
      await winners.getByRole("button", { name: "Gửi xác nhận" }).click();
      await expect.poll(() => winners.textContent(), { timeout: 15_000 }).toContain("Chị đã xác nhận thông tin.");
      await looked(page, "contest-winners");
      const confirmed = await h.t.deps.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM contest_winners WHERE confirmed_at IS NOT NULL AND member_id = $1", [h.seeded.woman]);
      expect(confirmed.rows[0]?.n).toBe(1);
    });
  }, 180_000);

  it("the officer edits the contest in Quản trị › Thi › Sửa", async () => {
    await h.inBrowser("contest-edit", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, OFFICER.zaloId);
      await page.getByTestId("broadcast-card").waitFor({ timeout: 15_000 });
      await page.goto(`${h.base}/zapps/hoiso/quan-tri/thi/${practice.id}`);
      await page.getByTestId("contest-edit-open").click();
      await page.getByTestId("edit-title").waitFor({ timeout: 15_000 });
      await page.getByTestId("edit-title").fill("Ôn tập Luật Bình đẳng giới (bản mới)");
      await page.getByTestId("edit-save").click();
      await expect
        .poll(async () => (await h.t.deps.pool.query<{ title: string }>("SELECT title FROM contests WHERE id = $1", [practice.id])).rows[0]?.title, { timeout: 15_000 })
        .toBe("Ôn tập Luật Bình đẳng giới (bản mới)");
      await looked(page, "contest-edit");
    });
  });

  it("practises: each answer checked at once with the right one and its explanation", async () => {
    await h.inBrowser("contest-practice", async (page) => {
      await page.goto(`${h.base}/`);
      await devLoginAs(page, WOMAN.zaloId);
      await quizTab(page).click();
      await page.getByRole("tab", { name: "Ôn tập" }).click();
      await page.getByTestId("practice-card").filter({ hasText: practice.title }).click();
      const q = page.getByTestId("practice-question");
      await q.waitFor({ timeout: 15_000 });
      await q.getByText(/^[A-F]\. Sai \d+$/).first().click();
      await q.getByRole("button", { name: "Kiểm tra" }).click();
      await expect.poll(() => q.textContent(), { timeout: 15_000 }).toContain("Chưa đúng.");
      expect(await q.textContent()).toMatch(/Giải thích: Vì \d+/);
      await looked(page, "contest-practice");
    });
  });
});
