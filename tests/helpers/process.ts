// The benchmarks start servers the same way, and scripts/ never imports tests/: the code lives in scripts/lib.
import { startProcess as start, startServerProcess as startServer, type ServerProcess } from "../../scripts/lib/process.js";

export * from "../../scripts/lib/process.js";

/**
 * Smaller pools for the servers and workers tests start: a process holds up to DB_POOL_MAX + 1 connections, and on the
 * PostgreSQL queue backend QUEUE_PG_POOL_MAX + 1 more; two test files side by side, each with a server or two
 * processes of its own, must stay well inside PostgreSQL's hundred. A test that sets these itself keeps its own.
 */
const SMALL_POOLS = { DB_POOL_MAX: "8", QUEUE_PG_POOL_MAX: "3" };

export function startProcess(env: Record<string, string>, args: string[], opts: { detached?: boolean } = {}): ServerProcess {
  return start({ ...SMALL_POOLS, ...env }, args, opts);
}

export function startServerProcess(env: Record<string, string>, args: string[] = [], nodeArgs: string[] = []): ServerProcess {
  return startServer({ ...SMALL_POOLS, ...env }, args, nodeArgs);
}
