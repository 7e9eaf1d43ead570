import type { Kysely, Transaction } from "kysely";
import { auditRead } from "../../db/audit.js";
import type { DB } from "../../db/types.js";
import type { AuthContext } from "../../http/types.js";
import { holdsRoleAtProvince, scopeOf, STAFF_ROLES } from "../../policy/policy.js";

type Conn = Kysely<DB> | Transaction<DB>;

/** What a cán bộ's roles let her see: subtrees for ordinary items, exact units (or the province) for private ones. */
export interface StaffScope {
  isStaff: boolean;
  /** Paths of the units where she holds a role; a role covers the subtree. */
  paths: string[];
  /** The units where she holds a role, for private items (no subtree). */
  unitIds: string[];
  /** She holds a role at the province: sees every item, private ones included. */
  province: boolean;
}

/** The policy's scope of her cán bộ and admin roles, plus whether one of them is at the province. */
export async function staffScope(db: Conn, auth: AuthContext): Promise<StaffScope> {
  const { paths, unitIds } = scopeOf(auth, STAFF_ROLES);
  if (unitIds.length === 0) return { isStaff: false, paths: [], unitIds: [], province: false };
  return { isStaff: true, paths, unitIds, province: await holdsRoleAtProvince(db, auth, STAFF_ROLES) };
}

export interface AssignedUnit {
  unitId: string;
  path: string;
  closed: boolean;
}

/**
 * Ordinary items: any cán bộ whose subtree contains one of the units it was ever assigned to.
 * Private (sensitive) items: only cán bộ of a unit currently assigned (not the units in between, not siblings, not a
 * unit that handed it on) and the province.
 */
export function seesSubmission(scope: StaffScope, sensitive: boolean, assigned: readonly AssignedUnit[]): boolean {
  if (!scope.isStaff) return false;
  if (sensitive) return scope.province || assigned.some((a) => !a.closed && scope.unitIds.includes(a.unitId));
  return assigned.some((a) => scope.paths.some((p) => a.path.startsWith(p)));
}

/** Acting on one assignment: the same rule, for that assignment's unit. */
export function actsOn(scope: StaffScope, sensitive: boolean, a: AssignedUnit): boolean {
  return seesSubmission(scope, sensitive, [{ ...a, closed: false }]);
}

export async function assignedUnits(db: Conn, submissionId: string): Promise<AssignedUnit[]> {
  return db
    .selectFrom("assignments as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .select(["a.unit_id as unitId", "u.path", "a.closed"])
    .where("a.submission_id", "=", submissionId)
    .execute();
}

/** Every look at a private item by a cán bộ leaves a trace: who, when, what, through which screen. */
export async function auditSensitiveRead(db: Conn, actorId: string, submissionId: string, detail: Record<string, unknown>): Promise<void> {
  await auditRead(db, { actorId, action: "submission.read", entityType: "submission", entityId: submissionId, detail });
}
