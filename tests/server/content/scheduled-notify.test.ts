import type { ArticleList } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduledNotifyTask } from "../../../server/src/modules/content/publishing.js";
import { serverModules } from "../../../server/src/modules/index.js";
import { contentWorld, type Headers } from "./world.js";

type World = Awaited<ReturnType<typeof contentWorld>>;

/**
 * The timer that tells readers of a scheduled article when its time comes. The test context runs no workers, so the
 * task runs only when the test calls it; the time is moved by setting publish_at in the database, never by waiting.
 */
describe("Tìm hiểu: a scheduled article announces itself once its time has come", () => {
  let w: World;
  beforeAll(async () => {
    w = await contentWorld();
  });
  afterAll(async () => {
    await w?.ctx.close();
  });

  const told = (id: string) =>
    w.ctx.deps.db
      .selectFrom("deliveries")
      .select(["recipient_id", "channel", "type", "link"])
      .where("source_module", "=", "content")
      .where("source_id", "=", id)
      .execute();

  async function scheduled(by: Headers, title: string, notify: boolean): Promise<string> {
    const id = await w.write(by, w.article(w.tree.xaA.id, title), false);
    const res = await w.ctx.app.inject({
      method: "POST",
      url: `/api/admin/articles/${id}/schedule`,
      headers: by,
      payload: { publishAt: new Date(Date.now() + 3_600_000).toISOString(), notify },
    });
    expect(res.statusCode).toBe(200);
    return id;
  }

  const comeDue = (id: string) =>
    w.ctx.deps.db.updateTable("articles").set({ publish_at: new Date(Date.now() - 60_000) }).where("id", "=", id).execute();

  it("runs as a periodic task of the workers", () => {
    expect(serverModules.flatMap((m) => m.periodic ?? [])).toContain(scheduledNotifyTask);
  });

  it("tells nobody before the time, then each targeted member exactly once", async () => {
    const id = await scheduled(w.canBoA.headers, "Hẹn giờ có thông báo", true);
    const quiet = await scheduled(w.canBoA.headers, "Hẹn giờ không thông báo", false);

    // not yet: nothing announced, nothing marked
    expect(await scheduledNotifyTask.run(w.ctx.deps)).toBe(0);
    expect(await told(id)).toEqual([]);
    const before = await w.ctx.deps.db.selectFrom("articles").select("notified_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(before.notified_at).toBeNull();

    await comeDue(id);
    await comeDue(quiet);
    expect(await scheduledNotifyTask.run(w.ctx.deps)).toBe(1);
    expect(await scheduledNotifyTask.run(w.ctx.deps)).toBe(0);

    // member A (chi hội under xã A) told once in the app; member B (xã B) and the article that did not ask: nobody
    expect(await told(id)).toEqual([{ recipient_id: w.memberA.memberId, channel: "in_app", type: "content.published", link: `/tim-hieu/bai-viet/${id}` }]);
    expect(await told(quiet)).toEqual([]);
    const after = await w.ctx.deps.db.selectFrom("articles").select("notified_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(after.notified_at).not.toBeNull();
    // and the link she is sent opens an article she can now read
    const list = (await w.get(w.memberA.headers, "/api/articles?limit=50")).json<ArticleList>();
    expect(list.items.map((i) => i.id)).toContain(id);
  });

  it("tells nobody about an article taken back to draft before its time", async () => {
    const id = await scheduled(w.canBoA.headers, "Hẹn giờ rồi rút lại", true);
    const res = await w.ctx.app.inject({ method: "POST", url: `/api/admin/articles/${id}/unpublish`, headers: w.canBoA.headers });
    expect(res.statusCode).toBe(200);
    await comeDue(id);
    expect(await scheduledNotifyTask.run(w.ctx.deps)).toBe(0);
    expect(await told(id)).toEqual([]);
  });
});
