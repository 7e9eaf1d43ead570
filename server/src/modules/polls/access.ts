import type { PollQuestion, PollStatus } from "@hoiso/shared";
import { sql, type RawBuilder, type Transaction } from "kysely";
import type { Db } from "../../db/pool.js";
import type { DB } from "../../db/types.js";
import { notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { scopeOf } from "../../policy/policy.js";
import { tagsAdmitSql } from "../content/access.js";

type Conn = Db | Transaction<DB>;

export const pollNotFound = () => notFound("Không tìm thấy khảo sát này.");

/** Polls sent by a unit of her subtree (`p` is polls); a province admin's covers every one. */
export function inStaffScope(auth: AuthContext): RawBuilder<boolean> {
  const { paths } = scopeOf(auth);
  if (paths.length === 0) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM units su WHERE su.id = p.unit_id AND su.path LIKE ANY (${sql.val(paths.map((x) => `${x}%`))}::text[]))`;
}

/**
 * Whether the member `m` (joined to her unit `u`) is in the poll `p`'s audience: her unit in one of its subtrees and
 * its target tags admitting hers (the same rule as content's, `tagsAdmitSql`).
 */
export const inAudience = sql<boolean>`(u.path LIKE ANY (SELECT t || '%' FROM unnest(p.target_paths) t)
  AND ${tagsAdmitSql(sql<string[]>`p.target_tags`, sql<string[]>`m.profile_tags`)})`;

export function statusOf(p: { opens_at: Date; closes_at: Date }, now = new Date()): PollStatus {
  if (now < p.opens_at) return "scheduled";
  if (now >= p.closes_at) return "closed";
  return "open";
}

export const questionsOf = (x: unknown): PollQuestion[] => x as PollQuestion[];

/** One poll of her subtree (404 otherwise: she learns nothing of others'). */
export async function staffPoll(db: Conn, auth: AuthContext, id: string) {
  const row = await db
    .selectFrom("polls as p")
    .innerJoin("units as pu", "pu.id", "p.unit_id")
    .selectAll("p")
    .select(["pu.name as unit_name", "pu.path as unit_path"])
    .where("p.id", "=", id)
    .where(inStaffScope(auth))
    .executeTakeFirst();
  if (!row) throw pollNotFound();
  return row;
}
