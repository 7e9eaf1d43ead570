import { ErrorCode, type AdminRole, type RoleName } from "@hoiso/shared";
import { audit } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import { AppError, forbidden } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertRoleOver, hasRoleOver, scopeOf, unitPath, type PolicyRole } from "../../policy/policy.js";

/** Every read of a role goes through this select, so the list, the grant and the member search answer alike. */
export function selectRoles(db: Db) {
  return db
    .selectFrom("roles as r")
    .innerJoin("units as u", "u.id", "r.unit_id")
    .innerJoin("members as m", "m.id", "r.member_id")
    .leftJoin("members as g", "g.id", "r.granted_by")
    .select([
      "r.id",
      "r.member_id",
      "m.name as member_name",
      "r.unit_id",
      "u.name as unit_name",
      "u.level as unit_level",
      "u.path as unit_path",
      "r.role",
      "g.name as granted_by_name",
      "r.created_at",
    ])
    .orderBy("u.path")
    .orderBy("r.role")
    .orderBy("m.name");
}

type RoleRow = Awaited<ReturnType<ReturnType<typeof selectRoles>["executeTakeFirstOrThrow"]>>;

export const toAdminRole = (r: RoleRow): AdminRole => ({
  id: r.id,
  memberId: r.member_id,
  memberName: r.member_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitLevel: r.unit_level,
  role: r.role,
  grantedByName: r.granted_by_name,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Who may give or take a role on a unit: a cán bộ role needs a cán bộ or admin role covering the unit (a xã cán bộ
 * names the chi hội cán bộ of her xã); an admin role needs an admin covering it. Same rule for granting and revoking.
 */
async function assertMayManage(db: Db, auth: AuthContext, unitId: string, role: RoleName): Promise<void> {
  const needed: PolicyRole[] = role === "admin" ? ["admin"] : ["can_bo", "admin"];
  const path = await unitPath(db, unitId);
  if (role === "admin" && !hasRoleOver(auth, path, ["admin"]) && hasRoleOver(auth, path, ["can_bo"])) {
    throw forbidden("Cán bộ chỉ cấp hoặc gỡ được quyền cán bộ. Quyền quản trị do quản trị viên Hội cấp trên phụ trách.");
  }
  await assertRoleOver(db, auth, unitId, needed);
}

/** Roles held in a unit's subtree (the caller's whole scope when no unit is named). */
export async function listRoles(db: Db, auth: AuthContext, unitId?: string): Promise<AdminRole[]> {
  let paths: string[];
  if (unitId) {
    await assertRoleOver(db, auth, unitId);
    paths = [(await db.selectFrom("units").select("path").where("id", "=", unitId).executeTakeFirstOrThrow()).path];
  } else {
    paths = scopeOf(auth).paths;
    if (paths.length === 0) throw forbidden("Chức năng này dành cho cán bộ và quản trị viên Hội.");
  }
  const rows = await selectRoles(db)
    .where((eb) => eb.or(paths.map((p) => eb("u.path", "like", `${p}%`))))
    .limit(1000)
    .execute();
  return rows.map(toAdminRole);
}

export async function grantRole(db: Db, auth: AuthContext, memberId: string, unitId: string, role: RoleName): Promise<AdminRole> {
  return db.transaction().execute(async (tx) => {
    await assertMayManage(tx, auth, unitId, role);
    const unit = await tx.selectFrom("units").select(["active", "name"]).where("id", "=", unitId).executeTakeFirstOrThrow();
    if (!unit.active) {
      throw new AppError(409, ErrorCode.ROLE_UNIT_INACTIVE, `${unit.name} đã ngừng hoạt động hoặc đã sáp nhập; chị vui lòng cấp quyền ở đơn vị đang hoạt động.`, "unitId");
    }
    const member = await tx.selectFrom("members").select("name").where("id", "=", memberId).executeTakeFirst();
    if (!member) throw new AppError(404, ErrorCode.MEMBER_NOT_FOUND, "Không tìm thấy hội viên này.", "memberId");
    const inserted = await tx
      .insertInto("roles")
      .values({ member_id: memberId, unit_id: unitId, role, granted_by: auth.memberId })
      .onConflict((oc) => oc.columns(["member_id", "unit_id", "role"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    // Granting what she already holds changes nothing, so there is nothing to record.
    if (inserted) {
      await audit(tx, { actorId: auth.memberId, action: "role.grant", entityType: "member", entityId: memberId, detail: { roleId: inserted.id, unitId, unitName: unit.name, role, memberName: member.name } });
    }
    const row = await selectRoles(tx).where("r.member_id", "=", memberId).where("r.unit_id", "=", unitId).where("r.role", "=", role).executeTakeFirstOrThrow();
    return toAdminRole(row);
  });
}

export async function revokeRole(db: Db, auth: AuthContext, roleId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await selectRoles(tx).where("r.id", "=", roleId).forUpdate("r").executeTakeFirst();
    if (!row) throw new AppError(404, ErrorCode.ROLE_NOT_FOUND, "Không tìm thấy quyền này; có thể quyền đã được gỡ trước đó.");
    await assertMayManage(tx, auth, row.unit_id, row.role);
    if (row.member_id === auth.memberId) {
      throw new AppError(409, ErrorCode.ROLE_SELF_REVOKE, "Chị không thể tự gỡ quyền của mình. Chị nhờ một quản trị viên khác gỡ giúp nhé.");
    }
    await tx.deleteFrom("roles").where("id", "=", roleId).execute();
    await audit(tx, {
      actorId: auth.memberId,
      action: "role.revoke",
      entityType: "member",
      entityId: row.member_id,
      detail: { roleId, unitId: row.unit_id, unitName: row.unit_name, role: row.role, memberName: row.member_name },
    });
  });
}
