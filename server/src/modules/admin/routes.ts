import {
  AdminMemberList,
  AdminMemberQuery,
  AdminRole,
  AdminRoleList,
  AdminRoleQuery,
  AuditList,
  AuditQuery,
  ErrorBody,
  GrantRoleBody,
  IdParams,
  Ok,
} from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { listAudit } from "./audit-log.js";
import { searchMembers } from "./members.js";
import { grantRole, listRoles, revokeRole } from "./roles.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const admin = { tags: ["admin"], security: [{ bearer: [] }] };

/** Quản trị: members and their roles (cán bộ within their subtree, admins anywhere they cover) and the audit log. */
export async function adminRoutes(app: App): Promise<void> {
  app.get(
    "/admin/members",
    { schema: { ...admin, summary: "Search members by name, phone or unit (diacritics optional), with their roles", querystring: AdminMemberQuery, response: { 200: AdminMemberList, ...errors } } },
    async (req) => searchMembers(app.deps.db, app.deps.config.phoneKeys, requireAuth(req), req.query),
  );
  app.get(
    "/admin/roles",
    { schema: { ...admin, summary: "Roles held in a unit's subtree (the caller's scope when no unit)", querystring: AdminRoleQuery, response: { 200: AdminRoleList, ...errors } } },
    async (req) => ({ items: await listRoles(app.deps.db, requireAuth(req), req.query.unitId) }),
  );
  app.post(
    "/admin/roles",
    {
      schema: {
        ...admin,
        summary: "Grant a role on a unit subtree: can_bo by a cán bộ or admin over it, admin by an admin over it",
        body: GrantRoleBody,
        response: { 200: AdminRole, ...errors },
      },
    },
    async (req) => grantRole(app.deps.db, requireAuth(req), req.body.memberId, req.body.unitId, req.body.role),
  );
  app.delete(
    "/admin/roles/:id",
    { schema: { ...admin, summary: "Revoke a role (same rule as granting; never one's own)", params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await revokeRole(app.deps.db, requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    "/admin/audit",
    { schema: { ...admin, summary: "Audit log of sensitive reads and admin changes, newest first (province admin)", querystring: AuditQuery, response: { 200: AuditList, ...errors } } },
    async (req) => listAudit(app.deps.db, requireAuth(req), req.query),
  );
}
