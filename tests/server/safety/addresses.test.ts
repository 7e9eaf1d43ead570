import { onCallAt } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, type World } from "../feedback/world.js";

/** Trusted addresses: public, per commune, kept by the commune's cán bộ (audited), counted for the province. */
describe("safety: trusted addresses", () => {
  let ctx: TestContext;
  let w: World;

  beforeAll(async () => {
    ctx = await createTestContext();
    w = await buildWorld(ctx);
  });
  afterAll(async () => ctx?.close());

  const add = (who: { headers: Record<string, string> }, unitId: string, name: string) =>
    ctx.app.inject({
      method: "POST",
      url: "/api/admin/safety/addresses",
      headers: who.headers,
      payload: { unitId, kind: "dia_chi_tin_cay", name, help: "Tạm lánh, tư vấn", address: "Thôn Làng Mới", phone: "0214 3840 123", hours: "24/7", managedBy: "Hội LHPN xã" },
    });

  it("a cán bộ keeps her commune's addresses (audited); another commune's are not hers", async () => {
    const ok = await add(w.staff.xaA, w.units.xaA.id, "Nhà chị Lò Thị Hoa");
    expect(ok.statusCode, ok.body).toBe(201);
    const audited = await ctx.deps.db.selectFrom("audit_log").select("action").where("entity_id", "=", ok.json<{ id: string }>().id).execute();
    expect(audited.map((a) => a.action)).toEqual(["safety.trusted.create"]);
    expect((await add(w.staff.xaB, w.units.xaA.id, "Không phải của chị")).statusCode).toBe(403);
    expect((await add(w.woman, w.units.xaA.id, "Hội viên")).statusCode).toBe(403);
    // a chi hội's unit stands for its commune
    const viaChiHoi = await add(w.staff.xaA, w.units.chiA1.id, "Trạm y tế xã");
    expect(viaChiHoi.json()).toMatchObject({ unitId: w.units.xaA.id });
  });

  it("anyone reads a commune's list without a session; nothing is recorded about who asked", async () => {
    await add(w.staff.tinh, w.units.tinh.id, "Nhà tạm lánh tỉnh").then((r) => expect(r.statusCode, r.body).toBe(400)); // the province is not a commune
    const audits = async () => Number((await ctx.deps.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const before = await audits();
    const res = await ctx.app.inject({ method: "GET", url: `/api/safety/addresses?unitId=${w.units.toA1a.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    const body = res.json<{ communeName: string; items: Array<{ name: string; unitName: string }> }>();
    expect(body.communeName).toBe("Xã Bảo Thắng");
    expect(body.items.map((i) => i.name)).toContain("Nhà chị Lò Thị Hoa");
    const other = await ctx.app.inject({ method: "GET", url: `/api/safety/addresses?unitId=${w.units.xaB.id}` });
    expect(other.json<{ items: unknown[] }>().items).toEqual([]);
    expect(await audits()).toBe(before);
  });

  it("the province sees coverage by commune", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/admin/safety/coverage", headers: w.staff.tinh.headers });
    expect(res.json()).toMatchObject({ total: 2, covered: 1 });
    const mine = await ctx.app.inject({ method: "GET", url: "/api/admin/safety/coverage", headers: w.staff.xaB.headers });
    expect(mine.json()).toMatchObject({ total: 1, covered: 0 });
  });

  it("on call: only the xã's own cán bộ can be named", async () => {
    const res = await ctx.app.inject({
      method: "PUT",
      url: "/api/admin/safety/on-call",
      headers: w.staff.xaA.headers,
      payload: { unitId: w.units.xaA.id, entries: [{ memberId: w.staff.xaB.memberId, weekdays: [1], fromMinute: 0, toMinute: 600 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "SAFETY_NOT_STAFF_HERE" });
  });
});

describe("onCallAt (Lào Cai time)", () => {
  const vn = (iso: string) => new Date(`${iso}+07:00`);
  it("covers a day window and a night window over midnight", () => {
    const day = { weekdays: [1, 2, 3, 4, 5], fromMinute: 7 * 60, toMinute: 17 * 60 };
    expect(onCallAt(day, vn("2026-12-01T08:00:00"))).toBe(true); // a Tuesday morning
    expect(onCallAt(day, vn("2026-12-01T17:00:00"))).toBe(false);
    expect(onCallAt(day, vn("2026-12-06T08:00:00"))).toBe(false); // Sunday
    const night = { weekdays: [5], fromMinute: 22 * 60, toMinute: 6 * 60 };
    expect(onCallAt(night, vn("2026-12-04T23:00:00"))).toBe(true); // Friday night
    expect(onCallAt(night, vn("2026-12-05T03:00:00"))).toBe(true); // …into Saturday
    expect(onCallAt(night, vn("2026-12-06T03:00:00"))).toBe(false); // Sunday morning: Saturday has no window
  });
});
