import { Type, type Static } from "@sinclair/typebox";
import { MembershipStatus } from "./auth.js";
import { Nullable, Timestamp, Uuid } from "./common.js";
import { UnitLevel } from "./units.js";

// ---------- members and roles (Quản trị → Hội viên) ----------

export const RoleName = Type.Union([Type.Literal("can_bo"), Type.Literal("admin")]);
export type RoleName = Static<typeof RoleName>;

/** One role as the admin screens show it: which unit, who holds it, who granted it. */
export const AdminRole = Type.Object({
  id: Uuid,
  memberId: Uuid,
  memberName: Type.String(),
  unitId: Uuid,
  unitName: Type.String(),
  unitLevel: UnitLevel,
  role: RoleName,
  grantedByName: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type AdminRole = Static<typeof AdminRole>;

export const AdminRoleList = Type.Object({ items: Type.Array(AdminRole) });
export type AdminRoleList = Static<typeof AdminRoleList>;

export const AdminRoleQuery = Type.Object({
  unitId: Type.Optional(Uuid),
});
export type AdminRoleQuery = Static<typeof AdminRoleQuery>;

export const AdminMember = Type.Object({
  id: Uuid,
  name: Type.String(),
  phone: Nullable(Type.String({ description: "84… as Zalo gives it" })),
  unitId: Nullable(Uuid),
  unitName: Nullable(Type.String()),
  membershipStatus: MembershipStatus,
  roles: Type.Array(AdminRole),
});
export type AdminMember = Static<typeof AdminMember>;

export const AdminMemberQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: "Name, phone or unit name; diacritics optional" })),
  unitId: Type.Optional(Uuid),
  status: Type.Optional(MembershipStatus),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
});
export type AdminMemberQuery = Static<typeof AdminMemberQuery>;

export const AdminMemberList = Type.Object({
  items: Type.Array(AdminMember),
  truncated: Type.Boolean({ description: "More members matched than were returned; refine the search" }),
});
export type AdminMemberList = Static<typeof AdminMemberList>;

// ---------- audit log (Quản trị → Nhật ký) ----------

export const AuditQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 100, description: "Part of the actor's name, diacritics optional" })),
  actorId: Type.Optional(Uuid),
  action: Type.Optional(
    Type.String({ maxLength: 60, pattern: "^[a-z_.]+$", description: "An action (role.grant) or a prefix ending in a dot (unit.)" }),
  ),
  from: Type.Optional(Type.String({ format: "date", description: "First day, Vietnam time (YYYY-MM-DD)" })),
  to: Type.Optional(Type.String({ format: "date", description: "Last day, included" })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: "Next page: entries older than this id" })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  actorId: Nullable(Uuid),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditList = Type.Object({
  items: Type.Array(AuditEntry, { description: "Newest first" }),
  nextBefore: Nullable(Type.Integer({ description: "Pass as `before` for the next page; null at the end" })),
});
export type AuditList = Static<typeof AuditList>;
