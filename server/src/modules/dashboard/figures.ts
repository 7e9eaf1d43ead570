import { sql, type RawBuilder } from "kysely";
import { dashboardSpans, dayAfter, type DashboardSpan } from "@hoiso/shared";
import type { Db } from "../../db/pool.js";
import { audienceAdmitsSql, unitAndAncestorsSql } from "../content/access.js";
import { localDay, type Period } from "./period.js";

/**
 * The dashboard's SQL, one query per section, all over the real tables. Every query starts from `bucket`: each unit
 * (merged ones included, through the unit they were merged into) whose surviving unit lies in the chosen unit's subtree,
 * with the row it counts toward (the child unit whose subtree holds it, or the chosen unit itself for what is attached
 * to it directly). `GROUPING SETS ((row), ())` gives every row and the subtree's total in one pass, so a total is
 * counted once (a cán bộ with roles in two communes is one cán bộ of the province) and medians are true medians.
 */
export interface Root {
  id: string;
  path: string;
  /** Every unit counted in the subtree (merged ones included) and the row each counts toward: see `subtreeOf`. */
  unitIds: string[];
  rowIds: string[];
  /** The path of the unit each counts as (its own, or that of the unit it was merged into). */
  paths: string[];
}

/** Key of the total row in every result map. */
export const TOTAL = "total";

type Rows<T> = Map<string, T>;

/**
 * The subtree read once, a few thousand units at most. It is handed to each query as arrays rather than as a
 * `path LIKE` subquery: the planner guesses a LIKE matches almost nothing and then loops over it once per member or
 * read record (minutes at 1,000,000 reads); an array's length it knows, and it hashes it.
 */
export async function subtreeOf(db: Db, root: { id: string; path: string }): Promise<Root> {
  const r = await sql<{ id: string; row_id: string; path: string }>`
    SELECT u.id, e.path, COALESCE(NULLIF(split_part(substr(e.path, ${root.path.length + 1}), '/', 1), ''), ${root.id}::text) AS row_id
      FROM units u JOIN units e ON e.id = COALESCE(u.merged_into, u.id)
     WHERE e.path LIKE ${`${root.path}%`}`.execute(db);
  return { ...root, unitIds: r.rows.map((x) => x.id), rowIds: r.rows.map((x) => x.row_id), paths: r.rows.map((x) => x.path) };
}

function bucket(root: Root): RawBuilder<unknown> {
  return sql`bucket AS MATERIALIZED (SELECT * FROM unnest(${root.unitIds}::uuid[], ${root.rowIds}::text[], ${root.paths}::text[]) AS b(unit_id, row_id, path))`;
}

/** Unit ids of `path` and its ancestors, for matching a unit to the chi hội or commune above it by equality. */
const ancestors = (path: RawBuilder<unknown>) => sql`unnest(string_to_array(trim(both '/' from ${path}), '/'))::uuid`;

const n = (v: unknown): number => Number(v ?? 0);
const key = (rowId: string | null): string => rowId ?? TOTAL;

function byRow<R extends { row_id: string | null }, T>(rows: R[], map: (r: R) => T): Rows<T> {
  return new Map(rows.map((r) => [key(r.row_id), map(r)]));
}

export interface MemberFigures { registered: number; confirmed: number; active30: number; canBo: number }

/** The period's edges as Lào Cai days: [from, until) with `until` the day after `to`. */
const untilOf = (p: Period): string => dayAfter(p.to);

/**
 * Everything before `until`: the running total (grain c) at the 1st of its month, then the loose days. Running totals
 * go as far as the month after this one; a later end reads the months between as well.
 */
function before(until: string): RawBuilder<boolean> {
  const nextMonth = dayAfter(`${localDay(new Date()).slice(0, 7)}-01`, 32).slice(0, 7);
  const c = `${(until.slice(0, 7) < nextMonth ? until : nextMonth).slice(0, 7)}-01`;
  return sql<boolean>`((f.grain = 'c' AND f.day = ${c}::date) OR ${inSpans(dashboardSpans(c, until))})`;
}

/** Summary rows of `facts` inside the spans (`f` is dashboard_facts); false when there is none. */
function inSpans(spans: DashboardSpan[]): RawBuilder<boolean> {
  if (spans.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(spans.map((s) => sql`(f.grain = ${s.grain} AND f.day >= ${s.from}::date AND f.day < ${s.to}::date)`), sql` OR `)})`;
}

/**
 * "Active in the last 30 days" as whole Lào Cai days: the 30 days that end with the day of `asOf` (or just before it,
 * when `asOf` is a midnight, as at the end of a past period).
 */
function last30(p: Period): DashboardSpan[] {
  const day = localDay(p.asOf);
  const until = new Date(`${day}T00:00:00+07:00`).getTime() === p.asOf.getTime() ? day : dayAfter(day);
  return dashboardSpans(dayAfter(until, -30), until);
}

export async function memberFigures(db: Db, root: Root, p: Period): Promise<Rows<MemberFigures>> {
  const byEnd = before(untilOf(p));
  const members = await sql<{ row_id: string | null; registered: string; confirmed: string; active30: string }>`
    WITH ${bucket(root)}
    SELECT b.row_id,
           sum(f.n) FILTER (WHERE f.fact = 'registered' AND ${byEnd}) AS registered,
           sum(f.n) FILTER (WHERE f.fact = 'confirmed' AND ${byEnd}) AS confirmed,
           sum(f.n) FILTER (WHERE f.fact = 'seen') AS active30
      FROM dashboard_facts f JOIN bucket b ON b.unit_id = f.unit_id
     WHERE (f.fact IN ('registered', 'confirmed') AND ${byEnd}) OR (f.fact = 'seen' AND ${inSpans(last30(p))})
     GROUP BY GROUPING SETS ((b.row_id), ())`.execute(db);
  const canBo = await sql<{ row_id: string | null; n: string }>`
    WITH ${bucket(root)}
    SELECT b.row_id, count(DISTINCT r.member_id) AS n FROM roles r JOIN bucket b ON b.unit_id = r.unit_id
     GROUP BY GROUPING SETS ((b.row_id), ())`.execute(db);
  const cb = byRow(canBo.rows, (r) => n(r.n));
  const out = byRow(members.rows, (r) => ({ registered: n(r.registered), confirmed: n(r.confirmed), active30: n(r.active30), canBo: 0 }));
  for (const [k, v] of cb) out.set(k, { ...(out.get(k) ?? { registered: 0, confirmed: 0, active30: 0 }), canBo: v });
  return out;
}

export interface Resolution { id: string; title: string }

/** The resolutions (Nghị quyết) published by the end of the period, newest first. */
export async function resolutionsOf(db: Db, p: Period): Promise<Resolution[]> {
  const r = await sql<Resolution>`
    SELECT a.id, COALESCE(v.title, '') AS title FROM articles a
      LEFT JOIN article_variants v ON v.article_id = a.id AND v.language = 'vi'
     WHERE a.kind = 'nghi_quyet' AND a.status = 'published' AND COALESCE(a.publish_at, a.created_at) < ${p.end}
     ORDER BY COALESCE(a.publish_at, a.created_at) DESC, a.id LIMIT 12`.execute(db);
  return r.rows;
}

/** Per row and resolution: who it is meant for and who had studied it by the end of the period, members and cán bộ. */
export interface StudyCell { members: number; membersStudied: number; canBo: number; canBoStudied: number }

/**
 * A resolution counts only the people it is meant for: the content module's audience rule (its units, its target
 * tags) decides, as it decides what she may read. Members come from the summaries (a tagged resolution has its own
 * `eligible` count; an untagged one is for every confirmed member of its units); cán bộ, a few per unit, are read live
 * from their roles, each counted where her role is and once in the total.
 */
export async function studyFigures(db: Db, root: Root, p: Period, ids: string[]): Promise<Rows<Map<string, StudyCell>>> {
  const out: Rows<Map<string, StudyCell>> = new Map();
  if (ids.length === 0) return out;
  const cell = (row: string, article: string) => {
    let m = out.get(row);
    if (!m) out.set(row, (m = new Map()));
    let c = m.get(article);
    if (!c) m.set(article, (c = { members: 0, membersStudied: 0, canBo: 0, canBoStudied: 0 }));
    return c;
  };
  const byEnd = before(untilOf(p));
  const facts = await sql<{ row_id: string | null; article_id: string; studied: string | null; eligible: string | null }>`
    WITH ${bucket(root)}
    SELECT b.row_id, f.key AS article_id, sum(f.n) FILTER (WHERE f.fact = 'studied') AS studied, sum(f.n) FILTER (WHERE f.fact = 'eligible') AS eligible
      FROM dashboard_facts f JOIN bucket b ON b.unit_id = f.unit_id
     WHERE f.fact IN ('studied', 'eligible') AND f.key = ANY(${ids}::text[]) AND ${byEnd}
     GROUP BY GROUPING SETS ((b.row_id, f.key), (f.key))`.execute(db);
  for (const r of facts.rows) {
    const c = cell(key(r.row_id), r.article_id);
    c.membersStudied = n(r.studied);
    c.members = n(r.eligible);
  }
  const untagged = await sql<{ row_id: string | null; article_id: string; n: string }>`
    WITH ${bucket(root)},
    conf AS (SELECT f.unit_id, sum(f.n) AS n FROM dashboard_facts f JOIN bucket b ON b.unit_id = f.unit_id
              WHERE f.fact = 'confirmed' AND ${byEnd} GROUP BY f.unit_id)
    SELECT b.row_id, a.id::text AS article_id, sum(c.n) AS n
      FROM conf c JOIN bucket b ON b.unit_id = c.unit_id
      JOIN articles a ON a.id = ANY(${ids}::uuid[]) AND cardinality(a.tags) = 0
       AND ${audienceAdmitsSql("a", unitAndAncestorsSql(sql<string>`b.path`), sql<string[]>`'{}'::text[]`)}
     GROUP BY GROUPING SETS ((b.row_id, a.id), (a.id))`.execute(db);
  for (const r of untagged.rows) cell(key(r.row_id), r.article_id).members = n(r.n);
  const canBo = await sql<{ row_id: string | null; article_id: string; eligible: string; studied: string }>`
    WITH ${bucket(root)},
    cb AS (SELECT DISTINCT r.member_id, b.row_id, b.path FROM roles r JOIN bucket b ON b.unit_id = r.unit_id)
    SELECT cb.row_id, a.id::text AS article_id, count(DISTINCT cb.member_id) AS eligible,
           count(DISTINCT cb.member_id) FILTER (WHERE ar.studied_at < ${p.end}) AS studied
      FROM cb JOIN members m ON m.id = cb.member_id
      JOIN articles a ON a.id = ANY(${ids}::uuid[])
       AND ${audienceAdmitsSql("a", unitAndAncestorsSql(sql<string>`cb.path`), sql<string[]>`COALESCE(m.profile_tags, '{}')`)}
      LEFT JOIN article_reads ar ON ar.article_id = a.id AND ar.member_id = cb.member_id
     GROUP BY GROUPING SETS ((cb.row_id, a.id), (a.id))`.execute(db);
  for (const r of canBo.rows) {
    const c = cell(key(r.row_id), r.article_id);
    c.canBo = n(r.eligible);
    c.canBoStudied = n(r.studied);
  }
  return out;
}

/**
 * Chi hội using IT: an active chi hội is counted as using the app in the period when something happened in its
 * subtree: a member opened the app, an item was sent from it or handled by it, it sent an announcement, a member took
 * part in a contest (the `seen` and `act` summaries).
 */
export async function itFigures(db: Db, root: Root, p: Period): Promise<Rows<{ branches: number; active: number }>> {
  const r = await sql<{ row_id: string | null; branches: string; active: string }>`
    WITH ${bucket(root)},
    chi AS (SELECT u.id, b.row_id FROM units u JOIN bucket b ON b.unit_id = u.id WHERE u.level = 'chi_hoi' AND u.active),
    acts AS (SELECT DISTINCT b.path FROM dashboard_facts f JOIN bucket b ON b.unit_id = f.unit_id
              WHERE f.fact IN ('seen', 'act') AND ${inSpans(dashboardSpans(p.from, untilOf(p)))}),
    act_units AS (SELECT DISTINCT ${ancestors(sql`acts.path`)} AS id FROM acts)
    SELECT c.row_id, count(*) AS branches, count(au.id) AS active
      FROM chi c LEFT JOIN act_units au ON au.id = c.id GROUP BY GROUPING SETS ((c.row_id), ())`.execute(db);
  return byRow(r.rows, (x) => ({ branches: n(x.branches), active: n(x.active) }));
}

/** Distinct members (by the unit they belong to now) who entered a contest (not a practice quiz) in the period. */
export async function contestFigures(db: Db, root: Root, p: Period): Promise<Rows<number>> {
  const r = await sql<{ row_id: string | null; n: string }>`
    WITH ${bucket(root)}
    SELECT b.row_id, count(DISTINCT e.member_id) AS n
      FROM contest_entries e JOIN contest_rounds cr ON cr.id = e.round_id JOIN contests c ON c.id = cr.contest_id AND c.kind = 'contest'
      JOIN members m ON m.id = e.member_id JOIN bucket b ON b.unit_id = m.unit_id
     WHERE e.submitted_at >= ${p.start} AND e.submitted_at < ${p.end}
     GROUP BY GROUPING SETS ((b.row_id), ())`.execute(db);
  return byRow(r.rows, (x) => n(x.n));
}

/**
 * The items received in the period from the subtree (the refreshed `dashboard_items`), each as it stood at the end of
 * the period: answered, escalated, lifted, rated and resolved only by then.
 */
function items(root: Root, p: Period): RawBuilder<unknown> {
  return sql`${bucket(root)},
    x AS (
      SELECT i.submission_id AS id, b.row_id, i.category_code, i.urgent, i.created_at, i.channel,
             CASE WHEN i.first_answer_at < ${p.end} THEN i.first_answer_at END AS first_answer,
             CASE WHEN cardinality(i.escalated_at) = 0 THEN 0 ELSE (SELECT count(*) FROM unnest(i.escalated_at) t WHERE t < ${p.end}) END AS escalations,
             COALESCE(i.lifted_at < ${p.end}, false) AS lifted,
             i.due_at, i.first_contact_at AS first_contact,
             CASE WHEN i.rated_at < ${p.end} THEN i.rating END AS rating,
             (i.resolved_at < ${p.end}) AS is_resolved,
             (i.resolved_at < ${p.end} AND i.resolved_at <= i.due_at) AS on_time,
             (i.due_at IS NOT NULL AND (i.resolved_at < ${p.end} OR i.due_at < ${p.asOf})) AS is_due
        FROM dashboard_items i JOIN bucket b ON b.unit_id = i.origin_unit_id
       WHERE i.created_at >= ${p.start} AND i.created_at < ${p.end})`;
}

export interface FeedbackFigures {
  received: number;
  byChannel: { mini_app: number; oa_chat: number; on_behalf: number };
  resolved: number;
  due: number;
  onTime: number;
  medianFirstAnswerHours: number | null;
  escalations: number;
  ratings: { hai_long: number; binh_thuong: number; chua_hai_long: number };
  petitionsLifted: number;
  urgent: number;
  medianFirstContactMinutes: number | null;
}

const rounded = (v: unknown, div: number): number | null => (v === null || v === undefined ? null : Math.round((Number(v) / div) * 10) / 10);

/**
 * The feedback figures of every row and the total, and the counts by category, in one pass over the period's items
 * (`GROUPING SETS`: the rows, the total, the categories).
 */
export async function feedbackFigures(db: Db, root: Root, p: Period): Promise<{ rows: Rows<FeedbackFigures>; categories: CategoryFigures[] }> {
  const r = await sql<Record<string, string | null> & { row_id: string | null; category_code: string | null; by_category: number }>`
    WITH ${items(root, p)}
    SELECT row_id, category_code, GROUPING(category_code) = 0 AS by_category, count(*) AS received,
           count(*) FILTER (WHERE channel = 'mini_app') AS mini_app, count(*) FILTER (WHERE channel = 'oa_chat') AS oa_chat,
           count(*) FILTER (WHERE channel = 'on_behalf') AS on_behalf,
           count(*) FILTER (WHERE is_resolved) AS resolved, count(*) FILTER (WHERE is_due) AS due, count(*) FILTER (WHERE on_time) AS on_time,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_answer - created_at)) AS answer_s,
           sum(escalations) AS escalations, count(*) FILTER (WHERE lifted) AS lifted, count(*) FILTER (WHERE urgent) AS urgent,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_contact - created_at)) FILTER (WHERE urgent) AS contact_s,
           count(*) FILTER (WHERE rating = 'hai_long') AS hai_long, count(*) FILTER (WHERE rating = 'binh_thuong') AS binh_thuong,
           count(*) FILTER (WHERE rating = 'chua_hai_long') AS chua_hai_long
      FROM x GROUP BY GROUPING SETS ((row_id), (), (category_code))`.execute(db);
  const rows = byRow(r.rows.filter((x) => !x.by_category), (x) => ({
    received: n(x.received),
    byChannel: { mini_app: n(x.mini_app), oa_chat: n(x.oa_chat), on_behalf: n(x.on_behalf) },
    resolved: n(x.resolved),
    due: n(x.due),
    onTime: n(x.on_time),
    medianFirstAnswerHours: rounded(x.answer_s, 3600),
    escalations: n(x.escalations),
    ratings: { hai_long: n(x.hai_long), binh_thuong: n(x.binh_thuong), chua_hai_long: n(x.chua_hai_long) },
    petitionsLifted: n(x.lifted),
    urgent: n(x.urgent),
    medianFirstContactMinutes: rounded(x.contact_s, 60),
  }));
  const byCode = r.rows.filter((x) => x.by_category && x.category_code !== null);
  const cats = byCode.length
    ? await db.selectFrom("categories").select(["code", "name", "private", "sort"]).where("code", "in", byCode.map((x) => x.category_code!)).execute()
    : [];
  const info = new Map(cats.map((c) => [c.code, c]));
  const categories = byCode
    .map((x) => {
      const c = info.get(x.category_code!);
      return { code: x.category_code!, name: c?.name ?? x.category_code!, private: c?.private ?? false, received: n(x.received), resolved: n(x.resolved), onTime: n(x.on_time), sort: c?.sort ?? null };
    })
    // as the categories are listed everywhere: by their sort, unknown ones last, then by code
    .sort((a, b) => (a.sort ?? Infinity) - (b.sort ?? Infinity) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map(({ sort: _sort, ...c }) => c);
  return { rows, categories };
}

export interface CategoryFigures { code: string; name: string; private: boolean; received: number; resolved: number; onTime: number }

/** Active communes in each row and those with at least one active trusted address in their subtree. */
export async function trustedFigures(db: Db, root: Root): Promise<Rows<{ communes: number; withTrusted: number }>> {
  const r = await sql<{ row_id: string | null; communes: string; with_trusted: string }>`
    WITH ${bucket(root)},
    xa AS (SELECT u.id, b.row_id FROM units u JOIN bucket b ON b.unit_id = u.id WHERE u.level = 'xa' AND u.active),
    tp AS (SELECT DISTINCT ${ancestors(sql`e.path`)} AS id FROM trusted_addresses t JOIN units u ON u.id = t.unit_id
             JOIN units e ON e.id = COALESCE(u.merged_into, u.id) WHERE t.active)
    SELECT xa.row_id, count(*) AS communes, count(tp.id) AS with_trusted
      FROM xa LEFT JOIN tp ON tp.id = xa.id GROUP BY GROUPING SETS ((xa.row_id), ())`.execute(db);
  return byRow(r.rows, (x) => ({ communes: n(x.communes), withTrusted: n(x.with_trusted) }));
}

export interface AnnouncementFigures { sent: number; recipients: number; delivered: number; readers: number }

/** Announcements the row's units sent in the period; each (announcement, member) counts once whatever the channels. */
export async function announcementFigures(db: Db, root: Root, p: Period): Promise<Rows<AnnouncementFigures>> {
  const r = await sql<{ row_id: string | null; sent: string; recipients: string; delivered: string; readers: string }>`
    WITH ${bucket(root)},
    bc AS (SELECT bc.id::text AS id, b.row_id FROM broadcasts bc JOIN bucket b ON b.unit_id = bc.unit_id
            WHERE bc.send_at >= ${p.start} AND bc.send_at < ${p.end} AND bc.status IN ('sending', 'done'))
    SELECT bc.row_id, count(DISTINCT bc.id) AS sent,
           count(DISTINCT d.recipient_id::text || bc.id) AS recipients,
           count(DISTINCT d.recipient_id::text || bc.id) FILTER (WHERE d.status = 'sent') AS delivered,
           count(DISTINCT d.recipient_id::text || bc.id) FILTER (WHERE d.read_at IS NOT NULL) AS readers
      FROM bc LEFT JOIN deliveries d ON d.source_module = 'broadcasts' AND d.source_id = bc.id
     GROUP BY GROUPING SETS ((bc.row_id), ())`.execute(db);
  return byRow(r.rows, (x) => ({ sent: n(x.sent), recipients: n(x.recipients), delivered: n(x.delivered), readers: n(x.readers) }));
}

export interface MonthFigures { month: string; confirmed: number; studied: number; received: number; resolved: number; participants: number; announcements: number }

/**
 * The subtree's monthly series: new confirmed members (and those before the period), studies of resolutions meant for
 * them (all resolutions, not only the latest shown above), items, contests, announcements.
 */
export async function trendFigures(db: Db, root: Root, p: Period): Promise<{ confirmedBefore: number; months: Map<string, MonthFigures> }> {
  const month = (col: RawBuilder<unknown>) => sql`to_char(${col} AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`;
  const inPeriod = inSpans(dashboardSpans(p.from, untilOf(p), "m"));
  const r = await sql<{ month: string | null; what: string; n: string }>`
    WITH ${bucket(root)}
    SELECT NULL AS month, 'confirmed' AS what, COALESCE(sum(f.n), 0) AS n FROM dashboard_facts f JOIN bucket b ON b.unit_id = f.unit_id
     WHERE f.fact = 'confirmed' AND ${before(p.from)}
    UNION ALL SELECT to_char(f.day, 'YYYY-MM'), f.fact, sum(f.n) FROM dashboard_facts f JOIN bucket b ON b.unit_id = f.unit_id
     WHERE f.fact IN ('confirmed', 'received', 'resolved', 'studies') AND f.key = '' AND ${inPeriod}
     GROUP BY 1, 2
    UNION ALL SELECT ${month(sql`e.submitted_at`)}, 'participants', count(DISTINCT e.member_id)
      FROM contest_entries e JOIN contest_rounds cr ON cr.id = e.round_id JOIN contests c ON c.id = cr.contest_id AND c.kind = 'contest'
      JOIN members m ON m.id = e.member_id JOIN bucket b ON b.unit_id = m.unit_id
     WHERE e.submitted_at >= ${p.start} AND e.submitted_at < ${p.end} GROUP BY 1
    UNION ALL SELECT ${month(sql`bc.send_at`)}, 'announcements', count(*) FROM broadcasts bc JOIN bucket b ON b.unit_id = bc.unit_id
     WHERE bc.send_at >= ${p.start} AND bc.send_at < ${p.end} AND bc.status IN ('sending', 'done') GROUP BY 1`.execute(db);
  let confirmedBefore = 0;
  const months = new Map<string, MonthFigures>();
  for (const x of r.rows) {
    if (x.month === null) { confirmedBefore = n(x.n); continue; }
    let m = months.get(x.month);
    if (!m) months.set(x.month, (m = { month: x.month, confirmed: 0, studied: 0, received: 0, resolved: 0, participants: 0, announcements: 0 }));
    (m as unknown as Record<string, number>)[x.what === "studies" ? "studied" : x.what] = n(x.n);
  }
  return { confirmedBefore, months };
}
