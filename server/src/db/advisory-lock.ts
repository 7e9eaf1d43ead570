import type { AppDeps } from "../deps.js";

/** Advisory lock keys of the periodic tasks, all in one place so that no two tasks share one (any unique numbers). */
export const LOCKS = {
  routeReconciler: 7_310_001,
  sweeper: 7_310_002,
  notifyReconciler: 7_310_003,
  mediaSweeper: 7_310_004,
  sessionPurge: 7_310_005,
  escalationTimer: 7_310_006,
  safetyEscalation: 7_310_070,
  broadcastReconciler: 7_310_080,
  chatbotReconciler: 7_310_100,
  dashboardRefresh: 7_310_120,
} as const;

/**
 * Runs `fn` only if no other process holds the lock; otherwise skips this round ("several workers do not sweep at
 * once"). A session lock on a dedicated connection: it is released even if `fn` throws, and dies with the process.
 */
export async function withAdvisoryLock<T>(deps: AppDeps, key: number, fn: () => Promise<T>): Promise<T | null> {
  const client = await deps.pool.connect();
  try {
    const got = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [key]);
    if (!got.rows[0]?.ok) return null;
    try {
      return await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
