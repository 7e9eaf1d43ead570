import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import { createBatcher, perInstance } from "../../util/batcher.js";
import { deliveriesInsert } from "../notify/outbox.js";
import { within } from "../../queue/within.js";
import { enqueueDeliveries } from "../notify/queue.js";
import { assignedCtes, type Assignment } from "./assigned.js";
import { escalationsAsJobs } from "./effects.js";
import { escalateJobOptions, escalateQueue, routeBatchJobOptions, routeJobOptions, routeQueue } from "./queues.js";
import { claimForRouting, primaryDecision, routeSubmission } from "./pipeline.js";
import { toldRows } from "./told.js";

type Outcome = Awaited<ReturnType<typeof routeSubmission>>;

/**
 * Route jobs that run at the same time are routed together: one claim, one statement writing every assignment with
 * its "forwarded" event and its notifications, one commit, then one queue round trip for the escalations. Under load
 * this turns hundreds of small transactions a second into a few large ones; an idle worker routes each job at once.
 *
 * Only the plain case is batched (not yet routed, not a petition). Anything else — a petition, a duplicate job, a
 * missing row — goes through routeSubmission one by one, which knows every case; so does a batch that fails.
 */
async function routeMany(deps: AppDeps, ids: string[]): Promise<Outcome[]> {
  const now = new Date();
  const { routed, escalations, outbound } = await deps.db.transaction().execute(async (tx) => {
    const claimed = await claimForRouting(tx, ids, now, { skipPetitions: true });
    if (claimed.length === 0) return { routed: new Set<string>(), escalations: [], outbound: [] };
    const rows = claimed.map((s) => {
      const d = primaryDecision(s);
      const dueAt = new Date(now.getTime() + d.decision.slaHours * 3_600_000);
      const assignment: Assignment = {
        submissionId: s.id,
        unitId: d.unit.id,
        reason: "primary",
        fromAssignmentId: null,
        slaHours: d.decision.slaHours,
        escalationLevels: d.decision.escalationLevels,
        dueAt,
        event: d.event,
      };
      return { assignment, authorId: s.author_id, sensitive: s.sensitive, author: d.authorMessage, staff: d.staffMessage(dueAt) };
    });
    const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    // What gets assigned: the same rows as a single assignment's (assigned.ts). Who is told: the same as a single
    // assignment's too (told.ts), with each item's own author and messages from `t`.
    const told = toldRows({
      from: sql`e JOIN t ON t.sid = e.submission_id`,
      author: { id: sql`t.author_id`, sensitive: sql`t.sensitive`, message: { type: sql`t.author_type`, params: sql`t.author_params` } },
      staff: { type: sql`t.staff_type`, params: sql`t.staff_params` },
    });
    const r = await sql<{ assigned: Array<{ sid: string; aid: string; due: string }> | null; outbound: string[] }>`
      WITH ${assignedCtes(
        rows.map((x) => x.assignment),
        now,
      )}, t AS (
        SELECT * FROM unnest(${col((x) => x.assignment.submissionId)}::uuid[], ${col((x) => x.authorId)}::uuid[], ${col((x) => x.sensitive)}::boolean[],
                             ${col((x) => x.author.type)}::text[], ${col((x) => JSON.stringify(x.author.params))}::jsonb[],
                             ${col((x) => x.staff.type)}::text[], ${col((x) => JSON.stringify(x.staff.params))}::jsonb[])
          AS t(sid, author_id, sensitive, author_type, author_params, staff_type, staff_params)
      ), d AS (${deliveriesInsert("feedback", told, now)})
      SELECT (SELECT json_agg(json_build_object('sid', submission_id, 'aid', id, 'due', due_at)) FROM a) AS assigned,
             coalesce((SELECT array_agg(id) FROM d WHERE channel <> 'in_app'), '{}') AS outbound`.execute(tx);
    const row = r.rows[0];
    const assigned = row?.assigned ?? [];
    return {
      routed: new Set(assigned.map((x) => x.sid)),
      escalations: assigned.map((x) => ({ assignmentId: x.aid, dueAt: new Date(x.due) })),
      outbound: row?.outbound ?? [],
    };
  });

  // After commit. Lost adds are caught by the outbox reconciler and the escalation sweeper (on PostgreSQL the
  // escalation timer is the only mechanism, see escalationsAsJobs).
  await enqueueDeliveries(deps, outbound);
  if (escalations.length > 0 && escalationsAsJobs(deps)) {
    await within(
      escalateQueue.addBulk(
        deps.queues,
        escalations.map((e) => ({ name: "escalate", data: { assignmentId: e.assignmentId }, opts: escalateJobOptions(e.assignmentId, e.dueAt) })),
      ),
    ).catch(() => undefined);
  }
  return Promise.all(ids.map((id) => (routed.has(id) ? ("routed" as const) : routeSubmission(deps, id))));
}

const batches = perInstance((deps: AppDeps) =>
  createBatcher<string, Outcome | Error>(
    async (ids): Promise<Array<Outcome | Error>> => {
      try {
        return await routeMany(deps, ids);
      } catch {
        // One bad row must not hold up the others: route each on its own, where its error stays its own.
        return Promise.all(ids.map((id) => routeSubmission(deps, id).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))))));
      }
    },
    { maxBatch: 100, maxInFlight: 2 },
  ),
);

/** The `route` job's processor. */
export async function routeInBatch(deps: AppDeps, submissionId: string): Promise<Outcome> {
  const out = await batches(deps).run(submissionId);
  if (out instanceof Error) throw out;
  return out;
}

/** A `route-batch` job's processor: its submissions join the running batches like single jobs do. */
export async function routeAllInBatch(deps: AppDeps, submissionIds: string[]): Promise<{ routed: number }> {
  const outcomes = await Promise.all(submissionIds.map((id) => routeInBatch(deps, id)));
  return { routed: outcomes.filter((o) => o === "routed").length };
}

/**
 * Route jobs for submissions just written. On Redis one job each (a job costs a fraction of a millisecond there).
 * On BullMQ's PostgreSQL backend every job is claimed and finished in transactions of its own (about one commit
 * and several event rows per job), which capped routing near 400 jobs/s on this machine with nothing else running
 * (scripts/bench/queue-isolation.ts); a burst therefore becomes one `route-batch` job, and the busier intake is,
 * the larger its batches. A lost batch is found by the reconciler like a lost single job (routed_at still empty).
 */
export async function addRouteJobs(deps: AppDeps, submissionIds: string[]): Promise<void> {
  if (deps.queues.backend === "postgres" && submissionIds.length > 1) {
    await routeQueue.add(deps.queues, "route-batch", { submissionIds }, routeBatchJobOptions(submissionIds));
    return;
  }
  await routeQueue.addBulk(
    deps.queues,
    submissionIds.map((submissionId) => ({ name: "route", data: { submissionId }, opts: routeJobOptions(submissionId) })),
  );
}
