import crypto from "node:crypto";
import { foldVietnamese } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, type World } from "./world.js";

type Outcome = "open" | "on_time" | "late";
interface Seed {
  unit: { id: string };
  category?: string;
  sensitive?: boolean;
  outcome: Outcome;
  rating?: "hai_long" | "binh_thuong" | "chua_hai_long";
  body?: string;
}

/**
 * The public record's per-unit figures against counts worked out by hand, with private-category and sensitive items
 * mixed in that must change nothing, and its search without diacritics. Items are written with plain SQL so that
 * deadlines and dates handled are exactly what the expectations assume.
 */
describe("public record: figures and search", () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => {
    ctx = await createTestContext();
    w = await buildWorld(ctx);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const DAY = 86_400_000;
  async function seed(s: Seed): Promise<string> {
    const id = crypto.randomUUID();
    const created = new Date(Date.now() - 10 * DAY);
    const due = new Date(created.getTime() + 5 * DAY);
    const resolvedAt = s.outcome === "on_time" ? new Date(created.getTime() + 2 * DAY) : s.outcome === "late" ? new Date(created.getTime() + 7 * DAY) : null;
    const body = s.body ?? "Đường vào thôn bị sạt lở.";
    await ctx.deps.db.transaction().execute(async (tx) => {
      await tx
        .insertInto("submissions")
        .values({
          id,
          tracking_code: `PA-${id.slice(0, 8).toUpperCase()}`,
          kind: "feedback",
          category_code: s.category ?? "dat_dai",
          body,
          search_text: foldVietnamese(body),
          origin_unit_id: s.unit.id,
          author_id: w.woman.memberId,
          sensitive: s.sensitive ?? false,
          status: resolvedAt ? "resolved" : "acknowledged",
          resolved_at: resolvedAt,
          created_at: created,
          updated_at: created,
        })
        .execute();
      const a = await tx
        .insertInto("assignments")
        .values({ submission_id: id, unit_id: s.unit.id, reason: "primary", sla_hours: 120, due_at: due, resolved_at: resolvedAt, acknowledged_at: created, created_at: created })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (resolvedAt) await tx.updateTable("submissions").set({ resolved_assignment_id: a.id }).where("id", "=", id).execute();
      if (s.rating) await tx.insertInto("submission_ratings").values({ submission_id: id, unit_id: s.unit.id, rating: s.rating, rated_at: new Date() }).execute();
    });
    return id;
  }
  const times = async (n: number, s: Seed) => {
    for (let i = 0; i < n; i++) await seed(s);
  };
  const figures = async (communeId?: string) => {
    const r = await ctx.app.inject({ method: "GET", url: `/api/public-record/figures${communeId ? `?communeId=${communeId}` : ""}` });
    expect(r.statusCode).toBe(200);
    return r.json().items as Array<Record<string, unknown>>;
  };

  it("counts per unit, leaves sensitive categories out entirely and shows every figure from fewer than 5 items as null", async () => {
    const { xaA, xaB, chiB1 } = w.units;
    // xã A, ordinary items: 7 received; 6 handled, 5 of them by the deadline; 5 rated, 3 of them hài lòng.
    await times(3, { unit: xaA, outcome: "on_time", rating: "hai_long" });
    await times(2, { unit: xaA, outcome: "on_time", rating: "binh_thuong" });
    await seed({ unit: xaA, outcome: "late" });
    await seed({ unit: xaA, outcome: "open" });
    // xã B: 4 ordinary items, all handled on time and rated hài lòng — every figure under 5.
    await times(4, { unit: xaB, outcome: "on_time", rating: "hai_long" });
    // Private-category and sensitive items that, counted, would lift every figure above: they must change nothing.
    await times(6, { unit: xaA, category: "bao_luc", outcome: "on_time", rating: "hai_long" });
    await times(2, { unit: xaA, sensitive: true, outcome: "on_time", rating: "hai_long" });
    await times(5, { unit: xaB, category: "bao_luc", outcome: "on_time", rating: "hai_long" });
    // a chi hội with nothing but private items: not even its name appears
    await times(3, { unit: chiB1, category: "bao_luc", outcome: "on_time", rating: "hai_long" });

    const all = await figures();
    // in name order
    expect(all).toEqual([
      { unitId: xaB.id, unitName: "Phường Sa Pa", received: null, handled: null, onTime: null, rated: null, satisfied: null },
      { unitId: xaA.id, unitName: "Xã Bảo Thắng", received: 7, handled: 6, onTime: 5, rated: 5, satisfied: null },
    ]);
    expect(JSON.stringify(all)).not.toContain(chiB1.id);
    expect(JSON.stringify(all)).not.toContain("Chi hội tổ dân phố 3");
    // by commune: only units of its subtree
    expect((await figures(xaB.id)).map((f) => f.unitId)).toEqual([xaB.id]);

    // one more ordinary item rated hài lòng at xã A makes "satisfied" 4 — still under 5; a fifth shows it
    await seed({ unit: xaA, outcome: "on_time", rating: "hai_long" });
    expect((await figures(xaA.id))[0]).toMatchObject({ received: 8, handled: 7, onTime: 6, rated: 6, satisfied: null });
    await seed({ unit: xaA, outcome: "on_time", rating: "hai_long" });
    expect((await figures(xaA.id))[0]).toMatchObject({ received: 9, handled: 8, onTime: 7, rated: 7, satisfied: 5 });
  });

  it("finds published items without diacritics, by commune, and never unpublished or private ones", async () => {
    const publishOne = async (unit: { id: string }, text: string, category = "dat_dai") => {
      const id = await seed({ unit, outcome: "on_time", body: text, category });
      await ctx.deps.db.insertInto("submission_publications").values({ submission_id: id, consent: true, consent_at: new Date() }).execute();
      const r = await ctx.app.inject({ method: "POST", url: `/api/staff/publications/${id}/publish`, headers: w.staff.tinh.headers, payload: { text, answer: "Hội đã làm việc với xã, đã khắc phục." } });
      return { id, res: r };
    };
    const light = await publishOne(w.units.chiA1, "Đèn chiếu sáng đường liên thôn bị hỏng.");
    expect(light.res.statusCode).toBe(200);
    const water = await publishOne(w.units.chiB1, "Nước sinh hoạt ở tổ dân phố có mùi lạ.");
    expect(water.res.statusCode).toBe(200);
    const search = async (query: string) => {
      const r = await ctx.app.inject({ method: "GET", url: `/api/public-record?${query}` });
      expect(r.statusCode).toBe(200);
      return (r.json().items as Array<{ text: string }>).map((i) => i.text);
    };
    expect(await search("q=den%20chieu%20sang")).toEqual(["Đèn chiếu sáng đường liên thôn bị hỏng."]);
    expect(await search(`q=${encodeURIComponent("ĐÈN chiếu")}`)).toEqual(["Đèn chiếu sáng đường liên thôn bị hỏng."]);
    expect(await search("q=nuoc%20sinh%20hoat")).toEqual(["Nước sinh hoạt ở tổ dân phố có mùi lạ."]);
    // the answer is searched too; every word must match
    expect((await search("q=khac%20phuc")).length).toBe(2);
    expect(await search("q=den%20nuoc")).toEqual([]);
    expect(await search(`communeId=${w.units.xaB.id}`)).toEqual(["Nước sinh hoạt ở tổ dân phố có mùi lạ."]);
    expect(await search(`communeId=${w.units.xaA.id}&q=nuoc`)).toEqual([]);

    // a private-category item is refused at the publish step, and one made private later leaves the record at once
    const priv = await publishOne(w.units.chiA1, "Bạo lực trong gia đình đã được can thiệp.", "bao_luc");
    expect(priv.res.statusCode).toBe(404);
    await ctx.deps.db.updateTable("categories").set({ private: true }).where("code", "=", "dat_dai").execute();
    try {
      expect(await search("q=den")).toEqual([]);
    } finally {
      await ctx.deps.db.updateTable("categories").set({ private: false }).where("code", "=", "dat_dai").execute();
    }
    expect(await search("q=den")).toEqual(["Đèn chiếu sáng đường liên thôn bị hỏng."]);
  });
});
