import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { tagsAdmit, type AdminArticle, type ArticleList, type GuideList, type GuideWriteBody, type ProfileTags } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devLogin } from "../../helpers/fixtures.js";
import { jpeg } from "../media/fixtures.js";
import { upload } from "../media/helpers.js";
import { contentWorld, type Headers } from "./world.js";

type World = Awaited<ReturnType<typeof contentWorld>>;

describe("profile tags: the rule", () => {
  it("admits everyone to an untagged item, and per named group one of its tags", () => {
    expect(tagsAdmit([], [])).toBe(true);
    expect(tagsAdmit(["dan_toc:mong"], [])).toBe(false);
    expect(tagsAdmit(["dan_toc:mong", "dan_toc:dao"], ["dan_toc:dao"])).toBe(true);
    expect(tagsAdmit(["dan_toc:mong", "tuoi:duoi_30"], ["dan_toc:mong"])).toBe(false);
    expect(tagsAdmit(["dan_toc:mong", "tuoi:duoi_30"], ["dan_toc:mong", "tuoi:duoi_30", "hoan_canh:con_nho"])).toBe(true);
  });
});

/**
 * Tìm hiểu targeted by profile tag (issue 10): a member sets her tags in Cá nhân; an item with target tags is for the
 * members of its units whom the tags admit. Never in her list, search, detail, media or notifications otherwise.
 */
describe("Tìm hiểu: content targeted by profile tag", () => {
  let w: World;
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-tags-"));
  beforeAll(async () => {
    w = await contentWorld({ MEDIA_DIR: mediaDir });
  });
  afterAll(async () => {
    await w?.ctx.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const listed = async (by: Headers, q = "") =>
    (await w.get(by, `/api/articles?limit=50${q ? `&q=${encodeURIComponent(q)}` : ""}`)).json<ArticleList>().items.map((i) => i.id);

  it("keeps her tags hers: set, read back, refused when unknown or two of a one-tag group, cleared", async () => {
    const m = await devLogin(w.ctx.app, "Hội viên đặt nhãn");
    expect((await w.get(m.headers, "/api/me/profile-tags")).json<ProfileTags>()).toEqual({ tags: [] });
    const ok = await w.setTags(m.headers, ["tuoi:30_45", "dan_toc:mong", "dan_toc:mong"]);
    expect([ok.statusCode, ok.json<ProfileTags>().tags]).toEqual([200, ["dan_toc:mong", "tuoi:30_45"]]);
    const unknown = await w.setTags(m.headers, ["dan_toc:mong", "dan_toc:xyz"]);
    expect([unknown.statusCode, unknown.json().code, unknown.json().field]).toEqual([400, "PROFILE_TAG_UNKNOWN", "tags"]);
    expect(unknown.json().message).toContain("không nằm trong danh sách");
    const two = await w.setTags(m.headers, ["dan_toc:mong", "dan_toc:dao"]);
    expect([two.statusCode, two.json().code]).toEqual([400, "PROFILE_TAG_ONE_PER_GROUP"]);
    expect(two.json().message).toContain("Dân tộc");
    const shape = await w.setTags(m.headers, ["Dân tộc Mông"]);
    expect(shape.statusCode).toBe(400);
    // nothing of the refused writes was kept
    expect((await w.get(m.headers, "/api/me/profile-tags")).json<ProfileTags>().tags).toEqual(["dan_toc:mong", "tuoi:30_45"]);
    expect((await w.setTags(m.headers, [])).json<ProfileTags>().tags).toEqual([]);
    expect((await w.get(m.headers, "/api/me/profile-tags")).json<ProfileTags>().tags).toEqual([]);
  });

  it("hides a tag-targeted article from a member without the tag in list, search, detail and media, and shows it at once when she sets it", async () => {
    const up = await upload(w.ctx, w.canBoA.token, { bytes: jpeg(), filename: "bia.jpg", contentType: "image/jpeg" });
    expect(up.statusCode).toBe(201);
    const cover = up.json<{ id: string }>().id;
    const id = await w.write(w.canBoA.headers, w.article(w.tree.xaA.id, "Giữ gìn trang phục dân tộc Mông", { tags: ["dan_toc:mong"], coverMediaId: cover }));
    const plain = await w.write(w.canBoA.headers, w.article(w.tree.xaA.id, "Trang phục truyền thống cho mọi chị em"));
    const sees = async () => ({
      list: (await listed(w.memberA.headers)).includes(id),
      search: (await listed(w.memberA.headers, "trang phuc dan toc mong")).includes(id),
      detail: (await w.get(w.memberA.headers, `/api/articles/${id}`)).statusCode,
      media: (await w.get(w.memberA.headers, `/api/media/${cover}`)).statusCode,
    });
    // read once with the cache warm, so that a stale page would show
    expect(await sees()).toEqual({ list: false, search: false, detail: 404, media: 404 });
    expect(await listed(w.memberA.headers)).toContain(plain);

    expect((await w.setTags(w.memberA.headers, ["dan_toc:mong"])).statusCode).toBe(200);
    expect(await sees()).toEqual({ list: true, search: true, detail: 200, media: 200 });
    expect(await listed(w.memberA.headers)).toContain(plain);

    // another ethnic group: gone again, at once
    expect((await w.setTags(w.memberA.headers, ["dan_toc:tay"])).statusCode).toBe(200);
    expect(await sees()).toEqual({ list: false, search: false, detail: 404, media: 404 });

    // the unit still decides first: xã B's member with the tag does not see xã A's article
    expect((await w.setTags(w.memberB.headers, ["dan_toc:mong"])).statusCode).toBe(200);
    expect(await listed(w.memberB.headers)).not.toContain(id);
    await w.setTags(w.memberA.headers, []);
    await w.setTags(w.memberB.headers, []);
  });

  it("follows a change of her tags written by another process (the database's notification)", async () => {
    const id = await w.write(w.admin.headers, w.article(w.tree.tinh.id, "Chăm sóc trẻ nhỏ mùa đông", { kind: "tin_hoat_dong", tags: ["hoan_canh:con_nho"] }));
    expect(await listed(w.memberA.headers)).not.toContain(id);
    await w.ctx.deps.db.updateTable("members").set({ profile_tags: ["hoan_canh:con_nho"] }).where("id", "=", w.memberA.memberId).execute();
    await w.changesHeard();
    expect(await listed(w.memberA.headers)).toContain(id);
    expect((await w.get(w.memberA.headers, `/api/articles/${id}`)).statusCode).toBe(200);
    await w.ctx.deps.db.updateTable("members").set({ profile_tags: [] }).where("id", "=", w.memberA.memberId).execute();
    await w.changesHeard();
    expect(await listed(w.memberA.headers)).not.toContain(id);
    expect((await w.get(w.memberA.headers, `/api/articles/${id}`)).statusCode).toBe(404);
  });

  it("asks one tag of each group the item names (H'Mông or Dao; and under 30)", async () => {
    const either = await w.write(w.admin.headers, w.article(w.tree.tinh.id, "Cho chị em Mông và Dao", { kind: "khoi_nghiep", tags: ["dan_toc:mong", "dan_toc:dao"] }));
    const both = await w.write(w.admin.headers, w.article(w.tree.tinh.id, "Cho chị em Mông trẻ", { kind: "khoi_nghiep", tags: ["dan_toc:mong", "tuoi:duoi_30"] }));
    const m = await devLogin(w.ctx.app, "Hội viên Dao");
    await w.ctx.deps.db.updateTable("members").set({ unit_id: w.tree.chiHoiA.id }).where("id", "=", m.memberId).execute();
    await w.changesHeard();
    const shown = async () => (await listed(m.headers)).filter((x) => x === either || x === both);
    expect(await shown()).toEqual([]);
    await w.setTags(m.headers, ["dan_toc:dao"]);
    expect(await shown()).toEqual([either]);
    await w.setTags(m.headers, ["dan_toc:mong"]);
    expect(await shown()).toEqual([either]);
    await w.setTags(m.headers, ["dan_toc:mong", "tuoi:duoi_30"]);
    expect((await shown()).sort()).toEqual([either, both].sort());
  });

  it("targets guides by tag as well, in list and detail", async () => {
    const guide: GuideWriteBody = {
      unitId: w.tree.xaA.id,
      tags: ["tuoi:tren_60"],
      title: "Hưởng trợ cấp người cao tuổi",
      summary: "Thủ tục cho chị em trên 60 tuổi.",
      steps: [{ title: "Nộp tờ khai ở xã" }],
      papers: [],
      where: "UBND xã",
      when: "Giờ hành chính",
      fees: "Không mất phí",
      whoToAsk: "Cán bộ chính sách xã",
      faq: [],
      sourceName: "Nghị định 20/2021/NĐ-CP",
      checkedOn: "2026-11-30",
    };
    const res = await w.ctx.app.inject({ method: "POST", url: "/api/admin/guides", headers: w.canBoA.headers, payload: guide });
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string; tags: string[] }>().id;
    expect(res.json<{ tags: string[] }>().tags).toEqual(["tuoi:tren_60"]);
    expect((await w.ctx.app.inject({ method: "POST", url: `/api/admin/guides/${id}/publish`, headers: w.canBoA.headers, payload: {} })).statusCode).toBe(200);
    const guides = async () => (await w.get(w.memberA.headers, "/api/guides?limit=50")).json<GuideList>().items.map((g) => g.id);
    expect(await guides()).not.toContain(id);
    expect((await w.get(w.memberA.headers, `/api/guides/${id}`)).statusCode).toBe(404);
    await w.setTags(w.memberA.headers, ["tuoi:tren_60"]);
    expect(await guides()).toContain(id);
    expect((await w.get(w.memberA.headers, `/api/guides/${id}`)).statusCode).toBe(200);
    await w.setTags(w.memberA.headers, []);
  });

  it("refuses a target tag outside the vocabulary, and shows the chosen ones again when editing", async () => {
    const bad = await w.ctx.app.inject({ method: "POST", url: "/api/admin/articles", headers: w.canBoA.headers, payload: w.article(w.tree.xaA.id, "Nhãn lạ", { tags: ["dan_toc:mong", "vip"] }) });
    expect([bad.statusCode, bad.json().code, bad.json().field]).toEqual([400, "PROFILE_TAG_UNKNOWN", "tags"]);
    const id = await w.write(w.canBoA.headers, w.article(w.tree.xaA.id, "Nhãn đúng", { tags: ["tuoi:duoi_30", "dan_toc:giay"], targetUnitIds: [w.tree.chiHoiA.id] }), false);
    const a = (await w.get(w.canBoA.headers, `/api/admin/articles/${id}`)).json<AdminArticle>();
    expect([a.tags, a.targetUnitIds]).toEqual([["dan_toc:giay", "tuoi:duoi_30"], [w.tree.chiHoiA.id]]);
  });

  it("tells only the members the tags admit when it is published, and its reach by unit still counts", async () => {
    const id = await w.write(w.canBoA.headers, w.article(w.tree.xaA.id, "Báo cho chị em Tày"), false);
    const put = await w.ctx.app.inject({ method: "PUT", url: `/api/admin/articles/${id}`, headers: w.canBoA.headers, payload: w.article(w.tree.xaA.id, "Báo cho chị em Tày", { tags: ["dan_toc:tay"] }) });
    expect(put.statusCode).toBe(200);
    const tay = await devLogin(w.ctx.app, "Hội viên Tày");
    await w.ctx.deps.db.updateTable("members").set({ unit_id: w.tree.chiHoiA.id, profile_tags: ["dan_toc:tay"] }).where("id", "=", tay.memberId).execute();
    await w.changesHeard();
    expect((await w.ctx.app.inject({ method: "POST", url: `/api/admin/articles/${id}/publish`, headers: w.canBoA.headers, payload: { notify: true } })).statusCode).toBe(200);
    const told = await w.ctx.deps.db.selectFrom("deliveries").select("recipient_id").where("source_module", "=", "content").where("source_id", "=", id).execute();
    expect(told.map((r) => r.recipient_id)).toEqual([tay.memberId]);
    expect((await w.ctx.app.inject({ method: "POST", url: `/api/articles/${id}/progress`, headers: tay.headers, payload: { opened: true } })).statusCode).toBe(200);
    expect((await w.ctx.app.inject({ method: "POST", url: `/api/articles/${id}/progress`, headers: w.memberA.headers, payload: { opened: true } })).statusCode).toBe(404);
    const reach = (await w.get(w.canBoA.headers, `/api/admin/articles/${id}/reach`)).json<{ total: { opened: number }; units: Array<{ unitId: string; opened: number }> }>();
    expect(reach.total.opened).toBe(1);
    expect(reach.units.find((u) => u.unitId === w.tree.chiHoiA.id)?.opened).toBe(1);
  });
});
