import { BROADCAST_LIMITS } from "@hoiso/shared";
import { DelayedError, type Job } from "bullmq";
import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import { within } from "../../queue/within.js";
import { enqueueDeliveries, notifyJobOptions, notifyQueue } from "../notify/queue.js";
import { loadNotifySettings } from "../notify/settings.js";
import { audienceFrom, channelReasons, inAudience, type AudienceSql } from "./audience.js";
import { broadcastLink } from "./links.js";
import { chunkJobId, fanoutJobOptions, fanoutQueue, type ChunkJob } from "./queue.js";

/** Member ids read per query while expanding; cut into chunks of BROADCAST_LIMITS.chunkSize. */
const PAGE = 25_000;
/**
 * Outbound jobs allowed to wait on notify's queue before a chunk holds back (batch jobs of up to NOTIFY_BATCH: a few
 * thousand deliveries): Redis keeps a bounded number of small jobs whatever the audience's size, and the sender never
 * runs dry (a chunk refills it within milliseconds).
 */
export const NOTIFY_BACKLOG_MAX = 40;
/**
 * Chunk jobs of one announcement in the queue at once: the expansion queues the first ones and each chunk, once
 * done, queues the one this far ahead (the reconciler re-adds the window if a link is lost). So a held-back chunk
 * job is one of a few, not one of every chunk of a large audience each looking at the backlog again and again.
 */
export const CHUNK_WINDOW = 8;
/** How long a held-back chunk waits before looking again (a delayed job: no worker slot is held). */
const HOLD_BACK_MS = 200;

/**
 * Finished notify jobs of an announcement are kept only briefly: the delivery row, not the job, says it went out
 * (send.ts returns at once for a row no longer pending), so a re-add after removal sends nothing twice.
 */
const announcementJobOptions = { ...notifyJobOptions, removeOnComplete: { age: 600, count: 200 } };

const audienceOf = (b: { target_paths: string[]; who: AudienceSql["who"]; languages: string[]; channels: string[]; target_tags: string[] }): AudienceSql => ({
  paths: b.target_paths,
  tags: b.target_tags,
  who: b.who,
  languages: b.languages,
  channels: b.channels,
});

/**
 * Cuts the audience into chunks, page by page from the database, and queues one job per chunk. Resumable: the
 * chunks already recorded stay, and a second run continues after the last one. A scheduled announcement whose time
 * has not come is left alone (the reconciler queues it again when it is due).
 */
export async function expand(deps: AppDeps, broadcastId: string): Promise<string> {
  const b = await deps.db.selectFrom("broadcasts").selectAll().where("id", "=", broadcastId).executeTakeFirst();
  if (!b || b.status === "cancelled" || b.status === "done" || b.status === "sending") return "nothing to do";
  if (b.status === "scheduled") {
    if (new Date(b.send_at) > new Date()) return "not yet";
    const r = await deps.db
      .updateTable("broadcasts")
      .set({ status: "expanding", updated_at: new Date() })
      .where("id", "=", broadcastId)
      .where("status", "=", "scheduled")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return "nothing to do";
  }
  const last = await deps.db
    .selectFrom("broadcast_chunks")
    .select(["idx", "last_member"])
    .where("broadcast_id", "=", broadcastId)
    .orderBy("idx", "desc")
    .limit(1)
    .executeTakeFirst();
  let idx = last ? last.idx + 1 : 0;
  let after = last?.last_member ?? null;
  const audience = audienceOf(b);
  const size = BROADCAST_LIMITS.chunkSize;
  for (;;) {
    // One statement per page: the chunk boundaries are cut in the database, member ids never travel to this process.
    // uuids have no min/max before PostgreSQL 16; their text in the C collation sorts as they do.
    const page = await sql<{ idx: number; last_member: string; size: number }>`
      WITH page AS (
        SELECT m.id, ((row_number() OVER (ORDER BY m.id) - 1) / ${size}::int)::int AS g
          FROM members m JOIN units u ON u.id = m.unit_id
         WHERE ${inAudience(audience)} ${after ? sql`AND m.id > ${after}::uuid` : sql``}
         ORDER BY m.id LIMIT ${PAGE})
      INSERT INTO broadcast_chunks (broadcast_id, idx, first_member, last_member, size)
      SELECT ${broadcastId}::uuid, ${idx}::int + g, min(id::text COLLATE "C")::uuid, max(id::text COLLATE "C")::uuid, count(*)::int
        FROM page GROUP BY g
      ON CONFLICT DO NOTHING
      RETURNING idx, last_member, size`.execute(deps.db);
    const chunks = page.rows.sort((x, y) => x.idx - y.idx);
    const members = chunks.reduce((n, c) => n + c.size, 0);
    if (chunks.length > 0) {
      idx = (chunks[chunks.length - 1] as { idx: number }).idx + 1;
      // A failed add is not fatal: the reconciler queues the window a little later.
      await queueWindow(deps, broadcastId).catch(() => undefined);
    }
    if (members < PAGE) break;
    after = (chunks[chunks.length - 1] as { last_member: string }).last_member;
    // a cancel during a long expansion stops it here
    const now = await deps.db.selectFrom("broadcasts").select("status").where("id", "=", broadcastId).executeTakeFirst();
    if (now?.status !== "expanding") return "stopped";
  }
  await deps.db
    .updateTable("broadcasts")
    .set({ status: "sending", expanded_at: new Date(), chunk_count: idx, updated_at: new Date() })
    .where("id", "=", broadcastId)
    .where("status", "=", "expanding")
    .execute();
  return `${idx} chunks`;
}

/**
 * One chunk: its members' delivery rows (unique per announcement, member and channel, so a second run adds none),
 * then its outbound rows on notify's queue, where the deployment's sending rate applies. Written under a share lock
 * on the announcement, so a cancel (which takes it exclusively) either comes first and nothing is written, or after,
 * and finds the rows to stop.
 */
export async function processChunk(deps: AppDeps, data: ChunkJob, job?: Job, token?: string): Promise<string> {
  const chunk = await deps.db
    .selectFrom("broadcast_chunks")
    .selectAll()
    .where("broadcast_id", "=", data.broadcastId)
    .where("idx", "=", data.idx)
    .executeTakeFirst();
  if (!chunk || chunk.done_at) return "done";
  if (job && token) {
    const backlog = await notifyQueue.on(deps.queues).getWaitingCount();
    if (backlog > NOTIFY_BACKLOG_MAX) {
      await job.moveToDelayed(Date.now() + HOLD_BACK_MS, token);
      throw new DelayedError();
    }
  }
  const settings = await loadNotifySettings(deps.db);
  const written = await deps.db.transaction().execute(async (tx) => {
    const b = await tx
      .selectFrom("broadcasts as b")
      .innerJoin("units as su", "su.id", "b.unit_id")
      .select(["b.id", "b.status", "b.title", "b.target_paths", "b.who", "b.languages", "b.channels", "b.target_tags", "su.name as unit"])
      .where("b.id", "=", data.broadcastId)
      .forShare("b")
      .executeTakeFirst();
    if (!b || b.status === "cancelled") return false;
    const a = audienceOf(b);
    const link = broadcastLink(b.id);
    const params = JSON.stringify({ title: b.title, unit: b.unit, url: `https://zalo.me/s/${deps.config.zalo.appId}${link}` });
    const oa = a.channels.includes("oa");
    const zns = a.channels.includes("zns");
    const now = new Date();
    await sql`
      INSERT INTO deliveries (source_module, source_id, dedupe_key, recipient_id, channel, status, type, params, link, sent_at, queued_at, last_error, template_fallback)
      SELECT 'broadcasts', ${b.id}::text, 'a', m.id, ch.channel, ch.status, ch.type, ${params}::jsonb, ${link}, ch.at, ch.at, ch.reason, ${zns}
        FROM ${audienceFrom} ${channelReasons(a, settings)}
       CROSS JOIN LATERAL (VALUES
         ('in_app', 'sent', 'broadcasts.feed', ${now}::timestamptz, NULL::text),
         (CASE WHEN ${oa} THEN 'oa_cs' END, CASE WHEN ro.oa_reason IS NULL THEN 'pending' ELSE 'skipped' END, 'broadcasts.message', NULL, ro.oa_reason),
         (CASE WHEN ${zns} AND rz.zns_reason IS DISTINCT FROM 'by_oa' THEN 'template' END,
          CASE WHEN rz.zns_reason IS NULL THEN 'pending' ELSE 'skipped' END, 'broadcasts.message', NULL, rz.zns_reason)
       ) AS ch(channel, status, type, at, reason)
       WHERE m.id BETWEEN ${chunk.first_member}::uuid AND ${chunk.last_member}::uuid AND ${inAudience(a)} AND ch.channel IS NOT NULL
      ON CONFLICT (source_module, source_id, dedupe_key, recipient_id, channel) DO NOTHING`.execute(tx);
    return true;
  });
  if (written) await enqueueChunk(deps, data.broadcastId, chunk.first_member, chunk.last_member);
  await deps.db.updateTable("broadcast_chunks").set({ done_at: new Date() }).where("broadcast_id", "=", data.broadcastId).where("idx", "=", data.idx).execute();
  // the window moves on; a chunk not recorded yet (the expansion is still paging) is queued by it or by the reconciler
  if (written) await queueChunks(deps, [{ broadcastId: data.broadcastId, idx: data.idx + CHUNK_WINDOW }]).catch(() => undefined);
  return written ? "written" : "cancelled";
}

/** Adds chunk jobs; each id says which chunk, so a chunk queued or running already is not added twice. */
export function queueChunks(deps: AppDeps, chunks: ChunkJob[]): Promise<unknown> {
  if (chunks.length === 0) return Promise.resolve();
  return within(
    fanoutQueue.addBulk(
      deps.queues,
      chunks.map((c) => ({ name: "chunk" as const, data: c, opts: { ...fanoutJobOptions, jobId: chunkJobId(c.broadcastId, c.idx) } })),
    ),
    10_000,
  );
}

/** The first CHUNK_WINDOW chunks not done of announcements (all open ones when none given), as jobs. */
export async function queueWindow(deps: AppDeps, broadcastId?: string, olderThanS = 0): Promise<number> {
  const rows = await sql<{ broadcast_id: string; idx: number }>`
    SELECT b.id AS broadcast_id, c.idx FROM broadcasts b
     CROSS JOIN LATERAL (SELECT c.idx FROM broadcast_chunks c
                          WHERE c.broadcast_id = b.id AND c.done_at IS NULL AND c.created_at < now() - make_interval(secs => ${olderThanS})
                          ORDER BY c.idx LIMIT ${CHUNK_WINDOW}) c
     WHERE b.status IN ('expanding', 'sending') ${broadcastId ? sql`AND b.id = ${broadcastId}::uuid` : sql``}
     LIMIT 2000`.execute(deps.db);
  await queueChunks(
    deps,
    rows.rows.map((r) => ({ broadcastId: r.broadcast_id, idx: r.idx })),
  );
  return rows.rows.length;
}

/**
 * The chunk's outbound rows not yet queued, on notify's queue in batch jobs (a job per NOTIFY_BATCH deliveries, never
 * one per member); a failure is left to the reconcilers.
 */
async function enqueueChunk(deps: AppDeps, broadcastId: string, first: string, last: string): Promise<void> {
  const rows = await deps.db
    .selectFrom("deliveries")
    .select("id")
    .where("source_module", "=", "broadcasts")
    .where("source_id", "=", broadcastId)
    .where("dedupe_key", "=", "a")
    .where("recipient_id", ">=", first)
    .where("recipient_id", "<=", last)
    .where("channel", "!=", "in_app")
    .where("status", "=", "pending")
    .where("queued_at", "is", null)
    .orderBy("id")
    .execute();
  await enqueueDeliveries(
    deps,
    rows.map((r) => r.id),
    announcementJobOptions,
  );
}
