import {
  FeedbackErrorCode,
  type Category,
  type FeedbackSettings,
  type RoutingRuleBody,
  type RoutingRuleView,
  type UpsertCategoryBody,
} from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import type { Db } from "../../db/pool.js";
import { AppError, forbidden, notFound, unitNotFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertRoleOver } from "../auth/guard.js";
import { loadSettings, saveSettings } from "./settings.js";

/** Categories and province-wide settings belong to the province's admins. */
export async function assertProvinceAdmin(db: Db, auth: AuthContext): Promise<void> {
  const unitIds = auth.roles.filter((r) => r.role === "admin").map((r) => r.unitId);
  const ok =
    unitIds.length > 0 && (await db.selectFrom("units").select("id").where("id", "in", unitIds).where("level", "=", "tinh").executeTakeFirst());
  if (!ok) throw forbidden("Chức năng này dành cho quản trị viên Hội LHPN tỉnh.");
}

async function audit(db: Db, auth: AuthContext, action: string, entityType: string, entityId: string, detail: unknown) {
  await db.insertInto("audit_log").values({ actor_id: auth.memberId, action, entity_type: entityType, entity_id: entityId, detail: JSON.stringify(detail) }).execute();
}

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
    await tx.insertInto("audit_log").values({ actor_id: auth.memberId, action: "category.upsert", entity_type: "category", entity_id: code, detail: JSON.stringify(body) }).execute();
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

/** Rules for the whole province need a province admin; rules for a subtree an admin over that subtree. */
async function assertRuleScope(deps: AppDeps, auth: AuthContext, originUnitId: string | null): Promise<void> {
  if (originUnitId) await assertRoleOver(deps.db, auth, originUnitId, ["admin"]);
  else await assertProvinceAdmin(deps.db, auth);
}

export async function listRules(deps: AppDeps, auth: AuthContext): Promise<RoutingRuleView[]> {
  if (!auth.roles.some((r) => r.role === "admin")) throw forbidden("Chức năng này dành cho quản trị viên.");
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

async function checkCategory(deps: AppDeps, code: string) {
  const c = await deps.db.selectFrom("categories").select("code").where("code", "=", code).executeTakeFirst();
  if (!c) throw new AppError(400, FeedbackErrorCode.CATEGORY_NOT_FOUND, "Lĩnh vực này không có trong danh sách.", "category");
}

export async function createRule(deps: AppDeps, auth: AuthContext, body: RoutingRuleBody): Promise<RoutingRuleView> {
  const origin = body.originUnitId ?? null;
  await assertRuleScope(deps, auth, origin);
  await checkCategory(deps, body.category);
  try {
    const row = await deps.db
      .insertInto("routing_rules")
      .values(ruleColumns(body, origin))
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(deps.db, auth, "routing_rule.create", "routing_rule", row.id, body);
    return (await toView(deps.db, [row.id]))[0] as RoutingRuleView;
  } catch (err) {
    throw ruleWriteError(err);
  }
}

export async function updateRule(deps: AppDeps, auth: AuthContext, id: string, body: RoutingRuleBody): Promise<RoutingRuleView> {
  const existing = await deps.db.selectFrom("routing_rules").select(["origin_unit_id"]).where("id", "=", id).executeTakeFirst();
  if (!existing) throw new AppError(404, FeedbackErrorCode.ROUTING_RULE_NOT_FOUND, "Không tìm thấy quy tắc chuyển này.");
  await assertRuleScope(deps, auth, existing.origin_unit_id);
  const origin = body.originUnitId === undefined ? existing.origin_unit_id : body.originUnitId;
  if (origin !== existing.origin_unit_id) await assertRuleScope(deps, auth, origin);
  await checkCategory(deps, body.category);
  try {
    await deps.db
      .updateTable("routing_rules")
      .set({ ...ruleColumns(body, origin), updated_at: new Date() })
      .where("id", "=", id)
      .execute();
  } catch (err) {
    throw ruleWriteError(err);
  }
  await audit(deps.db, auth, "routing_rule.update", "routing_rule", id, body);
  return (await toView(deps.db, [id]))[0] as RoutingRuleView;
}

export async function deleteRule(deps: AppDeps, auth: AuthContext, id: string): Promise<void> {
  const existing = await deps.db.selectFrom("routing_rules").selectAll().where("id", "=", id).executeTakeFirst();
  if (!existing) throw notFound("Không tìm thấy quy tắc chuyển này.");
  await assertRuleScope(deps, auth, existing.origin_unit_id);
  await deps.db.deleteFrom("routing_rules").where("id", "=", id).execute();
  await audit(deps.db, auth, "routing_rule.delete", "routing_rule", id, existing);
}

export async function getSettings(deps: AppDeps, auth: AuthContext): Promise<FeedbackSettings> {
  await assertProvinceAdmin(deps.db, auth);
  const { reconcileAfterSeconds: _internal, ...s } = await loadSettings(deps.db);
  return s;
}

export async function putSettings(deps: AppDeps, auth: AuthContext, body: FeedbackSettings): Promise<FeedbackSettings> {
  await assertProvinceAdmin(deps.db, auth);
  await saveSettings(deps.db, body);
  await audit(deps.db, auth, "feedback_settings.update", "settings", "feedback", body);
  return getSettings(deps, auth);
}
