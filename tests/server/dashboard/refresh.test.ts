import crypto from "node:crypto";
import type { Dashboard, DashboardRow } from "@hoiso/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueRefresh, refreshJob, refreshQueue } from "../../../server/src/modules/dashboard/jobs.js";
import { refreshDashboard } from "../../../server/src/modules/dashboard/refresh.js";
import { startWorkers } from "../../../server/src/queue/registry.js";
import { createTestContext } from "../../helpers/context.js";
import { queueBackends } from "../../helpers/services.js";
import { waitUntil } from "../feedback/world.js";
import { at, dashboardWorld } from "./world.js";

type World = Awaited<ReturnType<typeof dashboardWorld>>;
let w: World;
const Q = "from=2026-01-01&to=2026-06-30";

beforeAll(async () => {
  w = await dashboardWorld();
}, 90_000);
afterAll(async () => w?.ctx.close());

const read = async (query = Q): Promise<Dashboard> => {
  const res = await w.ctx.app.inject({ method: "GET", url: `/api/dashboard?${query}`, headers: w.admin.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Dashboard>();
};
const row = (d: Dashboard, unitId: string, kind: DashboardRow["kind"] = "child") => d.rows.find((r) => r.unitId === unitId && r.kind === kind)!;
const total = (d: Dashboard) => d.rows.find((r) => r.kind === "total")!;
const snapshot = async () => ({
  facts: (await sql<Record<string, unknown>>`SELECT fact, key, grain, day::text, unit_id, n FROM dashboard_facts ORDER BY 1, 2, 3, 4, 5`.execute(w.db)).rows,
  items: (await sql<Record<string, unknown>>`SELECT * FROM dashboard_items ORDER BY submission_id`.execute(w.db)).rows,
});

async function addItem(origin: { id: string }, created: string): Promise<string> {
  const id = crypto.randomUUID();
  await w.db
    .insertInto("submissions")
    .values({
      id, tracking_code: `PA-NEW-${id.slice(0, 8)}`, kind: "feedback", category_code: "dash_x", body: "Mới", search_text: "moi", origin_unit_id: origin.id,
      author_id: w.members.m1, status: "forwarded", created_at: at(created),
    })
    .execute();
  return id;
}

describe("the summaries' refresh", () => {
  it("says when the figures were last refreshed, in the answer and in the export", async () => {
    const d = await read();
    const r = await w.db.selectFrom("dashboard_refresh").select("refreshed_at").executeTakeFirstOrThrow();
    expect(d.refreshedAt).toBe(new Date(r.refreshed_at).toISOString());
    const res = await w.ctx.app.inject({ method: "GET", url: `/api/dashboard/export?${Q}`, headers: w.admin.headers });
    expect(res.rawPayload.length).toBeGreaterThan(0);
    const ExcelJS = (await import("exceljs")).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as Parameters<typeof book.xlsx.load>[0]);
    expect(book.worksheets[0]!.getCell("E2").text).toMatch(/^Số liệu cập nhật lúc: /);
  });

  it("is idempotent: a second run over the same tables leaves the same rows, and a full rebuild agrees with it", async () => {
    const before = await snapshot();
    const again = await refreshDashboard(w.db);
    expect(again).toMatchObject({ skipped: false, full: false });
    expect(await snapshot()).toEqual(before);
    expect(await refreshDashboard(w.db, { full: true })).toMatchObject({ skipped: false, full: true });
    expect(await snapshot()).toEqual(before);
  });

  it("is safe in two workers at once: one refreshes, the other skips its round, and the rows are the full rebuild's", async () => {
    const before = await snapshot();
    const both = await Promise.all([refreshDashboard(w.db), refreshDashboard(w.db, { full: true })]);
    expect(both.filter((r) => !r.skipped).length).toBeGreaterThanOrEqual(1);
    expect(await snapshot()).toEqual(before);
  });

  it("takes in a new item on the next (incremental) refresh; until then the figures are the refreshed ones", async () => {
    // the world's items were last written long ago (as a live server leaves them), so a watermark passes them by
    await sql`UPDATE submissions SET updated_at = created_at`.execute(w.db);
    expect(await refreshDashboard(w.db)).toMatchObject({ full: false, items: 0 });
    const before = total(await read()).feedback.received;
    const id = await addItem(w.units.A2, "2026-05-20 09:00");
    expect(total(await read()).feedback.received).toBe(before);
    const r = await refreshDashboard(w.db);
    expect(r).toMatchObject({ skipped: false, full: false });
    expect(r.items).toBe(1);
    const after = await read();
    expect(total(after).feedback.received).toBe(before + 1);
    expect(row(after, w.units.A.id).feedback.received).toBe(3);
    expect(after.trend.find((m) => m.month === "2026-05")?.received).toBe(2);
    await w.db.deleteFrom("dashboard_items").where("submission_id", "=", id).execute();
    await w.db.deleteFrom("submissions").where("id", "=", id).execute();
    await refreshDashboard(w.db, { full: true });
  });
});

describe("studied, for those each resolution is meant for (the content module's audience rule)", () => {
  it("a resolution for one commune counts that commune's members and cán bộ; a tagged one only the members it names", async () => {
    const article = async (title: string, audience: string[], tags: string[]) => {
      const id = crypto.randomUUID();
      await w.db.insertInto("articles").values({ id, kind: "nghi_quyet", unit_id: w.units.T.id, audience, tags, status: "published", publish_at: at("2026-02-01") }).execute();
      await w.db.insertInto("article_variants").values({ article_id: id, language: "vi", title, body: title, html: `<p>${title}</p>`, excerpt: title, audio_media_id: null }).execute();
      return id;
    };
    const forA = await article("Nghị quyết của xã Bảo Thắng", [w.units.A.id], []);
    const forMong = await article("Nghị quyết cho chị em H'Mông", [w.units.T.id], ["dan_toc:mong"]);
    await w.db.updateTable("members").set({ profile_tags: ["dan_toc:mong"] }).where("id", "in", [w.members.m1, w.members.m5]).execute();
    const studied = (articleId: string, memberId: string) =>
      w.db.insertInto("article_reads").values({ article_id: articleId, member_id: memberId, opened_at: at("2026-03-03"), studied_at: at("2026-03-03") }).execute();
    await studied(forA, w.members.m1);
    await studied(forA, w.members.m5); // read it, but it is not meant for her commune: not counted
    await studied(forA, w.canBoA.memberId);
    await studied(forMong, w.members.m2); // not H'Mông by her profile: not counted
    await studied(forMong, w.members.m5);
    try {
      await refreshDashboard(w.db);
      const d = await read();
      const cell = (r: DashboardRow, id: string) => r.studied.find((s) => s.articleId === id)!;
      // xã A: 2 confirmed members, cán bộ A and the commune's admin; the province's admin works above the commune
      expect(cell(row(d, w.units.A.id), forA)).toEqual({ articleId: forA, canBo: 2, canBoStudied: 1, canBoRate: 50, members: 2, membersStudied: 1, membersRate: 50 });
      expect(cell(row(d, w.units.B.id), forA)).toEqual({ articleId: forA, canBo: 0, canBoStudied: 0, canBoRate: null, members: 0, membersStudied: 0, membersRate: null });
      expect(cell(total(d), forA)).toMatchObject({ canBo: 2, members: 2, membersStudied: 1 });
      // H'Mông: m1 (A) and m5 (B) by their profiles; no cán bộ has said so
      expect(cell(row(d, w.units.A.id), forMong)).toMatchObject({ members: 1, membersStudied: 0, canBo: 0, canBoRate: null });
      expect(cell(row(d, w.units.B.id), forMong)).toMatchObject({ members: 1, membersStudied: 1, membersRate: 100 });
      expect(cell(total(d), forMong)).toMatchObject({ members: 2, membersStudied: 1, membersRate: 50 });
      // the province-wide R1 is still for everyone
      expect(cell(total(d), w.R1)).toMatchObject({ canBo: 4, members: 5, membersStudied: 2 });
    } finally {
      await w.db.deleteFrom("article_reads").where("article_id", "in", [forA, forMong]).execute();
      await w.db.deleteFrom("article_variants").where("article_id", "in", [forA, forMong]).execute();
      await w.db.deleteFrom("articles").where("id", "in", [forA, forMong]).execute();
      await w.db.updateTable("members").set({ profile_tags: [] }).where("id", "in", [w.members.m1, w.members.m5]).execute();
      await refreshDashboard(w.db, { full: true });
    }
  });
});

describe("a unit merged after the refresh", () => {
  it("counts what stays on it toward the surviving unit at once, and the same after the next refresh", async () => {
    const before = await read();
    const a = row(before, w.units.A.id);
    const b = row(before, w.units.B.id);
    const merged = await w.ctx.app.inject({ method: "POST", url: `/api/admin/units/${w.units.A.id}/merge`, headers: w.admin.headers, payload: { intoId: w.units.B.id } });
    expect(merged.statusCode, merged.body).toBe(200);
    const check = (d: Dashboard) => {
      expect(d.rows.find((r) => r.unitId === w.units.A.id && r.kind === "child")).toBeUndefined();
      const s = row(d, w.units.B.id);
      expect(s.members.registered).toBe(a.members.registered + b.members.registered);
      expect(s.members.confirmed).toBe(a.members.confirmed + b.members.confirmed);
      expect(s.feedback.received).toBe(a.feedback.received + b.feedback.received);
      expect(s.feedback.resolved).toBe(a.feedback.resolved + b.feedback.resolved);
      expect(s.it.branches).toBe(a.it.branches + b.it.branches);
      expect(s.it.active).toBe(a.it.active + b.it.active);
      // (the women counted are entered per unit, not refreshed: what a merge does to them is women.ts's rule)
      const { registered, confirmed, active30 } = total(before).members;
      expect(total(d).members).toMatchObject({ registered, confirmed, active30 });
      // (one commune fewer now, counted live)
      expect(total(d).feedback).toEqual({ ...total(before).feedback, communes: 1, communesWithTrusted: 1 });
      const counts = (x: Dashboard) => x.trend.map(({ membersRate: _rate, ...m }) => m);
      expect(counts(d)).toEqual(counts(before));
    };
    check(await read());
    await refreshDashboard(w.db);
    check(await read());
  });
});

const backends = await queueBackends();

describe("the refresh job", () => {
  for (const backend of backends) {
    it(`runs on the ${backend} queue backend: the timer's add becomes one job per slot, which refreshes`, async () => {
      const ctx = await createTestContext({ backend });
      const running = startWorkers(ctx.deps, [{ jobs: [refreshJob] }], () => undefined);
      try {
        const now = Date.now();
        await enqueueRefresh(ctx.deps, now);
        await enqueueRefresh(ctx.deps, now); // a second worker's timer in the same slot: the same job
        const state = await waitUntil("the refresh to be recorded", () => ctx.deps.db.selectFrom("dashboard_refresh").selectAll().executeTakeFirst(), 60_000);
        expect(state.refreshed_at).toBeInstanceOf(Date);
        await waitUntil("the job to complete", async () => (await refreshQueue.on(ctx.deps.queues).getJobCounts("completed")).completed === 1, 30_000);
        const counts = await refreshQueue.on(ctx.deps.queues).getJobCounts("completed", "waiting", "active", "failed");
        expect(counts).toMatchObject({ completed: 1, waiting: 0, active: 0, failed: 0 });
      } finally {
        await running.stop(5000);
        await ctx.close();
      }
    }, 120_000);
  }
});
