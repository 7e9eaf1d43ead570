import type { BroadcastLinkOptions } from "@hoiso/shared";
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
});
