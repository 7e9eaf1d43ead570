import type { ArticleDetail, ArticleList } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentCacheOf } from "../../../server/src/modules/content/cache.js";
import { devLogin } from "../../helpers/fixtures.js";
import { waitUntil } from "../feedback/world.js";
import { contentWorld } from "./world.js";

type World = Awaited<ReturnType<typeof contentWorld>>;

/**
 * The API keeps what members read in memory (modules/content/cache.ts). What it keeps must never outlive a change, be
 * it written by another process with plain SQL, by the clock (a scheduled article), or missed while not listening.
 */
describe("Tìm hiểu: the API's read cache", () => {
  let w: World;
  const feed = () => contentCacheOf(w.ctx.deps).feed;
  beforeAll(async () => {
    w = await contentWorld();
  });
  afterAll(async () => {
    await w?.ctx.close();
  });

  const titlesOf = async (headers: { authorization: string }) =>
    (await w.get(headers, "/api/articles?kind=phap_luat&limit=50")).json<ArticleList>().items.map((i) => i.title);
  const retitle = (id: string, title: string) =>
    w.ctx.deps.db.updateTable("article_variants").set({ title }).where("article_id", "=", id).where("language", "=", "vi").execute();

  it("reads again what another process changed with plain SQL, once the change is heard", async () => {
    const id = await w.write(w.admin.headers, w.article(w.tree.tinh.id, "Luật cũ", { kind: "phap_luat" }));
    expect(await titlesOf(w.memberA.headers)).toContain("Luật cũ");
    expect((await w.get(w.memberA.headers, `/api/articles/${id}`)).json<ArticleDetail>().title).toBe("Luật cũ");
    await retitle(id, "Luật sửa đổi");
    await w.changesHeard();
    expect(await titlesOf(w.memberA.headers)).toContain("Luật sửa đổi");
    expect((await w.get(w.memberA.headers, `/api/articles/${id}`)).json<ArticleDetail>().title).toBe("Luật sửa đổi");
  });

  it("shows a scheduled article when its time comes, though nothing was written", async () => {
    const id = await w.write(w.canBoA.headers, w.article(w.tree.xaA.id, "Luật hẹn giờ", { kind: "phap_luat" }), false);
    const at = new Date(Date.now() + 2_000);
    const s = await w.ctx.app.inject({ method: "POST", url: `/api/admin/articles/${id}/schedule`, headers: w.canBoA.headers, payload: { publishAt: at.toISOString() } });
    expect(s.statusCode).toBe(200);
    expect(await titlesOf(w.memberA.headers)).not.toContain("Luật hẹn giờ");
    await waitUntil("the scheduled article in her list", async () => (await titlesOf(w.memberA.headers)).includes("Luật hẹn giờ"), 15_000, 100);
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
  });

  it("keeps each member's reading her own, though members of one unit share the page", async () => {
    const id = await w.write(w.admin.headers, w.article(w.tree.tinh.id, "Luật chung một trang", { kind: "phap_luat" }));
    const neighbour = await devLogin(w.ctx.app, "Hội viên A2");
    await w.ctx.deps.db.updateTable("members").set({ unit_id: w.tree.chiHoiA.id }).where("id", "=", neighbour.memberId).execute();
    await w.changesHeard();
    const stateOf = async (headers: { authorization: string }) =>
      (await w.get(headers, "/api/articles?kind=phap_luat&limit=50")).json<ArticleList>().items.find((i) => i.id === id)?.readState;
    expect([await stateOf(w.memberA.headers), await stateOf(neighbour.headers)]).toEqual(["new", "new"]);
    const p = await w.ctx.app.inject({ method: "POST", url: `/api/articles/${id}/progress`, headers: w.memberA.headers, payload: { readToEnd: true } });
    expect(p.statusCode).toBe(200);
    expect([await stateOf(w.memberA.headers), await stateOf(neighbour.headers)]).toEqual(["studied", "new"]);
  });

  it("reads the database while it is not listening, and forgets everything when it listens again", async () => {
    const id = await w.write(w.admin.headers, w.article(w.tree.tinh.id, "Luật trước khi mất kết nối", { kind: "phap_luat" }));
    expect(await titlesOf(w.memberA.headers)).toContain("Luật trước khi mất kết nối");
    await w.ctx.deps.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN hoiso_content'");
    await waitUntil("the listener to notice", async () => !feed().live, 10_000);
    // Written while nobody listens: no notification will ever tell the cache.
    await retitle(id, "Luật khi mất kết nối");
    expect(await titlesOf(w.memberA.headers)).toContain("Luật khi mất kết nối");
    await waitUntil("the listener to listen again", async () => feed().live, 10_000);
    expect(await titlesOf(w.memberA.headers)).toContain("Luật khi mất kết nối");
    await retitle(id, "Luật sau khi kết nối lại");
    await w.changesHeard();
    expect(await titlesOf(w.memberA.headers)).toContain("Luật sau khi kết nối lại");
  });
});
