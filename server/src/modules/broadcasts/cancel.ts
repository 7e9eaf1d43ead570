import { BroadcastErrorCode } from "@hoiso/shared";
import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import { audit } from "../../db/audit.js";
import { conflict } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { IN_DOUBT } from "../notify/send.js";
import { staffBroadcast } from "./scope.js";

const announcementRows = (id: string) => sql`d.source_module = 'broadcasts' AND d.source_id = ${id} AND d.dedupe_key = 'a'`;

/**
 * Stops what has not gone out: the announcement is marked cancelled (no chunk writes after this: they take its row
 * lock), every outbound delivery not yet claimed for a Zalo call is skipped, and the answer waits for the calls
 * already under way to finish (each bounded by the HTTP timeout), so that nothing is sent after she is told it is
 * cancelled. A claim older than that belongs to a worker that died: recorded in doubt, never sent again.
 */
export async function cancelBroadcast(deps: AppDeps, auth: AuthContext, id: string): Promise<number> {
  const cancelled = await deps.db.transaction().execute(async (tx) => {
    const b = await staffBroadcast(tx, auth, id, true);
    if (b.status === "done" || b.status === "cancelled") {
      throw conflict("Thông báo này đã gửi xong hoặc đã được hủy.", BroadcastErrorCode.BROADCAST_NOT_CANCELLABLE);
    }
    const now = new Date();
    await tx.updateTable("broadcasts").set({ status: "cancelled", cancelled_at: now, cancelled_by: auth.memberId, updated_at: now }).where("id", "=", id).execute();
    const r = await sql`
      UPDATE deliveries d SET status = 'skipped', last_error = 'cancelled'
       WHERE ${announcementRows(id)} AND d.status = 'pending' AND d.sending_since IS NULL`.execute(tx);
    const n = Number(r.numAffectedRows ?? 0);
    await audit(tx, { actorId: auth.memberId, action: "broadcasts.cancel", entityType: "broadcasts", entityId: id, detail: { stopped: n } });
    return n;
  });
  const limitMs = deps.config.zalo.httpTimeoutMs + 2000;
  const end = Date.now() + limitMs;
  for (;;) {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM deliveries d WHERE ${announcementRows(id)} AND d.status = 'pending' AND d.sending_since IS NOT NULL`.execute(deps.db);
    if ((r.rows[0]?.n ?? 0) === 0) break;
    if (Date.now() > end) {
      await sql`
        UPDATE deliveries d SET status = 'failed', last_error = ${IN_DOUBT}, sending_since = NULL
         WHERE ${announcementRows(id)} AND d.status = 'pending' AND d.sending_since < now() - make_interval(secs => ${limitMs / 1000})`.execute(deps.db);
      break;
    }
    // Waiting on calls in flight (a few hundred ms at most on a live worker); nothing is paced by this.
    await new Promise((r) => setTimeout(r, 50));
  }
  return cancelled;
}
