import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AdminArticle, AdminArticleList, ArticleDetail } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jpeg } from "../media/fixtures.js";
import { upload } from "../media/helpers.js";
import { contentWorld } from "./world.js";

type World = Awaited<ReturnType<typeof contentWorld>>;

describe("Tìm hiểu: what a cán bộ writes", () => {
  let w: World;
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-content-"));
  beforeAll(async () => {
    w = await contentWorld({ MEDIA_DIR: mediaDir });
  });
  afterAll(async () => {
    await w?.ctx.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const post = (by: { authorization: string }, url: string, payload: object) => w.ctx.app.inject({ method: "POST", url, headers: by, payload });

  it("neutralises scripts, event handlers, unsafe links and raw HTML", async () => {
    const nasty = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      '<a href="javascript:alert(1)" onclick="x()">bấm</a>',
      "[liên kết](javascript:alert(1)) [dữ liệu](data:text/html;base64,PHNjcmlwdD4=) [vb](VBSCRIPT:x) [proto](//evil.example)",
      "![ảnh](https://tracker.example/p.png)",
      "<iframe src=https://evil.example></iframe><style>body{display:none}</style>",
      "[cổng](https://dichvucong.gov.vn) [trong app](/tim-hieu)",
    ].join("\n\n");
    const id = await w.write(w.admin.headers, w.article(w.tree.tinh.id, "Bài thử an toàn", { variants: [{ language: "vi", title: "Bài thử an toàn", body: nasty }] }));
    const { html } = (await w.get(w.memberA.headers, `/api/articles/${id}`)).json<ArticleDetail>();
    expect(html).not.toMatch(/<script|<img|<iframe|<style|<a [^>]*on\w+=|href="(javascript|data|vbscript):|href="\/\//i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('<a href="https://dichvucong.gov.vn" target="_blank" rel="noopener noreferrer nofollow">cổng</a>');
    expect(html).toContain('<a href="/tim-hieu">trong app</a>');
    // every tag left is one Markdown makes
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]!.toLowerCase()));
    expect([...tags].every((t) => ["p", "a", "br", "h1", "h2", "h3", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote"].includes(t))).toBe(true);
  });

  it("refuses unknown kinds, a past schedule, oversize text and a missing Vietnamese text, in Vietnamese", async () => {
    const cases: Array<[object, string]> = [
      [w.article(w.tree.xaA.id, "Sai loại", { kind: "tin_don" }), "CONTENT_KIND_UNKNOWN"],
      [w.article(w.tree.xaA.id, "x".repeat(201)), "CONTENT_TOO_LONG"],
      [w.article(w.tree.xaA.id, "Dài", { variants: [{ language: "vi", title: "Dài", body: "a".repeat(60_001) }] }), "CONTENT_TOO_LONG"],
      [w.article(w.tree.xaA.id, "H'Mông", { variants: [{ language: "hmn", title: "Tsab", body: "b" }] }), "CONTENT_VI_REQUIRED"],
      [w.article(w.tree.xaA.id, "Đáp án", { questions: [{ prompt: { vi: "?" }, choices: [{ vi: "a" }, { vi: "b" }], answer: 3 }] }), "CONTENT_QUESTION_INVALID"],
      [w.article(w.tree.xaA.id, "Ảnh", { coverMediaId: "00000000-0000-4000-8000-000000000000" }), "CONTENT_MEDIA_INVALID"],
    ];
    for (const [body, code] of cases) {
      const res = await post(w.canBoA.headers, "/api/admin/articles", body);
      expect(res.statusCode, code).toBe(400);
      const err = res.json<{ code: string; message: string }>();
      expect(err.code).toBe(code);
      expect(err.message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
    }
    expect(await w.ctx.deps.db.selectFrom("articles").select("id").where("kind", "=", "tin_don").execute()).toEqual([]);
    const id = await w.write(w.canBoA.headers, w.article(w.tree.xaA.id, "Hẹn giờ"), false);
    for (const publishAt of [new Date(Date.now() - 60_000).toISOString(), "hôm qua"]) {
      const res = await post(w.canBoA.headers, `/api/admin/articles/${id}/schedule`, { publishAt });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ code: string }>().code).toBe("CONTENT_SCHEDULE_PAST");
    }
  });

  it("keeps a cán bộ inside her subtree, and audits each change with it", async () => {
    // publishing for the province or for xã B, or targeting xã B from xã A: refused
    expect((await post(w.canBoA.headers, "/api/admin/articles", w.article(w.tree.tinh.id, "Tỉnh"))).statusCode).toBe(403);
    expect((await post(w.canBoA.headers, "/api/admin/articles", w.article(w.tree.xaB.id, "Xã B"))).statusCode).toBe(403);
    const out = await post(w.canBoA.headers, "/api/admin/articles", w.article(w.tree.xaA.id, "Sang xã B", { targetUnitIds: [w.tree.xaB.id] }));
    expect(out.json<{ code: string }>().code).toBe("CONTENT_TARGET_OUT_OF_SCOPE");
    // a member without a role writes nothing
    expect((await post(w.memberA.headers, "/api/admin/articles", w.article(w.tree.chiHoiA.id, "Hội viên"))).statusCode).toBe(403);

    // the province's article is not hers to publish, edit, see or measure
    const prov = await w.write(w.admin.headers, w.article(w.tree.tinh.id, "Của tỉnh"), false);
    expect((await post(w.canBoA.headers, `/api/admin/articles/${prov}/publish`, {})).statusCode).toBe(404);
    expect((await w.ctx.app.inject({ method: "PUT", url: `/api/admin/articles/${prov}`, headers: w.canBoA.headers, payload: w.article(w.tree.xaA.id, "Lấy") })).statusCode).toBe(404);
    expect((await w.get(w.canBoA.headers, `/api/admin/articles/${prov}/reach`)).statusCode).toBe(404);
    const mine = (await w.get(w.canBoA.headers, "/api/admin/articles?limit=50")).json<AdminArticleList>();
    expect(mine.items.map((i) => i.id)).not.toContain(prov);

    // her own, to her chi hội: written, audited with the validated fields
    const id = await w.write(w.canBoA.headers, w.article(w.tree.xaA.id, "Cho chi hội", { targetUnitIds: [w.tree.chiHoiA.id] }));
    const logged = await w.ctx.deps.db.selectFrom("audit_log").select(["action", "detail", "actor_id"]).where("entity_id", "=", id).orderBy("id").execute();
    expect(logged.map((l) => l.action)).toEqual(["content.article.create", "content.articles.publish"]);
    expect(logged[0]?.actor_id).toBe(w.canBoA.memberId);
    expect(logged[0]?.detail).toMatchObject({ unitId: w.tree.xaA.id, targetUnitIds: [w.tree.chiHoiA.id] });
    const admin = (await w.get(w.canBoA.headers, `/api/admin/articles/${id}`)).json<AdminArticle>();
    expect([admin.status, admin.targetUnitIds]).toEqual(["published", [w.tree.chiHoiA.id]]);
  });

  it("tells the targeted members in the app when asked, once", async () => {
    const id = await w.write(w.canBoA.headers, w.article(w.tree.xaA.id, "Có thông báo"), false);
    for (let i = 0; i < 2; i++) expect((await post(w.canBoA.headers, `/api/admin/articles/${id}/publish`, { notify: true })).statusCode).toBe(200);
    const rows = await w.ctx.deps.db.selectFrom("deliveries").select(["recipient_id", "channel", "type", "link"]).where("source_module", "=", "content").where("source_id", "=", id).execute();
    expect(rows).toEqual([{ recipient_id: w.memberA.memberId, channel: "in_app", type: "content.published", link: `/tim-hieu/bai-viet/${id}` }]);
  });

  it("serves a cover to members the article is for, and to nobody else", async () => {
    const up = await upload(w.ctx, w.canBoA.token, { bytes: jpeg(), filename: "bia.jpg", contentType: "image/jpeg" });
    expect(up.statusCode).toBe(201);
    const mediaId = up.json<{ id: string }>().id;
    const id = await w.write(w.canBoA.headers, w.article(w.tree.xaA.id, "Có ảnh bìa", { coverMediaId: mediaId }), false);
    const read = (by: { authorization: string }) => w.get(by, `/api/media/${mediaId}`);
    // a draft's picture stays with its author and her colleagues
    expect((await read(w.memberA.headers)).statusCode).toBe(404);
    expect((await read(w.admin.headers)).statusCode).toBe(200);
    await post(w.canBoA.headers, `/api/admin/articles/${id}/publish`, {});
    expect((await read(w.memberA.headers)).statusCode).toBe(200);
    expect((await read(w.memberB.headers)).statusCode).toBe(404);
    // the sweeper's list of references holds it
    const refs = w.ctx.deps.modules.flatMap((m) => m.media?.references ?? []);
    expect(refs).toContainEqual({ table: "articles", column: "cover_media_id" });
  });
});
