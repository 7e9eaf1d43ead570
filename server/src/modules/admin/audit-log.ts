import type { AuditList, AuditQuery } from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import type { AuthContext } from "../../http/types.js";
import { assertProvinceAdmin } from "../../policy/policy.js";
import { foldedSql, likeFolded } from "./fold-sql.js";

const DEFAULT_LIMIT = 50;
/** Dates in the filter are days as the union lives them, not UTC days. */
const TZ = "Asia/Ho_Chi_Minh";

/**
 * The audit log, newest first: who read sensitive items and who changed what. Province admins only: entries name
 * people and items across the whole province.
 */
export async function listAudit(db: Db, auth: AuthContext, query: AuditQuery): Promise<AuditList> {
  await assertProvinceAdmin(db, auth);
  const limit = query.limit ?? DEFAULT_LIMIT;
  let sel = db
    .selectFrom("audit_log as a")
    .leftJoin("members as m", "m.id", "a.actor_id")
    .select(["a.id", "a.at", "a.actor_id", "m.name as actor_name", "a.action", "a.entity_type", "a.entity_id", "a.detail"]);
  if (query.actorId) sel = sel.where("a.actor_id", "=", query.actorId);
  const actor = query.actor ? likeFolded(query.actor) : null;
  if (actor) sel = sel.where(foldedSql(sql.ref("m.name")), "like", actor);
  if (query.action) {
    sel = query.action.endsWith(".") ? sel.where("a.action", "like", `${query.action.replace(/_/g, "\\_")}%`) : sel.where("a.action", "=", query.action);
  }
  if (query.from) sel = sel.where("a.at", ">=", sql<Date>`(${query.from}::date)::timestamp AT TIME ZONE ${TZ}`);
  if (query.to) sel = sel.where("a.at", "<", sql<Date>`(${query.to}::date + 1)::timestamp AT TIME ZONE ${TZ}`);
  if (query.before) sel = sel.where("a.id", "<", query.before);
  const rows = await sel.orderBy("a.id", "desc").limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name ?? null,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      detail: (r.detail ?? {}) as Record<string, unknown>,
    })),
    nextBefore: rows.length > limit ? Number(page[page.length - 1]!.id) : null,
  };
}
