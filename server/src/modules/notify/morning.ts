import type { AppDeps } from "../../deps.js";
import { within } from "../../queue/within.js";
import { notifyJobOptions, notifyQueue } from "./queue.js";

/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving). */
const VN_OFFSET_MS = 7 * 3_600_000;
const NIGHT_FROM_HOUR = 22;
const MORNING_HOUR = 6;

/**
 * When to try again after Zalo's -234 ("no messages at night"): 06:00 Vietnam time, plus a few minutes so that a
 * night's worth of messages does not leave at one instant. If our clock says it is already day (Zalo's idea of the
 * night differs a little), half an hour later instead of a whole day.
 */
export function morningAfter(now: Date, spreadMs = 0): Date {
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const hour = local.getUTCHours();
  if (hour >= MORNING_HOUR && hour < NIGHT_FROM_HOUR) return new Date(now.getTime() + 30 * 60_000 + spreadMs);
  let morning = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), MORNING_HOUR) - VN_OFFSET_MS;
  if (morning <= now.getTime()) morning += 24 * 3_600_000;
  return new Date(morning + spreadMs);
}

/** A delayed notify job for this delivery at `at`; its own id, so the night's attempt is not counted as a failure. */
export async function sendAgainAt(deps: AppDeps, deliveryId: string, at: Date): Promise<void> {
  const delay = Math.max(0, at.getTime() - Date.now());
  await within(
    notifyQueue.add(deps.queues, "notify", { deliveryId }, { ...notifyJobOptions, jobId: `${deliveryId}-at-${at.getTime()}`, delay }),
  );
}
