import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import { LOCKS, withAdvisoryLock } from "../../db/advisory-lock.js";
import type { JobModule, PeriodicTask } from "../../queue/registry.js";

/** Rows per DELETE, so a first purge of a large backlog never holds many row locks in one long statement. */
const PURGE_BATCH = 5000;

/**
 * Deletes sessions past their expiry. resolveSession already ignores them; this keeps the table (one row per login)
 * from growing forever and leaves no stale token hashes lying around.
 */
export async function purgeExpiredSessions(deps: AppDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await sql`
      DELETE FROM sessions WHERE token_hash IN (
        SELECT token_hash FROM sessions WHERE expires_at <= now() LIMIT ${PURGE_BATCH}
      )`.execute(deps.db);
    const n = Number(r.numAffectedRows ?? 0);
    total += n;
    if (n < PURGE_BATCH) return total;
  }
}

export const sessionPurge: PeriodicTask = {
  name: "session-purge",
  everyMs: 60 * 60 * 1000,
  run: (deps) => withAdvisoryLock(deps, LOCKS.sessionPurge, () => purgeExpiredSessions(deps)),
};

export const authJobs: JobModule = { periodic: [sessionPurge] };
