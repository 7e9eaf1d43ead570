import {
  FeedbackErrorCode,
  type Category,
  type FeedbackSettings,
  type RoutingRuleBody,
  type RoutingRuleView,
  type UpsertCategoryBody,
} from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { audit } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import { AppError, forbidden, notFound, unitNotFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertProvinceAdmin, assertRoleOver, scopeOf } from "../../policy/policy.js";
import { loadSettings, saveSettings } from "./settings.js";

export async function listCategories(deps: AppDeps, includeInactive: boolean): Promise<Category[]> {
  let q = deps.db.selectFrom("categories").selectAll().orderBy("sort").orderBy("code");
  if (!includeInactive) q = q.where("active", "=", true);
  const rows = await q.execute();
  return rows.map((c) => ({
    code: c.code,
    name: c.name,
    description: c.description,
    handlingLevel: c.handling_level,
    slaHours: c.sla_hours,
    private: c.private,
    active: c.active,
    sort: c.sort,
  }));
}

/** Creates or edits a category. Existing submissions keep theirs; a category is deactivated, never deleted. */
export async function upsertCategory(deps: AppDeps, auth: AuthContext, code: string, body: UpsertCategoryBody): Promise<Category> {
  await assertProvinceAdmin(deps.db, auth);
  const now = new Date();
  const values = {
    name: body.name.trim(),
    description: body.description?.trim() ?? "",
    handling_level: body.handlingLevel,
    sla_hours: body.slaHours,
    private: body.private,
    active: body.active ?? true,
    updated_at: now,
    ...(body.sort !== undefined ? { sort: body.sort } : {}),
  };
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto("categories")
      .values({ code, ...values })
      .onConflict((oc) => oc.column("code").doUpdateSet(values))
      .execute();
    const { updated_at: _at, ...written } = values;
    await audit(tx, { actorId: auth.memberId, action: "category.upsert", entityType: "category", entityId: code, detail: written });
  });
  const all = await listCategories(deps, true);
  return all.find((c) => c.code === code) as Category;
}

async function toView(db: Db, ids?: string[]): Promise<RoutingRuleView[]> {
  let q = db
    .selectFrom("routing_rules as r")
    .leftJoin("units as u", "u.id", "r.origin_unit_id")
    .selectAll("r")
    .select("u.name as unit_name")
    .orderBy("r.category_code")
    .orderBy("r.created_at");
  if (ids) q = q.where("r.id", "in", ids);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    category: r.category_code,
    originUnitId: r.origin_unit_id,
    originUnitName: r.unit_name,
    targetLevel: r.target_level,
    slaHours: r.sla_hours,
    escalationLevels: r.escalation_levels,
    active: r.active,
    note: r.note,
  }));
}

/**
 * Categories and province-wide settings belong to the province's admins; rules for the whole province need a
 * province admin, rules for a subtree an admin over that subtree.
 */
async function assertRuleScope(db: Db, auth: AuthContext, originUnitId: string | null): Promise<void> {
  if (originUnitId) await assertRoleOver(db, auth, originUnitId, ["admin"]);
  else await assertProvinceAdmin(db, auth);
}

export async function listRules(deps: AppDeps, auth: AuthContext): Promise<RoutingRuleView[]> {
  if (scopeOf(auth, ["admin"]).unitIds.length === 0) throw forbidden("Chức năng này dành cho quản trị viên.");
  return toView(deps.db);
}

const unique = (err: unknown) => (err as { code?: string }).code === "23505";
const fk = (err: unknown) => (err as { code?: string }).code === "23503";

/** The columns a rule is written with, from the admin's form (create and update alike). */
const ruleColumns = (body: RoutingRuleBody, origin: string | null) => ({
  category_code: body.category,
  origin_unit_id: origin,
  target_level: body.targetLevel,
  sla_hours: body.slaHours ?? null,
  escalation_levels: body.escalationLevels ?? [],
  active: body.active ?? true,
  note: body.note ?? "",
});

/** A write that broke a constraint, as the admin should hear it. */
function ruleWriteError(err: unknown): unknown {
  if (unique(err)) return new AppError(409, FeedbackErrorCode.ROUTING_RULE_EXISTS, "Đã có quy tắc cho lĩnh vực và địa bàn này; chị vui lòng sửa quy tắc đó.");
  if (fk(err)) return unitNotFound();
  return err;
}

async function checkCategory(db: Db, code: string) {
  const c = await db.selectFrom("categories").select("code").where("code", "=", code).executeTakeFirst();
  if (!c) throw new AppError(400, FeedbackErrorCode.CATEGORY_NOT_FOUND, "Lĩnh vực này không có trong danh sách.", "category");
}

/**
 * Every admin write below checks, writes and audits in one transaction: a failure anywhere leaves neither the change
 * nor its audit row. The audit holds the columns written, not the request body.
 */
export async function createRule(deps: AppDeps, auth: AuthContext, body: RoutingRuleBody): Promise<RoutingRuleView> {
  const origin = body.originUnitId ?? null;
  const columns = ruleColumns(body, origin);
  const id = await deps.db.transaction().execute(async (tx) => {
    await assertRuleScope(tx, auth, origin);
    await checkCategory(tx, body.category);
    const row = await tx
      .insertInto("routing_rules")
      .values(columns)
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        throw ruleWriteError(err);
      });
    await audit(tx, { actorId: auth.memberId, action: "routing_rule.create", entityType: "routing_rule", entityId: row.id, detail: columns });
    return row.id;
  });
  return (await toView(deps.db, [id]))[0] as RoutingRuleView;
}

export async function updateRule(deps: AppDeps, auth: AuthContext, id: string, body: RoutingRuleBody): Promise<RoutingRuleView> {
  await deps.db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom("routing_rules").select(["origin_unit_id"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!existing) throw new AppError(404, FeedbackErrorCode.ROUTING_RULE_NOT_FOUND, "Không tìm thấy quy tắc chuyển này.");
    await assertRuleScope(tx, auth, existing.origin_unit_id);
    const origin = body.originUnitId === undefined ? existing.origin_unit_id : body.originUnitId;
    if (origin !== existing.origin_unit_id) await assertRuleScope(tx, auth, origin);
    await checkCategory(tx, body.category);
    const columns = ruleColumns(body, origin);
    await tx
      .updateTable("routing_rules")
      .set({ ...columns, updated_at: new Date() })
      .where("id", "=", id)
      .execute()
      .catch((err: unknown) => {
        throw ruleWriteError(err);
      });
    await audit(tx, { actorId: auth.memberId, action: "routing_rule.update", entityType: "routing_rule", entityId: id, detail: columns });
  });
  return (await toView(deps.db, [id]))[0] as RoutingRuleView;
}

export async function deleteRule(deps: AppDeps, auth: AuthContext, id: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom("routing_rules").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!existing) throw notFound("Không tìm thấy quy tắc chuyển này.");
    await assertRuleScope(tx, auth, existing.origin_unit_id);
    await tx.deleteFrom("routing_rules").where("id", "=", id).execute();
    await audit(tx, { actorId: auth.memberId, action: "routing_rule.delete", entityType: "routing_rule", entityId: id, detail: existing });
  });
}

export async function getSettings(deps: AppDeps, auth: AuthContext): Promise<FeedbackSettings> {
  await assertProvinceAdmin(deps.db, auth);
  const { reconcileAfterSeconds: _internal, ...s } = await loadSettings(deps.db);
  return s;
}

/** The settings fields by name, so that nothing the schema did not describe is saved or audited. */
const settingsFields = (b: FeedbackSettings): FeedbackSettings => ({
  petitionThresholds: { to: b.petitionThresholds.to, chi_hoi: b.petitionThresholds.chi_hoi, xa: b.petitionThresholds.xa, tinh: b.petitionThresholds.tinh },
  petitionDays: b.petitionDays,
  followUpDays: b.followUpDays,
  csWindowHours: b.csWindowHours,
  templateIds: { statusUpdate: b.templateIds.statusUpdate },
  notifyRatePerSec: b.notifyRatePerSec,
});

export async function putSettings(deps: AppDeps, auth: AuthContext, body: FeedbackSettings): Promise<FeedbackSettings> {
  const settings = settingsFields(body);
  await deps.db.transaction().execute(async (tx) => {
    await assertProvinceAdmin(tx, auth);
    await saveSettings(tx, settings);
    await audit(tx, { actorId: auth.memberId, action: "feedback_settings.update", entityType: "settings", entityId: "feedback", detail: { ...settings } });
  });
  return getSettings(deps, auth);
}
