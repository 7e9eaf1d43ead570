import type { ArticleWriteBody } from "@hoiso/shared";
import { contentCacheOf } from "../../../server/src/modules/content/cache.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { addUnit, devLogin, grant, smallTree } from "../../helpers/fixtures.js";

export type Headers = { authorization: string };

/**
 * A province with two communes (A with a chi hội), a province admin, a cán bộ of xã A, and members in chi hội A
 * and in xã B: who writes and who reads Tìm hiểu.
 */
export async function contentWorld(env: Record<string, string> = {}) {
  const ctx: TestContext = await createTestContext({ env });
  const tree = await smallTree(ctx.deps.db);
  const chiHoiB = await addUnit(ctx.deps.db, tree.xaB, "chi_hoi", "Chi hội thôn Ý Linh Hồ");
  const admin = await devLogin(ctx.app, "Quản trị tỉnh");
  await grant(ctx.deps.db, admin.memberId, tree.tinh.id, "admin");
  const canBoA = await devLogin(ctx.app, "Cán bộ xã A");
  await grant(ctx.deps.db, canBoA.memberId, tree.xaA.id, "can_bo");
  const memberA = await devLogin(ctx.app, "Hội viên A");
  const memberB = await devLogin(ctx.app, "Hội viên B");
  await ctx.deps.db.updateTable("members").set({ unit_id: tree.chiHoiA.id }).where("id", "=", memberA.memberId).execute();
  await ctx.deps.db.updateTable("members").set({ unit_id: chiHoiB.id }).where("id", "=", memberB.memberId).execute();

  const article = (unitId: string, title: string, over: Partial<ArticleWriteBody> = {}): ArticleWriteBody => ({
    kind: "nghi_quyet",
    unitId,
    variants: [{ language: "vi", title, body: `# ${title}\n\nNội dung của bài **${title}**.` }],
    ...over,
  });

  /** Creates (and unless told otherwise publishes) an article through the admin API; returns its id. */
  async function write(by: Headers, body: ArticleWriteBody, publish = true): Promise<string> {
    const res = await ctx.app.inject({ method: "POST", url: "/api/admin/articles", headers: by, payload: body });
    if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
    const id = res.json<{ id: string }>().id;
    if (publish) {
      const p = await ctx.app.inject({ method: "POST", url: `/api/admin/articles/${id}/publish`, headers: by, payload: {} });
      if (p.statusCode !== 200) throw new Error(`publish failed: ${p.statusCode} ${p.body}`);
    }
    return id;
  }

  /** Writes made with plain SQL have reached the API's read cache (server/src/modules/content/cache.ts). */
  const changesHeard = () => contentCacheOf(ctx.deps).feed.barrier();
  await changesHeard();

  const get = (by: Headers, url: string, extra: Record<string, string> = {}) => ctx.app.inject({ method: "GET", url, headers: { ...by, ...extra } });

  /** She sets her profile tags in Cá nhân (PUT /api/me/profile-tags); the answer, for tests of refusals. */
  const setTags = (by: Headers, tags: string[]) => ctx.app.inject({ method: "PUT", url: "/api/me/profile-tags", headers: by, payload: { tags } });

  return { ctx, tree, chiHoiB, admin, canBoA, memberA, memberB, article, write, get, setTags, changesHeard };
}
