import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkModules, type ServerModule } from "../../../server/src/modules/contract.js";
import { serverModules } from "../../../server/src/modules/index.js";
import { sweepMedia } from "../../../server/src/modules/media/jobs.js";
import { defineQueue } from "../../../server/src/queue/define.js";
import { defineJob } from "../../../server/src/queue/registry.js";
import { addUnit, devLogin, grant, smallTree } from "../../helpers/fixtures.js";
import { png } from "../media/fixtures.js";
import { createMediaContext, login, storedFiles, upload, type MediaTestContext } from "../media/helpers.js";

/**
 * A stand-in for the next module (content): tables of its own, created here, registered only through the module
 * list. The core (media sweeper, /api/media/:id, unit merge) must serve it without knowing it.
 */
let failMerge = false;
const testContent: ServerModule = {
  name: "test-content",
  media: {
    references: [{ table: "test_content_images", column: "media_id" }],
    isPublic: async (deps, mediaId) =>
      (await sql<{ x: number }>`SELECT 1 AS x FROM test_content_images WHERE media_id = ${mediaId} AND published`.execute(deps.db)).rows.length > 0,
  },
  onUnitMerge: async (tx, fromId, intoId) => {
    const r = await sql`UPDATE test_content_drafts SET unit_id = ${intoId} WHERE unit_id = ${fromId}`.execute(tx);
    if (failMerge) throw new Error("test-content refuses this merge");
    return Number(r.numAffectedRows ?? 0);
  },
};

let ctx: MediaTestContext;
let token: string;
beforeAll(async () => {
  ctx = await createMediaContext({ modules: [...serverModules, testContent] });
  await sql`CREATE TABLE test_content_images (media_id uuid PRIMARY KEY REFERENCES media(id), published boolean NOT NULL)`.execute(ctx.deps.db);
  await sql`CREATE TABLE test_content_drafts (id serial PRIMARY KEY, unit_id uuid NOT NULL REFERENCES units(id))`.execute(ctx.deps.db);
  token = await login(ctx, "Lò Thị Hiền");
});
afterAll(() => ctx?.close());

const put = async () => {
  const res = await upload(ctx, token, { filename: "anh.png", contentType: "image/png", bytes: png() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
};
const useInArticle = (mediaId: string, published: boolean) =>
  sql`INSERT INTO test_content_images (media_id, published) VALUES (${mediaId}, ${published})`.execute(ctx.deps.db);

describe("media a module references", () => {
  it("survives the sweeper however old it is; an upload nobody references does not", async () => {
    const published = await put();
    const draft = await put();
    const abandoned = await put();
    await useInArticle(published, true);
    await useInArticle(draft, false);
    const dayOld = new Date(Date.now() - 25 * 3_600_000);
    await ctx.deps.db.updateTable("media").set({ created_at: dayOld }).where("id", "in", [published, draft, abandoned]).execute();

    const swept = await sweepMedia(ctx.deps);
    expect(swept.media).toBe(1);
    const left = (await ctx.deps.db.selectFrom("media").select("id").where("id", "in", [published, draft, abandoned]).execute()).map((m) => m.id);
    expect(left.sort()).toEqual([published, draft].sort());
    const files = storedFiles(ctx.mediaDir).map((f) => path.basename(f));
    expect(files).toContain(published);
    expect(files).not.toContain(abandoned);
  });

  it("is served without a session when the module says it is public, and cached as public", async () => {
    const published = await put();
    const draft = await put();
    await useInArticle(published, true);
    await useInArticle(draft, false);

    const open = await ctx.app.inject({ method: "GET", url: `/api/media/${published}` });
    expect(open.statusCode).toBe(200);
    expect(open.headers["content-type"]).toBe("image/png");
    expect(open.headers["cache-control"]).toBe("public, max-age=86400");
    // Not public: a stranger without a session learns nothing (401 as for any id), the uploader still gets it privately.
    expect((await ctx.app.inject({ method: "GET", url: `/api/media/${draft}` })).statusCode).toBe(401);
    const own = await ctx.app.inject({ method: "GET", url: `/api/media/${draft}`, headers: { authorization: `Bearer ${token}` } });
    expect(own.statusCode).toBe(200);
    expect(own.headers["cache-control"]).toBe("private, max-age=86400");
  });
});

describe("a module's open work when units merge", () => {
  let tree: Awaited<ReturnType<typeof smallTree>>;
  let admin: { authorization: string };
  beforeAll(async () => {
    tree = await smallTree(ctx.deps.db);
    const a = await devLogin(ctx.app, "Quản trị tỉnh");
    await grant(ctx.deps.db, a.memberId, tree.tinh.id, "admin");
    admin = a.headers;
  });
  const merge = (fromId: string, intoId: string) =>
    ctx.app.inject({ method: "POST", url: `/api/admin/units/${fromId}/merge`, headers: admin, payload: { intoId } });
  const draftUnits = async () => (await sql<{ unit_id: string }>`SELECT unit_id FROM test_content_drafts ORDER BY id`.execute(ctx.deps.db)).rows.map((r) => r.unit_id);

  it("moves with the merge, counted per module in the unit's history", async () => {
    const from = await addUnit(ctx.deps.db, tree.tinh, "xa", "Xã Tả Van");
    const into = await addUnit(ctx.deps.db, tree.tinh, "xa", "Xã Hầu Thào");
    await sql`DELETE FROM test_content_drafts`.execute(ctx.deps.db);
    await sql`INSERT INTO test_content_drafts (unit_id) VALUES (${from.id}), (${from.id}), (${tree.xaB.id})`.execute(ctx.deps.db);

    const res = await merge(from.id, into.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ movedOpenWork: 2 });
    expect(await draftUnits()).toEqual([into.id, into.id, tree.xaB.id]);
    const history = await ctx.deps.db.selectFrom("unit_history").select("detail").where("unit_id", "=", into.id).where("action", "=", "absorb").executeTakeFirstOrThrow();
    expect(history.detail).toMatchObject({ openWork: { feedback: 0, "test-content": 2 } });
  });

  it("a module that fails rolls the whole merge back, its own writes included", async () => {
    const from = await addUnit(ctx.deps.db, tree.tinh, "xa", "Xã Bản Hồ");
    const into = await addUnit(ctx.deps.db, tree.tinh, "xa", "Xã Thanh Bình");
    const child = await addUnit(ctx.deps.db, from, "chi_hoi", "Chi hội thôn Sín Chải");
    await sql`DELETE FROM test_content_drafts`.execute(ctx.deps.db);
    await sql`INSERT INTO test_content_drafts (unit_id) VALUES (${from.id})`.execute(ctx.deps.db);

    failMerge = true;
    try {
      const res = await merge(from.id, into.id);
      expect(res.statusCode).toBe(500);
    } finally {
      failMerge = false;
    }
    // The hook had already moved its draft before it failed: that write is undone with everything else.
    expect(await draftUnits()).toEqual([from.id]);
    const units = await ctx.deps.db.selectFrom("units").select(["id", "active", "parent_id", "merged_into"]).where("id", "in", [from.id, child.id]).execute();
    expect(units.find((u) => u.id === from.id)).toMatchObject({ active: true, merged_into: null });
    expect(units.find((u) => u.id === child.id)).toMatchObject({ parent_id: from.id });
    expect(await ctx.deps.db.selectFrom("unit_history").select("id").where("unit_id", "in", [from.id, into.id]).execute()).toEqual([]);
  });
});

describe("the module list", () => {
  const job = defineJob({ queue: defineQueue<{ x: { n: number } }>("content.render"), processor: () => async () => 0 });

  it("refuses a name twice, a queue named after another module, a name that is not lower case", () => {
    expect(() => checkModules([{ name: "content" }, { name: "content" }])).toThrow(/twice/);
    expect(() => checkModules([{ name: "quiz", jobs: [job] }])).toThrow(/not named after it/);
    expect(() => checkModules([{ name: "Content" }])).toThrow(/lower case/);
    expect(checkModules([{ name: "content", jobs: [job] }])).toHaveLength(1);
  });

  it("the core reaches feedback only through it", () => {
    const feedback = serverModules.find((m) => m.name === "feedback");
    expect(typeof feedback?.onUnitMerge).toBe("function");
    // her photos and voice, the cán bộ's proof attached to a reply or a resolution, and the proof chosen for the public record
    expect(feedback?.media?.references).toEqual([
      { table: "submission_media", column: "media_id" },
      { table: "submission_event_media", column: "media_id" },
      { table: "submission_public_media", column: "media_id" },
    ]);
    expect(typeof feedback?.media?.isPublic).toBe("function");
  });
});
