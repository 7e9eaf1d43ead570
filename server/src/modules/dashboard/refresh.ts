import { sql, type RawBuilder } from "kysely";
import { LOCKS } from "../../db/advisory-lock.js";
import type { Db } from "../../db/pool.js";
import { audienceAdmitsSql, unitAndAncestorsSql } from "../content/access.js";

/** A late commit (a transaction that began before the last refresh) is still seen when it is younger than this. */
const OVERLAP_MS = 10 * 60_000;
/** Even the incremental part is rebuilt from scratch this often, whatever a watermark could have missed. */
const FULL_EVERY_MS = 6 * 3600_000;

export interface RefreshResult {
  /** Another worker was refreshing: this run changed nothing. */
  skipped: boolean;
  full: boolean;
  /** Item rows written (all of them on a full rebuild). */
  items: number;
  /** Summary rows after the refresh. */
  facts: number;
  ms: number;
}

const localDay = (col: RawBuilder<unknown>) => sql`(${col} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/**
 * What each fact counts, one row per thing counted, with the unit it counts for and its Lào Cai day. They depend on
 * members' present unit, status and profile tags, which carry no change time: these are recomputed in full, and only the
 * rows whose count changed are written.
 * - registered / confirmed / seen: members by the day they registered, were confirmed, were last seen;
 * - studied (key: the resolution): confirmed members who studied a resolution meant for them (the content module's
 *   audience rule: its units and target tags), by the day they studied it;
 * - studies: the same for all resolutions together (the monthly series);
 * - eligible (key: the resolution): confirmed members a tagged resolution is meant for, by the day they were confirmed
 *   (an untagged one is for every confirmed member of its units: the dashboard reads `confirmed` for those);
 * - received / resolved: feedback items by the day they reached the Hội from the unit, and the day they were resolved
 *   (read off `dashboard_items`, refreshed first);
 * - act: something happened in the unit in the app (an item sent from it or handled by it, an announcement it sent, a
 *   contest entry of its member); a member seen is `seen`.
 */
function factSources(): RawBuilder<unknown> {
  const meant = audienceAdmitsSql("a", unitAndAncestorsSql(sql<string>`u.path`), sql<string[]>`COALESCE(m.profile_tags, '{}')`);
  return sql`
    SELECT 'registered' AS fact, m.unit_id, ${localDay(sql`m.created_at`)} AS d, '' AS key FROM members m WHERE m.unit_id IS NOT NULL
    UNION ALL
    SELECT 'confirmed', m.unit_id, ${localDay(sql`COALESCE(m.membership_confirmed_at, m.created_at)`)}, '' FROM members m
     WHERE m.unit_id IS NOT NULL AND m.membership_status = 'confirmed'
    UNION ALL
    SELECT 'seen', m.unit_id, ${localDay(sql`m.last_seen_at`)}, '' FROM members m WHERE m.unit_id IS NOT NULL AND m.last_seen_at IS NOT NULL
    UNION ALL
    SELECT 'studied', m.unit_id, ${localDay(sql`ar.studied_at`)}, a.id::text
      FROM articles a JOIN article_reads ar ON ar.article_id = a.id AND ar.studied_at IS NOT NULL
      JOIN members m ON m.id = ar.member_id AND m.membership_status = 'confirmed' JOIN units u ON u.id = m.unit_id
     WHERE a.kind = 'nghi_quyet' AND ${meant}

    UNION ALL
    SELECT 'eligible', m.unit_id, ${localDay(sql`COALESCE(m.membership_confirmed_at, m.created_at)`)}, a.id::text
      FROM articles a JOIN members m ON m.membership_status = 'confirmed' JOIN units u ON u.id = m.unit_id
     WHERE a.kind = 'nghi_quyet' AND cardinality(a.tags) > 0 AND ${meant}
    UNION ALL
    SELECT 'received', i.origin_unit_id, ${localDay(sql`i.created_at`)}, '' FROM dashboard_items i
    UNION ALL
    SELECT 'resolved', i.origin_unit_id, ${localDay(sql`i.resolved_at`)}, '' FROM dashboard_items i WHERE i.resolved_at IS NOT NULL
    UNION ALL
    SELECT 'act', x.unit_id, ${localDay(sql`x.at`)}, '' FROM (
      SELECT origin_unit_id AS unit_id, created_at AS at FROM submissions
      UNION ALL SELECT unit_id, acknowledged_at FROM assignments WHERE acknowledged_at IS NOT NULL
      UNION ALL SELECT unit_id, resolved_at FROM assignments WHERE resolved_at IS NOT NULL
      UNION ALL SELECT unit_id, send_at FROM broadcasts WHERE status IN ('sending', 'done') AND send_at IS NOT NULL
      UNION ALL SELECT m.unit_id, e.submitted_at FROM contest_entries e JOIN members m ON m.id = e.member_id WHERE m.unit_id IS NOT NULL) x`;
}

/** Facts read as "everything before the end of the period" (registered, confirmed, studied by then). */
const CUMULATIVE = ["registered", "confirmed", "studied", "eligible"];

/**
 * Grain c: for a cumulative fact, everything before the 1st of each month, from the month after its first until the
 * month after this one. "Before the end of the period" is then one row per unit and the loose days of the last month.
 */
function runningTotals(): RawBuilder<unknown> {
  return sql`
    WITH monthly AS (SELECT fact, unit_id, key, date_trunc('month', d)::date AS month, sum(n) AS n FROM days
                      WHERE fact = ANY(${CUMULATIVE}::text[]) GROUP BY 1, 2, 3, 4),
    series AS (SELECT fact, unit_id, key, min(month) AS first FROM monthly GROUP BY 1, 2, 3)
    SELECT s.fact, s.unit_id, s.key, g::date AS day,
           (sum(COALESCE(m.n, 0)) OVER (PARTITION BY s.fact, s.unit_id, s.key ORDER BY g))::bigint AS n
      FROM series s
     CROSS JOIN generate_series(s.first + interval '1 month', date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') + interval '1 month', interval '1 month') g
      LEFT JOIN monthly m ON m.fact = s.fact AND m.unit_id = s.unit_id AND m.key = s.key AND m.month = (g - interval '1 month')::date`;
}

/** Recomputes every fact into a temporary table and writes only the difference (rows gone, rows whose count moved). */
async function refreshFacts(tx: Db): Promise<number> {
  await sql`
    CREATE TEMP TABLE dash_fresh ON COMMIT DROP AS
    WITH counted AS MATERIALIZED (SELECT fact, unit_id, key, d, count(*)::bigint AS n FROM (${factSources()}) src GROUP BY 1, 2, 3, 4),
    days AS MATERIALIZED (
      SELECT * FROM counted
      UNION ALL SELECT 'studies', unit_id, '', d, sum(n)::bigint FROM counted WHERE fact = 'studied' GROUP BY unit_id, d)
    SELECT fact, 'd'::"char" AS grain, d AS day, unit_id, key, n FROM days
    UNION ALL SELECT fact, 'm'::"char", date_trunc('month', d)::date, unit_id, key, sum(n)::bigint FROM days GROUP BY 1, 3, 4, 5
    UNION ALL SELECT fact, 'y'::"char", date_trunc('year', d)::date, unit_id, key, sum(n)::bigint FROM days GROUP BY 1, 3, 4, 5
    UNION ALL SELECT fact, 'c'::"char", day, unit_id, key, n FROM (${runningTotals()}) c WHERE n > 0`.execute(tx);
  await sql`ANALYZE dash_fresh`.execute(tx);
  await sql`
    DELETE FROM dashboard_facts f WHERE NOT EXISTS (
      SELECT 1 FROM dash_fresh x WHERE x.fact = f.fact AND x.grain = f.grain AND x.day = f.day AND x.unit_id = f.unit_id AND x.key = f.key)`.execute(tx);
  await sql`
    INSERT INTO dashboard_facts (fact, grain, day, unit_id, key, n) SELECT fact, grain, day, unit_id, key, n FROM dash_fresh
    ON CONFLICT (fact, key, grain, day, unit_id) DO UPDATE SET n = excluded.n WHERE dashboard_facts.n <> excluded.n`.execute(tx);
  const c = await sql<{ n: string }>`SELECT count(*) AS n FROM dash_fresh`.execute(tx);
  await sql`DROP TABLE dash_fresh`.execute(tx);
  return Number(c.rows[0]?.n ?? 0);
}

/**
 * The items as the figures read them. `since` null: every item (a full rebuild); else those touched since then: the
 * item itself, its events, its assignments or its rating, each of which carries the time it was written.
 */
async function refreshItems(tx: Db, since: Date | null): Promise<number> {
  const which = since
    ? sql`s.id IN (
        SELECT id FROM submissions WHERE updated_at >= ${since} OR created_at >= ${since}
        UNION SELECT submission_id FROM submission_events WHERE created_at >= ${since}
        UNION SELECT submission_id FROM assignments WHERE created_at >= ${since} OR acknowledged_at >= ${since} OR resolved_at >= ${since}
        UNION SELECT submission_id FROM submission_ratings WHERE rated_at >= ${since})`
    : sql`true`;
  if (!since) await sql`DELETE FROM dashboard_items`.execute(tx);
  const r = await sql`
    WITH s AS MATERIALIZED (SELECT s.* FROM submissions s WHERE ${which}),
    ev AS (
      SELECT e.submission_id,
             min(e.created_at) FILTER (WHERE e.type IN ('acknowledged', 'replied', 'resolved')) AS first_answer_at,
             array_agg(e.created_at ORDER BY e.created_at) FILTER (WHERE e.type = 'escalated') AS escalated_at,
             min(e.created_at) FILTER (WHERE e.type = 'petition_lifted') AS lifted_at
        FROM submission_events e WHERE e.submission_id IN (SELECT id FROM s) GROUP BY e.submission_id),
    asg AS (
      SELECT a.submission_id, max(a.due_at) FILTER (WHERE a.reason = 'primary') AS due_at, min(a.acknowledged_at) AS first_contact_at
        FROM assignments a WHERE a.submission_id IN (SELECT id FROM s) GROUP BY a.submission_id),
    oa AS (SELECT DISTINCT k.submission_id FROM submission_keys k WHERE k.key LIKE 'oa-chat.%' AND k.submission_id IN (SELECT id FROM s))
    INSERT INTO dashboard_items (submission_id, origin_unit_id, category_code, channel, urgent, created_at, resolved_at, due_at, first_answer_at,
                                 first_contact_at, escalated_at, lifted_at, rating, rated_at)
    SELECT s.id, s.origin_unit_id, s.category_code,
           CASE WHEN s.channel <> 'mini_app' THEN 'on_behalf' WHEN oa.submission_id IS NOT NULL THEN 'oa_chat' ELSE 'mini_app' END,
           s.urgent, s.created_at, s.resolved_at, a.due_at, ev.first_answer_at, a.first_contact_at, COALESCE(ev.escalated_at, '{}'), ev.lifted_at,
           rt.rating, rt.rated_at
      FROM s LEFT JOIN ev ON ev.submission_id = s.id LEFT JOIN asg a ON a.submission_id = s.id LEFT JOIN oa ON oa.submission_id = s.id
      LEFT JOIN submission_ratings rt ON rt.submission_id = s.id
    ON CONFLICT (submission_id) DO UPDATE SET
      origin_unit_id = excluded.origin_unit_id, category_code = excluded.category_code, channel = excluded.channel, urgent = excluded.urgent,
      created_at = excluded.created_at, resolved_at = excluded.resolved_at, due_at = excluded.due_at, first_answer_at = excluded.first_answer_at,
      first_contact_at = excluded.first_contact_at, escalated_at = excluded.escalated_at, lifted_at = excluded.lifted_at,
      rating = excluded.rating, rated_at = excluded.rated_at`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Brings the dashboard's summaries up to date in one transaction (a reader sees the previous figures or the new ones,
 * never half), under a transaction advisory lock: a second worker arriving meanwhile skips its round. Idempotent:
 * running it again over unchanged tables writes nothing but the refresh time.
 */
export async function refreshDashboard(db: Db, opts: { full?: boolean } = {}): Promise<RefreshResult> {
  const t0 = performance.now();
  return db.transaction().execute(async (tx) => {
    const lock = await sql<{ ok: boolean; now: Date }>`SELECT pg_try_advisory_xact_lock(${LOCKS.dashboardRefresh}) AS ok, now() AS now`.execute(tx);
    const row = lock.rows[0];
    if (!row?.ok) return { skipped: true, full: false, items: 0, facts: 0, ms: performance.now() - t0 };
    const now = new Date(row.now);
    const state = await tx.selectFrom("dashboard_refresh").selectAll().where("id", "=", 1).executeTakeFirst();
    const full = opts.full === true || !state || now.getTime() - new Date(state.full_at).getTime() >= FULL_EVERY_MS;
    const items = await refreshItems(tx, full || !state ? null : new Date(new Date(state.items_watermark).getTime() - OVERLAP_MS));
    const facts = await refreshFacts(tx);
    // the planner must know how big the summaries are, or it loops over them (they start empty and grow in one step)
    await sql`ANALYZE dashboard_facts, dashboard_items`.execute(tx);
    const ms = performance.now() - t0;
    await tx
      .insertInto("dashboard_refresh")
      .values({ id: 1, refreshed_at: now, items_watermark: now, full_at: full ? now : new Date(state?.full_at ?? now), took_ms: Math.round(ms) })
      .onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({
        refreshed_at: eb.ref("excluded.refreshed_at"), items_watermark: eb.ref("excluded.items_watermark"), full_at: eb.ref("excluded.full_at"), took_ms: eb.ref("excluded.took_ms"),
      })))
      .execute();
    return { skipped: false, full, items, facts, ms };
  });
}

/** When the figures were last refreshed; null before the first refresh. */
export async function refreshedAt(db: Db): Promise<Date | null> {
  const r = await db.selectFrom("dashboard_refresh").select("refreshed_at").where("id", "=", 1).executeTakeFirst();
  return r ? new Date(r.refreshed_at) : null;
}
