import type { Kysely, Transaction } from "kysely";
import type { DB } from "./types.js";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** What was written, from the validated fields; never the raw request body (it may carry anything). */
  detail: Record<string, unknown>;
}

/**
 * Records an admin change. It takes a transaction on purpose: the audit row is written with the change it
 * describes, so either both exist or neither does.
 */
export async function audit(tx: Transaction<DB>, e: AuditEntry): Promise<void> {
  await write(tx, e);
}

/**
 * Records a look at something sensitive (a private report opened by a cán bộ). A read changes nothing to commit
 * with, so it takes the pool or the caller's transaction, whichever the read used.
 */
export async function auditRead(db: Kysely<DB> | Transaction<DB>, e: AuditEntry): Promise<void> {
  await write(db, e);
}

async function write(tx: Kysely<DB> | Transaction<DB>, e: AuditEntry): Promise<void> {
  await tx
    .insertInto("audit_log")
    .values({ actor_id: e.actorId, action: e.action, entity_type: e.entityType, entity_id: e.entityId, detail: JSON.stringify(e.detail) })
    .execute();
}
