import { ConsultationErrorCode } from "@hoiso/shared";
import { sql, type RawBuilder, type Transaction } from "kysely";
import type { DB } from "../../db/types.js";
import { AppError, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { scopeOf } from "../../policy/policy.js";

type Tx = Transaction<DB>;

/** The cán bộ's side: consultations run by a unit of her subtree (alias `c`). */
export function inStaffScope(auth: AuthContext): RawBuilder<boolean> {
  const { paths } = scopeOf(auth);
  if (paths.length === 0) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM units su WHERE su.id = c.unit_id AND su.path LIKE ANY (${sql.val(paths.map((p) => `${p}%`))}::text[]))`;
}

/** Her own unit is in the consultation's subtree (alias `c`). A member without a unit is in none. */
export function inHerSubtree(memberId: string): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM members hm JOIN units hu ON hu.id = hm.unit_id JOIN units cu ON cu.id = c.unit_id
                              WHERE hm.id = ${memberId} AND hu.path LIKE cu.path || '%')`;
}

/**
 * What a woman may open: never a draft; a members-only consultation when her unit is in its subtree; a link one
 * whoever she is (signed in). Lists show her subtree's and those she already took part in.
 */
export function openableBy(memberId: string): RawBuilder<boolean> {
  return sql<boolean>`(c.status <> 'draft' AND (c.participation = 'link' OR ${inHerSubtree(memberId)}))`;
}
export function listedFor(memberId: string): RawBuilder<boolean> {
  return sql<boolean>`(c.status <> 'draft' AND (${inHerSubtree(memberId)}
          OR EXISTS (SELECT 1 FROM consultation_participants lp WHERE lp.consultation_id = c.id AND lp.member_id = ${memberId})))`;
}

/** A consultation of her subtree, locked for a change. */
export async function lockConsultation(tx: Tx, auth: AuthContext, id: string) {
  const c = await tx
    .selectFrom("consultations as c")
    .select(["c.id", "c.status", "c.title", "c.unit_id", "c.opens_at", "c.closes_at", "c.outcome_at"])
    .where("c.id", "=", id)
    .where(inStaffScope(auth))
    .forUpdate()
    .executeTakeFirst();
  if (!c) throw consultationNotFound();
  return c;
}

export const consultationNotFound = () => notFound("Không tìm thấy đợt góp ý này.");
export const sectionNotFound = () => notFound("Không tìm thấy phần này của dự thảo.");
export const commentNotFound = () => notFound("Không tìm thấy ý kiến này.");
export const invalid = (msg: string, field?: string) => new AppError(400, ConsultationErrorCode.CONSULTATION_INVALID, msg, field);
export const wrongStatus = (msg: string) => new AppError(409, ConsultationErrorCode.CONSULTATION_WRONG_STATUS, msg);
