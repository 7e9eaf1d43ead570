/**
 * Bench-only preload (node --import ./scripts/bench/count-sql.ts): counts every SQL statement the process sends
 * through node-postgres — our pool and BullMQ's PostgreSQL backend alike, both use pg.Client — so the benchmark can
 * report statements per routed item, a figure the shared machine's noise does not change.
 *
 * SIGUSR2 writes the counts so far to $BENCH_SQL_COUNTS (JSON: {dump: n, counts: statement key → count}); so does exit.
 */
import fs from "node:fs";
import pg from "pg";

const file = process.env.BENCH_SQL_COUNTS;
const counts = new Map<string, number>();
const keys = new Map<string, string>();

/** A statement's key: its first line that is not a comment, squeezed, cut short (BullMQ's SQL opens with comments). */
function keyOf(text: string): string {
  const line = text.split("\n").find((l) => l.trim() !== "" && !l.trim().startsWith("--")) ?? text;
  return line.replace(/\s+/g, " ").trim().slice(0, 90);
}

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;
// eslint-disable-next-line @typescript-eslint/unbound-method -- taken off the prototype on purpose; called below as original.apply(this, args)
const original = pg.Client.prototype.query as unknown as QueryFn;
(pg.Client.prototype as unknown as { query: QueryFn }).query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0];
  const text = typeof first === "string" ? first : ((first as { text?: string } | null)?.text ?? "?");
  let key = keys.get(text);
  if (key === undefined) {
    key = keyOf(text);
    if (keys.size < 10_000) keys.set(text, key);
  }
  counts.set(key, (counts.get(key) ?? 0) + 1);
  return original.apply(this, args);
};

/** Counts so far (for a script that imports this module instead of preloading it). */
export function sqlCounts(): Map<string, number> {
  return new Map(counts);
}

let dumps = 0;
/** Writes the counts with a dump number, so a reader can tell a fresh dump from the previous one. */
function dump(): void {
  if (file) fs.writeFileSync(file, JSON.stringify({ dump: ++dumps, counts: Object.fromEntries(counts) }));
}
process.on("SIGUSR2", dump);
process.on("exit", dump);
