import type { AppDeps } from "../../deps.js";
import { within } from "../../queue/within.js";
import { notifyQueue } from "./queue.js";

/**
 * The setting as a BullMQ limiter: `max` jobs per `duration` ms. Small windows (a tenth of a second, or one job per
 * window below 10/s) so that no second sees much more than the rate even when two windows meet.
 */
export function limiterFor(perSec: number): { max: number; duration: number } {
  const max = Math.max(1, Math.floor(perSec / 10));
  return { max, duration: Math.max(1, Math.round((1000 * max) / perSec)) };
}

const applied = new WeakMap<AppDeps, string>();

/**
 * One sending rate for the whole deployment: the notify queue's global rate limit, which BullMQ keeps in the queue
 * itself (Redis meta hash, or the PostgreSQL backend's meta table) and checks whenever any worker process claims a
 * job, so K workers together still send at the configured rate. No job slot is held while waiting: a rate-limited
 * worker simply does not claim. Written when the setting differs from what this process last wrote, or when `force`d
 * (the reconciler's tick, in case the queue lost it).
 */
export async function applySendRate(deps: AppDeps, perSec: number, force = false): Promise<void> {
  const { max, duration } = limiterFor(perSec);
  const key = `${max}/${duration}`;
  if (!force && applied.get(deps) === key) return;
  await within(notifyQueue.on(deps.queues).setGlobalRateLimit(max, duration));
  applied.set(deps, key);
}
