import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, type World } from "./world.js";

/**
 * An admin change and its audit row are one transaction, and the audit keeps what was written — never the raw body,
 * which may carry fields the schema does not know (once, a "\u0000" in such a field made the audit insert fail after
 * the rule had already been created).
 */
describe("admin writes and their audit rows", () => {
  let ctx: TestContext;
  let w: World;
  const rule = () => ({ category: "vay_von", originUnitId: w.units.xaB.id, targetLevel: "xa", slaHours: 24, escalationLevels: ["tinh"] });
  const auditOf = (entityId: string) =>
    ctx.deps.db.selectFrom("audit_log").select(["action", "detail"]).where("entity_id", "=", entityId).orderBy("id").execute();
  const rules = async () => (await ctx.deps.db.selectFrom("routing_rules").select(["id", "sla_hours", "note"]).execute());
  /** Makes the audit insert for these actions fail, as a full disk or a broken audit trigger would. */
  const breakAudit = (actions: string[]) =>
    sql`ALTER TABLE audit_log ADD CONSTRAINT audit_broken CHECK (action NOT IN (${sql.join(actions.map((a) => sql.lit(a)))})) NOT VALID`.execute(ctx.deps.db);
  const repairAudit = () => sql`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_broken`.execute(ctx.deps.db);

  beforeAll(async () => {
    ctx = await createTestContext();
    w = await buildWorld(ctx);
  });
  afterAll(() => ctx?.close());

  it("audits the validated columns, not fields the body smuggled in", async () => {
    const created = await ctx.app.inject({
      method: "POST",
      url: "/api/admin/routing-rules",
      headers: w.admin.headers,
      payload: { ...rule(), note: "Vay vốn", x: "không thuộc quy tắc" },
    });
    expect(created.statusCode).toBe(200);
    const id = created.json().id as string;
    const updated = await ctx.app.inject({
      method: "PUT",
      url: `/api/admin/routing-rules/${id}`,
      headers: w.admin.headers,
      payload: { ...rule(), slaHours: 12, y: { deep: "x" } },
    });
    expect(updated.statusCode).toBe(200);
    const rows = await auditOf(id);
    expect(rows.map((r) => r.action)).toEqual(["routing_rule.create", "routing_rule.update"]);
    expect(rows[0]?.detail).toEqual({
      category_code: "vay_von",
      origin_unit_id: w.units.xaB.id,
      target_level: "xa",
      sla_hours: 24,
      escalation_levels: ["tinh"],
      active: true,
      note: "Vay vốn",
    });
    expect(rows[1]?.detail).toMatchObject({ sla_hours: 12, note: "" });
    expect(JSON.stringify(rows)).not.toMatch(/"x"|"y"|deep/);
    await ctx.app.inject({ method: "DELETE", url: `/api/admin/routing-rules/${id}`, headers: w.admin.headers });

    const cur = (await ctx.app.inject({ method: "GET", url: "/api/admin/feedback-settings", headers: w.admin.headers })).json();
    const put = await ctx.app.inject({
      method: "PUT",
      url: "/api/admin/feedback-settings",
      headers: w.admin.headers,
      payload: { ...cur, followUpDays: 6, extra: "x", petitionThresholds: { ...cur.petitionThresholds, hidden: 1 } },
    });
    expect(put.statusCode).toBe(200);
    const settingsAudit = await auditOf("feedback");
    expect(settingsAudit.at(-1)?.detail).toEqual({ ...cur, followUpDays: 6 });
  });

  it("a failed audit leaves no rule created, no rule changed and no settings changed", async () => {
    const before = await rules();
    await breakAudit(["routing_rule.create", "routing_rule.update", "routing_rule.delete", "feedback_settings.update"]);
    try {
      const created = await ctx.app.inject({ method: "POST", url: "/api/admin/routing-rules", headers: w.admin.headers, payload: rule() });
      expect(created.statusCode).toBe(500);
      expect(await rules()).toEqual(before);
    } finally {
      await repairAudit();
    }

    const id = (await ctx.app.inject({ method: "POST", url: "/api/admin/routing-rules", headers: w.admin.headers, payload: rule() })).json().id as string;
    const settings = (await ctx.app.inject({ method: "GET", url: "/api/admin/feedback-settings", headers: w.admin.headers })).json();
    const stored = await rules();
    await breakAudit(["routing_rule.update", "routing_rule.delete", "feedback_settings.update"]);
    try {
      const upd = await ctx.app.inject({ method: "PUT", url: `/api/admin/routing-rules/${id}`, headers: w.admin.headers, payload: { ...rule(), slaHours: 99 } });
      expect(upd.statusCode).toBe(500);
      const del = await ctx.app.inject({ method: "DELETE", url: `/api/admin/routing-rules/${id}`, headers: w.admin.headers });
      expect(del.statusCode).toBe(500);
      expect(await rules()).toEqual(stored);
      const put = await ctx.app.inject({ method: "PUT", url: "/api/admin/feedback-settings", headers: w.admin.headers, payload: { ...settings, petitionDays: 3 } });
      expect(put.statusCode).toBe(500);
    } finally {
      await repairAudit();
    }
    const after = (await ctx.app.inject({ method: "GET", url: "/api/admin/feedback-settings", headers: w.admin.headers })).json();
    expect(after).toEqual(settings);
  });
});
