import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import { within } from "../../queue/within.js";
import { notifyQueue } from "./queue.js";

/**
 * Who asks the OA budget: an interactive chat reply (a woman is waiting) or bulk traffic (notifications,
 * announcements). A chat reply that finds the bucket empty holds bulk sends off until it has its token.
 */
export type BudgetClass = "chat" | "bulk";

export interface Grant {
  /** Sends that may start now (0…want). */
  granted: number;
  /** When fewer than asked: milliseconds until the next one could start. */
  waitMs: number;
}

/**
 * Takes up to `want` sends from the deployment's one OA budget (migration 081: a token bucket refilled at
 * notify_settings.notify_rate_per_sec, under a row lock, so every worker process of either queue backend draws from
 * the same figure). One statement; the rate is read inside it, so an admin's new rate applies to the next take.
 */
export async function takeBudget(deps: AppDeps, want: number, who: BudgetClass): Promise<Grant> {
  if (want <= 0) return { granted: 0, waitMs: 0 };
  const r = await sql<{ granted: number; wait_ms: number }>`SELECT granted, wait_ms FROM oa_budget_take(${want}::int, ${who === "chat"})`.execute(deps.db);
  const row = r.rows[0];
  return { granted: row?.granted ?? 0, waitMs: row?.wait_ms ?? 100 };
}

const cleared = new WeakSet<AppDeps>();

/**
 * The sending rate used to be BullMQ's queue-wide limiter on notify's queue; it counted jobs (a batch job now carries
 * many messages) and was kept apart from the chat's (twice the rate against Zalo). The budget above replaces it: any
 * limiter still stored on the queue (from an earlier version) is removed, once per process, or every time when
 * `force`d (the reconciler's tick). The rate argument is kept for callers; the budget reads the setting itself.
 */
export async function applySendRate(deps: AppDeps, _perSec?: number, force = false): Promise<void> {
  if (!force && cleared.has(deps)) return;
  await within(notifyQueue.on(deps.queues).removeGlobalRateLimit());
  cleared.add(deps);
}

interface Waiter {
  want: number;
  resolve(n: number): void;
  reject(err: unknown): void;
}

/**
 * One poller per process and class: every send waiting for budget joins a queue here, and one loop takes for all of
 * them at once and hands the grant out in order. So a process asks the database a few times per bucket-full, however
 * many jobs wait, and the bucket (not a timer per send) decides the pace: a waiter that wakes late loses nothing.
 */
class BudgetGate {
  private waiters: Waiter[] = [];
  private running = false;

  constructor(
    private readonly deps: AppDeps,
    private readonly who: BudgetClass,
  ) {}

  /** Resolves with how many of `want` sends may start now (at least one). */
  take(want: number): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.waiters.push({ want, resolve, reject });
      if (!this.running) void this.run(); // the loop settles every waiter itself, errors included
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.waiters.length > 0) {
        const want = Math.min(10_000, this.waiters.reduce((s, w) => s + w.want, 0));
        const g = await takeBudget(this.deps, want, this.who);
        let left = g.granted;
        while (left > 0 && this.waiters.length > 0) {
          const w = this.waiters[0] as Waiter;
          const n = Math.min(w.want, left);
          this.waiters.shift();
          left -= n;
          w.resolve(n);
        }
        // Waiting for the bucket to refill; the grant, not this timer, sets the rate.
        if (this.waiters.length > 0) await new Promise((r) => setTimeout(r, Math.max(1, g.waitMs)));
      }
    } catch (err) {
      for (const w of this.waiters.splice(0)) w.reject(err);
    } finally {
      this.running = false;
    }
  }
}

const gates = new WeakMap<AppDeps, Record<BudgetClass, BudgetGate>>();

/**
 * Waits until at least one of `want` OA sends may start, and answers how many (the caller sends that many, then asks
 * again for the rest). Chat replies (`"chat"`) go before bulk traffic across every process.
 */
export function awaitBudget(deps: AppDeps, want: number, who: BudgetClass): Promise<number> {
  let g = gates.get(deps);
  if (!g) {
    g = { chat: new BudgetGate(deps, "chat"), bulk: new BudgetGate(deps, "bulk") };
    gates.set(deps, g);
  }
  return g[who].take(want);
}
