import { ContestErrorCode } from "@hoiso/shared";
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/pool.js";
import { AppError, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { scopeOf } from "../../policy/policy.js";

/** Who takes part: the units whose contests she sees (her unit and those above it), her commune and chi hội. */
export interface Player {
  memberId: string;
  units: string[];
  xaId: string | null;
  chiHoiId: string | null;
}

/**
 * Her unit's ancestors from its materialised path (`/tinh/xa/chi_hoi/to/`: the commune is the second step, the chi hội
 * the third). A member not yet in a unit sees what the province runs for everyone and ranks in no commune.
 */
export async function playerOf(db: Db, memberId: string): Promise<Player> {
  const row = await db
    .selectFrom("members as m")
    .leftJoin("units as u", "u.id", "m.unit_id")
    .select(["u.path"])
    .where("m.id", "=", memberId)
    .executeTakeFirst();
  if (row?.path) {
    const units = row.path.split("/").filter(Boolean);
    return { memberId, units, xaId: units[1] ?? null, chiHoiId: units[2] ?? null };
  }
  const roots = await db.selectFrom("units").select("id").where("parent_id", "is", null).execute();
  return { memberId, units: roots.map((r) => r.id), xaId: null, chiHoiId: null };
}

/** Members see a published (or finished) contest whose audience holds one of her units; never a draft. */
export function visibleTo(units: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`(c.status <> 'draft' AND c.audience && ${sql.val(units)}::uuid[])`;
}

/** The admin side: contests run by a unit of her subtree. */
export function inStaffScope(auth: AuthContext): RawBuilder<boolean> {
  const { paths } = scopeOf(auth);
  if (paths.length === 0) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM units su WHERE su.id = c.unit_id AND su.path LIKE ANY (${sql.val(paths.map((p) => `${p}%`))}::text[]))`;
}

export const contestNotFound = () => notFound("Không tìm thấy cuộc thi này.");
export const roundNotFound = () => notFound("Không tìm thấy đợt thi này.");
export const attemptNotFound = () => new AppError(404, ContestErrorCode.CONTEST_ATTEMPT_NOT_FOUND, "Không tìm thấy bài thi này của chị.");
export const settingsInvalid = (msg: string, field?: string) => new AppError(400, ContestErrorCode.CONTEST_SETTINGS_INVALID, msg, field);
