import fs from "node:fs";

/**
 * A port for an embedded PostgreSQL a test starts itself. Below the kernel's ephemeral range (where every outgoing
 * connection of the run — to PostgreSQL, Redis, the simulator — takes its local port, and so can hold the very port
 * we picked when PostgreSQL binds it), in a block of its own per caller so files running at once do not meet.
 */
export function embeddedPgPort(block: 0 | 1 | 2 | 3): number {
  let low = 32768;
  try {
    low = Number(fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]) || low;
  } catch {
    // not Linux: the usual range's start
  }
  const start = Math.max(20_000, low - 4_000) + block * 1_000;
  return start + Math.floor(Math.random() * 900);
}
