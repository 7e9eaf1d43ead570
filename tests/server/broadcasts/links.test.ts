import type { BroadcastLinkOptions, FeedItem } from "@hoiso/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { broadcastWorld, type Headers } from "./world.js";

/**
 * The composer's link picker (GET /api/admin/broadcasts/links): what a cán bộ may attach for the sending unit,
 * found by title words typed without diacritics; the picker and the check on sending follow one rule, so whatever
 * it offers is accepted and a draft is neither offered nor accepted.
 */
describe("the announcement link picker", () => {
  let sim: ZaloSimulator;
  let w: Awaited<ReturnType<typeof broadcastWorld>>;
  const ids = { vay: "", draft: "", otherXa: "", guide: "" };

  const write = async (by: Headers, url: string, payload: object, publish: boolean) => {
    const res = await w.ctx.app.inject({ method: "POST", url, headers: by, payload });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    if (publish) expect((await w.ctx.app.inject({ method: "POST", url: `${url}/${id}/publish`, headers: by, payload: {} })).statusCode).toBe(200);
    return id;
  };
  const article = (by: Headers, unitId: string, title: string, publish = true) =>
    write(by, "/api/admin/articles", { kind: "nghi_quyet", unitId, variants: [{ language: "vi", title, body: "Nội dung bài viết để thử." }] }, publish);
  const guide = (by: Headers, unitId: string, title: string) =>
    write(
      by,
      "/api/admin/guides",
      {
        unitId,
        title,
        summary: "Thủ tục thử.",
        steps: [{ title: "Nộp tờ khai ở xã" }],
        papers: [],
        where: "UBND xã",
        when: "Giờ hành chính",
        fees: "Không mất phí",
        whoToAsk: "Cán bộ chính sách xã",
        faq: [],
        sourceName: "Nghị định 20/2021/NĐ-CP",
        checkedOn: "2026-11-30",
      },
      true,
    );
  const pick = async (by: Headers, query: Record<string, string>) => {
    const res = await w.ctx.app.inject({ method: "GET", url: `/api/admin/broadcasts/links?${new URLSearchParams(query).toString()}`, headers: by });
    return { status: res.statusCode, body: res.json<BroadcastLinkOptions & { code?: string }>() };
  };

  beforeAll(async () => {
    sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret" });
    w = await broadcastWorld(sim);
    ids.vay = await article(w.canBoA.headers, w.tree.xaA.id, "Hướng dẫn vay vốn hộ nghèo năm 2026");
    ids.draft = await article(w.canBoA.headers, w.tree.xaA.id, "Vay vốn: bản nháp chưa đăng", false);
    ids.otherXa = await article(w.canBoB.headers, w.tree.xaB.id, "Vay vốn ở xã B");
    ids.guide = await guide(w.canBoA.headers, w.tree.xaA.id, "Đăng ký khai sinh cho con");
  }, 120_000);
  afterAll(async () => {
    await w?.ctx.close();
    await sim?.close();
  });

  it("finds published items she may attach by title typed without diacritics; never a draft or another xã's", async () => {
    const r = await pick(w.canBoA.headers, { unitId: w.tree.xaA.id, q: "vay von" });
    expect(r.status).toBe(200);
    expect(r.body.items.map((i) => [i.kind, i.id, i.title])).toEqual([["article", ids.vay, "Hướng dẫn vay vốn hộ nghèo năm 2026"]]);
    // no words: everything she may attach, articles and guides, newest first
    const all = await pick(w.canBoA.headers, { unitId: w.tree.xaA.id });
    expect(all.body.items.map((i) => i.id)).toEqual([ids.guide, ids.vay]);
    const guides = await pick(w.canBoA.headers, { unitId: w.tree.xaA.id, kind: "guide", q: "khai sinh" });
    expect(guides.body.items.map((i) => [i.kind, i.id])).toEqual([["guide", ids.guide]]);
    expect((await pick(w.canBoA.headers, { unitId: w.tree.xaA.id, q: "khong co bai nao nhu the" })).body.items).toEqual([]);
  });

  it("answers 403 outside her scope; what it offers the send accepts, what it hides the send refuses", async () => {
    expect((await pick(w.canBoA.headers, { unitId: w.tree.xaB.id })).status).toBe(403);
    expect((await pick(w.memberA1.headers, { unitId: w.tree.xaA.id })).status).toBe(403);
    const offered = (await pick(w.canBoA.headers, { unitId: w.chiHoiA1.id, q: "vay" })).body.items;
    expect(offered.map((i) => i.id)).toEqual([ids.vay]);
    const sent = await w.send(w.canBoA.headers, w.compose({ unitId: w.chiHoiA1.id, link: { kind: "article", id: ids.vay } }));
    expect(sent.link).toEqual({ kind: "article", id: ids.vay });
    for (const id of [ids.draft, ids.otherXa]) {
      const res = await w.ctx.app.inject({ method: "POST", url: "/api/admin/broadcasts", headers: w.canBoA.headers, payload: w.compose({ link: { kind: "article", id } }) });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ code: string }>().code).toBe("BROADCAST_LINK_INVALID");
    }
  });

  it("links a contest or practice quiz that is out and a petition open for co-signing; each opens on its own page", async () => {
    const db = w.ctx.deps.db;
    const contest = async (kind: "contest" | "practice", unitId: string, audience: string[], title: string, status: "published" | "draft" = "published") =>
      (await db.insertInto("contests").values({ kind, unit_id: unitId, audience, title, status }).returning("id").executeTakeFirstOrThrow()).id;
    const hoiThi = await contest("contest", w.tree.xaA.id, [w.tree.xaA.id], "Hội thi Phụ nữ với pháp luật 2026");
    const onTap = await contest("practice", w.tree.tinh.id, [w.tree.tinh.id], "Ôn tập Luật Hôn nhân và gia đình");
    const nhap = await contest("contest", w.tree.xaA.id, [w.tree.xaA.id], "Hội thi chưa công bố", "draft");
    const xaB = await contest("contest", w.tree.xaB.id, [w.tree.xaB.id], "Hội thi ở xã B");
    const petition = async (by: Headers, body: string) => {
      const res = await w.ctx.app.inject({ method: "POST", url: "/api/submissions", headers: by, payload: { kind: "petition", category: "gop_y_hoi", body } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const denDuong = await petition(w.memberA1.headers, "Kiến nghị lắp đèn đường cho đoạn dốc vào thôn Phú Hải, tối đi làm về rất nguy hiểm cho chị em và các cháu đi học.");
    const hetHan = await petition(w.memberA1.headers, "Kiến nghị sửa cầu treo qua suối.");
    await db.updateTable("submissions").set({ petition_state: "not_reached" }).where("id", "=", hetHan).execute();
    const rieng = await petition(w.memberA1.headers, "Kiến nghị mở lớp dạy nghề may.");
    await db.updateTable("submissions").set({ sensitive: true }).where("id", "=", rieng).execute();
    const oXaB = await petition(w.memberB1.headers, "Kiến nghị làm sân chơi cho trẻ em tổ 5.");

    // offered: what is out and hers to attach, found without diacritics; the petition by the start of its text
    const contests = await pick(w.canBoA.headers, { unitId: w.tree.xaA.id, kind: "contest" });
    expect(contests.body.items.map((i) => i.id).sort()).toEqual([hoiThi, onTap].sort());
    expect((await pick(w.canBoA.headers, { unitId: w.tree.xaA.id, kind: "contest", q: "phap luat" })).body.items.map((i) => i.id)).toEqual([hoiThi]);
    const petitions = await pick(w.canBoA.headers, { unitId: w.tree.xaA.id, kind: "petition", q: "den duong" });
    expect(petitions.body.items.map((i) => [i.kind, i.id])).toEqual([["petition", denDuong]]);
    expect(petitions.body.items[0]!.title).toMatch(/^Kiến nghị lắp đèn đường .*…$/);
    expect(petitions.body.items[0]!.title).not.toContain("Lò Thị Mai");
    expect((await pick(w.canBoA.headers, { unitId: w.tree.xaA.id, kind: "petition" })).body.items.map((i) => i.id)).toEqual([denDuong]);
    // everything together, newest first, across the four kinds
    const all = (await pick(w.canBoA.headers, { unitId: w.tree.xaA.id })).body.items;
    expect(new Set(all.map((i) => i.kind))).toEqual(new Set(["article", "guide", "contest", "petition"]));

    // refused on sending, nothing written: a draft, another xã's, an expired or private petition
    const before = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM broadcasts`.execute(db)).rows[0]!.n);
    for (const link of [
      { kind: "contest" as const, id: nhap },
      { kind: "contest" as const, id: xaB },
      { kind: "petition" as const, id: hetHan },
      { kind: "petition" as const, id: rieng },
      { kind: "petition" as const, id: oXaB },
      { kind: "petition" as const, id: hoiThi },
    ]) {
      const res = await w.ctx.app.inject({ method: "POST", url: "/api/admin/broadcasts", headers: w.canBoA.headers, payload: w.compose({ link }) });
      expect(res.statusCode, `${link.kind} ${link.id}`).toBe(400);
      expect(res.json<{ code: string; message: string }>().code).toBe("BROADCAST_LINK_INVALID");
    }
    expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM broadcasts`.execute(db)).rows[0]!.n)).toBe(before);

    // sent: her feed opens each on its own page, and the button says what it opens (the in-app row stands for the
    // fan-out's, which the send tests cover)
    const expected = [
      { id: hoiThi, kind: "contest" as const, path: `/thi/cuoc-thi/${hoiThi}` },
      { id: onTap, kind: "contest" as const, path: `/thi/on-tap/${onTap}` },
      { id: denDuong, kind: "petition" as const, path: `/phan-anh/theo-doi/${denDuong}` },
    ];
    for (const e of expected) {
      const b = await w.send(w.canBoA.headers, w.compose({ unitId: w.chiHoiA1.id, link: { kind: e.kind, id: e.id } }));
      expect(b.link).toEqual({ kind: e.kind, id: e.id });
      await sql`INSERT INTO deliveries (source_module, source_id, dedupe_key, recipient_id, channel, status, type, params, link)
                VALUES ('broadcasts', ${b.id}, 'a', ${w.memberA1.memberId}, 'in_app', 'sent', 'broadcasts.feed', '{}', '/')`.execute(db);
      const res = await w.ctx.app.inject({ method: "GET", url: `/api/broadcasts/${b.id}`, headers: w.memberA1.headers });
      expect(res.statusCode, res.body).toBe(200);
      expect([res.json<FeedItem>().linkKind, res.json<FeedItem>().link]).toEqual([e.kind, e.path]);
    }
    // and the petition's page opens for another woman of the xã too, to read before co-signing
    const page = await w.ctx.app.inject({ method: "GET", url: `/api/submissions/${denDuong}`, headers: w.memberA2.headers });
    expect(page.statusCode).toBe(200);
  });
});
