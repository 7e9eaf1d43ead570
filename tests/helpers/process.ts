// The benchmarks start servers the same way, and scripts/ never imports tests/: the code lives in scripts/lib.
import { startProcess as start, startServerProcess as startServer, type ServerProcess } from "../../scripts/lib/process.js";

export * from "../../scripts/lib/process.js";

/**
 * Smaller pools for the servers and workers tests start: on BullMQ's PostgreSQL backend a worker process holds some
 * forty-five connections at the defaults, and two of them beside another test file would fill PostgreSQL's hundred.
 * A test that sets these itself keeps its own.
 */
const SMALL_POOLS = { DB_POOL_MAX: "8", QUEUE_PG_POOL_MAX: "3" };

export function startProcess(env: Record<string, string>, args: string[], opts: { detached?: boolean } = {}): ServerProcess {
  return start({ ...SMALL_POOLS, ...env }, args, opts);
}

export function startServerProcess(env: Record<string, string>, args: string[] = [], nodeArgs: string[] = []): ServerProcess {
  return startServer({ ...SMALL_POOLS, ...env }, args, nodeArgs);
}
