import { sql } from "kysely";
import { LOCKS, withAdvisoryLock } from "../../db/advisory-lock.js";
import type { AppDeps } from "../../deps.js";
import { defineJob, type JobModule, type PeriodicTask } from "../../queue/registry.js";
import { expand, processChunk, queueWindow } from "./fanout.js";
import { enqueueExpand, fanoutQueue } from "./queue.js";

const fanoutJob = defineJob({
  queue: fanoutQueue,
  processor: (deps) => async (job, token) => {
    if (job.name === "expand") return expand(deps, job.data.broadcastId);
    if ("idx" in job.data) return processChunk(deps, job.data, job, token);
    throw new Error(`unknown job ${job.name}`);
  },
});

/** A job not seen done after this long is assumed lost and added again (its id makes a live one a no-op). */
const LOST_AFTER_S = 10;

/**
 * The safety net under the fan-out, whatever the queue lost (a flushed Redis, a worker killed mid-job, a delayed job
 * gone with a restart): scheduled announcements that are due, expansions not finished, the window of chunks not
 * done — queued again; an announcement whose every chunk is done and every outbound delivery settled is marked done.
 */
export async function reconcileBroadcasts(deps: AppDeps): Promise<number> {
  let n = 0;
  const open = await deps.db
    .selectFrom("broadcasts")
    .select(["id", "status"])
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "scheduled"), eb("send_at", "<=", new Date())]),
        eb.and([eb("status", "=", "expanding"), eb("updated_at", "<", sql<Date>`now() - make_interval(secs => ${LOST_AFTER_S})`)]),
      ]),
    )
    .limit(100)
    .execute();
  for (const b of open) if (await enqueueExpand(deps, b.id)) n++;

  // the chunks of each open announcement's window (fanout.ts CHUNK_WINDOW): a job already queued is not added twice
  n += await queueWindow(deps, undefined, LOST_AFTER_S);

  await sql`
    UPDATE broadcasts b SET status = 'done', updated_at = now()
     WHERE b.status = 'sending'
       AND NOT EXISTS (SELECT 1 FROM broadcast_chunks c WHERE c.broadcast_id = b.id AND c.done_at IS NULL)
       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.source_module = 'broadcasts' AND d.source_id = b.id::text AND d.dedupe_key = 'a' AND d.status = 'pending')`.execute(deps.db);
  return n;
}

export const broadcastReconciler: PeriodicTask = {
  name: "broadcasts-reconciler",
  everyMs: 5000,
  run: (deps) => withAdvisoryLock(deps, LOCKS.broadcastReconciler, () => reconcileBroadcasts(deps)),
};

export const broadcastJobs: JobModule = { jobs: [fanoutJob], periodic: [broadcastReconciler] };
