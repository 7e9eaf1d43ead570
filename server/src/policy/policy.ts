import type { Db } from "../db/pool.js";
import { forbidden, unitNotFound } from "../http/errors.js";
import type { AuthContext, RoleScope } from "../http/types.js";

/**
 * The one place that answers "may she?" for every module: a role held at a unit covers that unit's whole subtree
 * (`units.path` is `/<root>/…/<id>/`, so the subtree is every path starting with it); the province is the `tinh` unit.
 */
export type PolicyRole = RoleScope["role"];

/** Cán bộ and admins alike: what most unit-scoped work needs. */
export const STAFF_ROLES: readonly PolicyRole[] = ["can_bo", "admin"];

/** A role held at a unit covers that unit's whole subtree. */
export function roleCovers(scope: RoleScope, targetPath: string): boolean {
  return targetPath.startsWith(scope.unitPath);
}

export function hasRoleOver(auth: AuthContext, targetPath: string, roles: readonly PolicyRole[] = STAFF_ROLES): boolean {
  return auth.roles.some((r) => roles.includes(r.role) && roleCovers(r, targetPath));
}

/** Where a cán bộ's roles reach: the subtrees (`paths`, for `path LIKE p || '%'`) and the units themselves. */
export interface Scope {
  paths: string[];
  unitIds: string[];
}

/** The units whose subtree she may act on with one of `roles`, for list queries ("my inbox", "members I manage"). */
export function scopeOf(auth: AuthContext, roles: readonly PolicyRole[] = STAFF_ROLES): Scope {
  const held = auth.roles.filter((r) => roles.includes(r.role));
  return { paths: [...new Set(held.map((r) => r.unitPath))], unitIds: [...new Set(held.map((r) => r.unitId))] };
}

export async function unitPath(db: Db, unitId: string): Promise<string> {
  const row = await db.selectFrom("units").select("path").where("id", "=", unitId).executeTakeFirst();
  if (!row) throw unitNotFound();
  return row.path;
}

/** 404 for an unknown unit, 403 when none of her roles covers it. Pass a transaction to check inside it. */
export async function assertRoleOver(db: Db, auth: AuthContext, unitId: string, roles: readonly PolicyRole[] = STAFF_ROLES): Promise<void> {
  const path = await unitPath(db, unitId);
  if (!hasRoleOver(auth, path, roles)) throw forbidden("Đơn vị này nằm ngoài phạm vi phụ trách của chị.");
}

/** Whether she holds one of `roles` at the province unit itself (which covers the whole province). */
export async function holdsRoleAtProvince(db: Db, auth: AuthContext, roles: readonly PolicyRole[]): Promise<boolean> {
  const { unitIds } = scopeOf(auth, roles);
  if (unitIds.length === 0) return false;
  const row = await db.selectFrom("units").select("id").where("id", "in", unitIds).where("level", "=", "tinh").executeTakeFirst();
  return row !== undefined;
}

/** Province-wide settings, categories, the audit log: an admin role at the province. */
export function isProvinceAdmin(db: Db, auth: AuthContext): Promise<boolean> {
  return holdsRoleAtProvince(db, auth, ["admin"]);
}

export async function assertProvinceAdmin(db: Db, auth: AuthContext): Promise<void> {
  if (!(await isProvinceAdmin(db, auth))) throw forbidden("Chức năng này dành cho quản trị viên Hội LHPN tỉnh.");
}
