import type { Db } from "../../db/pool.js";
import { forbidden, unitNotFound } from "../../http/errors.js";
import type { AuthContext, RoleScope } from "../../http/types.js";

export type GuardRole = RoleScope["role"];

/** A role held at a unit covers that unit's whole subtree. */
export function roleCovers(scope: RoleScope, targetPath: string): boolean {
  return targetPath.startsWith(scope.unitPath);
}

export function hasRoleOver(auth: AuthContext, targetPath: string, roles: readonly GuardRole[]): boolean {
  return auth.roles.some((r) => roles.includes(r.role) && roleCovers(r, targetPath));
}

export async function unitPath(db: Db, unitId: string): Promise<string> {
  const row = await db.selectFrom("units").select("path").where("id", "=", unitId).executeTakeFirst();
  if (!row) throw unitNotFound();
  return row.path;
}

/**
 * The one guard every cán bộ/admin action goes through: 404 for an unknown unit,
 * 403 when none of the caller's roles covers it.
 */
export async function assertRoleOver(
  db: Db,
  auth: AuthContext,
  unitId: string,
  roles: readonly GuardRole[] = ["can_bo", "admin"],
): Promise<void> {
  const path = await unitPath(db, unitId);
  if (!hasRoleOver(auth, path, roles)) throw forbidden("Đơn vị này nằm ngoài phạm vi phụ trách của chị.");
}

/** Units whose subtree the caller may act on, for list queries ("my inbox" etc.). */
export function scopePaths(auth: AuthContext, roles: readonly GuardRole[] = ["can_bo", "admin"]): string[] {
  return auth.roles.filter((r) => roles.includes(r.role)).map((r) => r.unitPath);
}
