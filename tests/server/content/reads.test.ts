import type { ArticleDetail, ArticleList, ProgressResult, StudiedList } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentWorld } from "./world.js";

type World = Awaited<ReturnType<typeof contentWorld>>;

describe("Tìm hiểu: what a member reads", () => {
  let w: World;
  beforeAll(async () => {
    w = await contentWorld();
  });
  afterAll(async () => {
    await w?.ctx.close();
  });

  const titles = (l: ArticleList) => l.items.map((i) => i.title);

  it("finds an article typed without diacritics", async () => {
    const id = await w.write(w.admin.headers, w.article(w.tree.tinh.id, "Nghị quyết 29-NQ/TU về phát triển phụ nữ"));
    await w.write(w.admin.headers, w.article(w.tree.tinh.id, "Luật Hôn nhân và gia đình", { kind: "phap_luat" }));
    for (const q of ["nghi quyet 29", "NGHỊ QUYẾT 29", "quyet 29-nq"]) {
      const res = await w.get(w.memberA.headers, `/api/articles?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json<ArticleList>().items.map((i) => i.id)).toEqual([id]);
    }
    const none = await w.get(w.memberA.headers, `/api/articles?q=${encodeURIComponent("nghi quyet 30")}`);
    expect(none.json<ArticleList>().items).toEqual([]);
    const byKind = await w.get(w.memberA.headers, "/api/articles?kind=phap_luat");
    expect(titles(byKind.json<ArticleList>())).toEqual(["Luật Hôn nhân và gia đình"]);
    const unknown = await w.get(w.memberA.headers, "/api/articles?kind=tin_don");
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ code: string }>().code).toBe("CONTENT_KIND_UNKNOWN");
  });

  it("shows what targets xã A to xã A only, and never a draft or a scheduled article", async () => {
    const forA = await w.write(w.canBoA.headers, w.article(w.tree.xaA.id, "Chỉ cho xã A"));
    const forB = await w.write(w.admin.headers, w.article(w.tree.tinh.id, "Chỉ cho xã B", { targetUnitIds: [w.tree.xaB.id] }));
    const draft = await w.write(w.canBoA.headers, w.article(w.tree.xaA.id, "Bản nháp xã A"), false);
    const later = await w.write(w.canBoA.headers, w.article(w.tree.xaA.id, "Hẹn giờ xã A"), false);
    const s = await w.ctx.app.inject({
      method: "POST",
      url: `/api/admin/articles/${later}/schedule`,
      headers: w.canBoA.headers,
      payload: { publishAt: new Date(Date.now() + 3600_000).toISOString() },
    });
    expect(s.statusCode).toBe(200);

    const listA = w.get(w.memberA.headers, "/api/articles?limit=50");
    const listB = w.get(w.memberB.headers, "/api/articles?limit=50");
    const idsA = (await listA).json<ArticleList>().items.map((i) => i.id);
    const idsB = (await listB).json<ArticleList>().items.map((i) => i.id);
    expect(idsA).toContain(forA);
    expect(idsA).not.toContain(forB);
    expect(idsB).toContain(forB);
    expect(idsB).not.toContain(forA);
    for (const hidden of [draft, later]) {
      expect(idsA).not.toContain(hidden);
      expect((await w.get(w.memberA.headers, `/api/articles/${hidden}`)).statusCode).toBe(404);
      const search = await w.get(w.memberA.headers, `/api/articles?q=${encodeURIComponent("xa a")}`);
      expect(search.json<ArticleList>().items.map((i) => i.id)).not.toContain(hidden);
    }
    expect((await w.get(w.memberB.headers, `/api/articles/${forA}`)).statusCode).toBe(404);
    expect((await w.get(w.memberA.headers, `/api/articles/${forA}`)).statusCode).toBe(200);
    // her cán bộ previews the draft
    const preview = await w.get(w.canBoA.headers, `/api/admin/articles/${draft}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json<ArticleDetail>().title).toBe("Bản nháp xã A");

    // unpublished: gone at once
    await w.ctx.app.inject({ method: "POST", url: `/api/admin/articles/${forA}/unpublish`, headers: w.canBoA.headers });
    expect((await w.get(w.memberA.headers, `/api/articles/${forA}`)).statusCode).toBe(404);
  });

  it("pages with a cursor without repeating or skipping", async () => {
    for (let i = 0; i < 5; i++) await w.write(w.admin.headers, w.article(w.tree.tinh.id, `Tin trang ${i}`, { kind: "tin_hoat_dong" }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await w.get(w.memberA.headers, `/api/articles?kind=tin_hoat_dong&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      const page = res.json<ArticleList>();
      seen.push(...titles(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([4, 3, 2, 1, 0].map((i) => `Tin trang ${i}`));
    expect((await w.get(w.memberA.headers, "/api/articles?cursor=notacursor")).statusCode).toBe(400);
  });

  it("reads her language with Vietnamese as the fallback", async () => {
    const id = await w.write(
      w.admin.headers,
      w.article(w.tree.tinh.id, "Bài hai thứ tiếng", {
        variants: [
          { language: "vi", title: "Bài hai thứ tiếng", body: "Tiếng Việt" },
          { language: "hmn", title: "Tsab ntawv", body: "Lus Hmoob" },
        ],
      }),
    );
    await w.ctx.deps.db.updateTable("members").set({ language: "hmn" }).where("id", "=", w.memberA.memberId).execute();
    await w.ctx.deps.db.updateTable("members").set({ language: "dao" }).where("id", "=", w.memberB.memberId).execute();
    await w.changesHeard();
    const a = (await w.get(w.memberA.headers, `/api/articles/${id}`)).json<ArticleDetail>();
    expect([a.language, a.title, a.languages]).toEqual(["hmn", "Tsab ntawv", ["vi", "hmn"]]);
    const b = (await w.get(w.memberB.headers, `/api/articles/${id}`)).json<ArticleDetail>();
    expect([b.language, b.title]).toEqual(["vi", "Bài hai thứ tiếng"]);
    const asked = (await w.get(w.memberA.headers, `/api/articles/${id}?lang=vi`)).json<ArticleDetail>();
    expect(asked.title).toBe("Bài hai thứ tiếng");
    await w.ctx.deps.db.updateTable("members").set({ language: null }).where("id", "in", [w.memberA.memberId, w.memberB.memberId]).execute();
    await w.changesHeard();
  });

  it("answers 304 to a matching ETag and a new body when her progress changes", async () => {
    const id = await w.write(w.admin.headers, w.article(w.tree.tinh.id, "Bài có ETag"));
    const first = await w.get(w.memberA.headers, `/api/articles/${id}`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers["cache-control"]).toBe("private, no-cache");
    const again = await w.get(w.memberA.headers, `/api/articles/${id}`, { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    const list = await w.get(w.memberA.headers, "/api/articles");
    expect((await w.get(w.memberA.headers, "/api/articles", { "if-none-match": list.headers.etag as string })).statusCode).toBe(304);
    await w.ctx.app.inject({ method: "POST", url: `/api/articles/${id}/progress`, headers: w.memberA.headers, payload: { opened: true } });
    const changed = await w.get(w.memberA.headers, `/api/articles/${id}`, { "if-none-match": etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("counts an article studied only after reading (or listening to 80%) and passing the check", async () => {
    const id = await w.write(
      w.admin.headers,
      w.article(w.tree.tinh.id, "Nghị quyết có câu hỏi", {
        questions: [
          { prompt: { vi: "Câu 1?" }, choices: [{ vi: "Sai" }, { vi: "Đúng" }], answer: 1 },
          { prompt: { vi: "Câu 2?" }, choices: [{ vi: "Đúng" }, { vi: "Sai" }, { vi: "Không biết" }], answer: 0 },
        ],
      }),
    );
    const detail = (await w.get(w.memberB.headers, `/api/articles/${id}`)).json<ArticleDetail & { questions: Array<Record<string, unknown>> }>();
    expect(detail.questions).toHaveLength(2);
    expect(detail.questions.every((q) => !("answer" in q))).toBe(true);
    const [q1, q2] = detail.questions.map((q) => q.id);
    const progress = (payload: object) => w.ctx.app.inject({ method: "POST", url: `/api/articles/${id}/progress`, headers: w.memberB.headers, payload });

    // a wrong attempt: not passed, told which was wrong
    const wrong = (await progress({ answers: [{ questionId: q1, choice: 0 }, { questionId: q2, choice: 0 }] })).json<ProgressResult>();
    expect(wrong.check).toEqual({ passed: false, results: [{ questionId: q1, correct: false }, { questionId: q2, correct: true }] });
    // half an attempt is refused
    expect((await progress({ answers: [{ questionId: q1, choice: 1 }] })).statusCode).toBe(400);
    // passed, but has not read it: not yet studied
    const passed = (await progress({ answers: [{ questionId: q1, choice: 1 }, { questionId: q2, choice: 0 }] })).json<ProgressResult>();
    expect(passed.check?.passed).toBe(true);
    expect(passed.progress.studiedAt).toBeNull();
    // listened 79%: still not
    expect((await progress({ listenedFraction: 0.79 })).json<ProgressResult>().progress.studiedAt).toBeNull();
    // 80%: studied
    const done = (await progress({ listenedFraction: 0.8 })).json<ProgressResult>();
    expect(done.progress.studiedAt).not.toBeNull();
    // the fraction only grows
    expect((await progress({ listenedFraction: 0.1 })).json<ProgressResult>().progress.listenedFraction).toBe(0.8);

    const studied = (await w.get(w.memberB.headers, "/api/me/studied")).json<StudiedList>();
    expect(studied.items.map((i) => i.article.id)).toEqual([id]);
    expect(studied.resolutions.studied).toBe(1);
    expect(studied.resolutions.available).toBeGreaterThanOrEqual(1);

    // reading to the end counts too, for another member
    const byReading = async (payload: object) =>
      (await w.ctx.app.inject({ method: "POST", url: `/api/articles/${id}/progress`, headers: w.memberA.headers, payload })).json<ProgressResult>();
    expect((await byReading({ readToEnd: true })).progress.studiedAt).toBeNull();
    expect((await byReading({ answers: [{ questionId: q1, choice: 1 }, { questionId: q2, choice: 0 }] })).progress.studiedAt).not.toBeNull();

    const reach = await w.get(w.admin.headers, `/api/admin/articles/${id}/reach`);
    expect(reach.json<{ total: object }>().total).toEqual({ opened: 2, readToEnd: 1, studied: 2 });
  });

  it("guides: targeted like articles, with their source and the date checked", async () => {
    const body = {
      unitId: w.tree.tinh.id,
      targetUnitIds: [w.tree.xaA.id],
      title: "Đăng ký khai sinh trực tuyến",
      summary: "Làm trên Cổng Dịch vụ công",
      steps: [{ title: "Đăng nhập bằng VNeID" }],
      papers: ["Giấy chứng sinh"],
      where: "Cổng Dịch vụ công quốc gia",
      when: "Trong 60 ngày",
      fees: "Miễn phí",
      whoToAsk: "Công chức tư pháp – hộ tịch xã",
      faq: [{ question: "Mất phí không?", answer: "Không." }],
      portalUrl: "https://dichvucong.gov.vn",
      sourceName: "Luật Hộ tịch 2014",
      sourceUrl: "https://dichvucong.gov.vn",
      checkedOn: "2025-01-15",
    };
    const res = await w.ctx.app.inject({ method: "POST", url: "/api/admin/guides", headers: w.admin.headers, payload: body });
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;
    expect((await w.get(w.memberA.headers, `/api/guides/${id}`)).statusCode).toBe(404);
    await w.ctx.app.inject({ method: "POST", url: `/api/admin/guides/${id}/publish`, headers: w.admin.headers, payload: {} });
    const g = await w.get(w.memberA.headers, `/api/guides/${id}`);
    expect(g.statusCode).toBe(200);
    expect(g.json<{ source: object }>().source).toEqual({ name: "Luật Hộ tịch 2014", url: "https://dichvucong.gov.vn", checkedOn: "2025-01-15" });
    expect((await w.get(w.memberB.headers, `/api/guides/${id}`)).statusCode).toBe(404);
    const found = await w.get(w.memberA.headers, `/api/guides?q=${encodeURIComponent("khai sinh")}`);
    expect(found.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).toEqual([id]);
  });
});
