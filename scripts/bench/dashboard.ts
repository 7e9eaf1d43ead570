/**
 * Tổng hợp benchmark (issue 17): 99 xã, 1,000 chi hội, 150,000 members, 1,000,000 read records and 100,000 feedback
 * items (with their assignments, first answers and ratings), seeded set-based (generate_series) into a bench database of
 * its own; then the real API process (scripts/start/main.ts, role api) answers the province's dashboard and its Excel
 * export, timed from the client, beside a plain `SELECT count(*) FROM members` timed in the same run (the yardstick).
 *
 *   npm run bench:dashboard [-- --members 150000 --reads 1000000 --items 100000 --runs 20]
 *
 * Prints measured figures only; it asserts nothing but that every answer was a 200. BENCH_KEEP=1 keeps the bench
 * database afterwards (its URL is printed) for EXPLAIN.
 */
import os from "node:os";
import pg from "pg";
import { openDatabase } from "../../server/src/db/pool.js";
import { refreshDashboard, type RefreshResult } from "../../server/src/modules/dashboard/refresh.js";
import { startServerProcess } from "../lib/process.js";
import { numberArg, percentile } from "./load.js";
import { benchServerEnv, createBenchDatabase } from "./setup.js";

const MEMBERS = numberArg("members", 150_000);
const READS = numberArg("reads", 1_000_000);
const ITEMS = numberArg("items", 100_000);
const CHI_HOI = numberArg("chi-hoi", 1_000);
const XA = numberArg("xa", 99);
const RUNS = numberArg("runs", 20);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** Resolutions among the articles: the reads are spread over all of them. */
const ARTICLES = 10;

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await run();
  console.log(`  ${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

async function fill(db: pg.Pool): Promise<void> {
  const year = new Date().getUTCFullYear();
  console.log("seeding (set-based):");
  await timed(`communes up to ${XA}`, () =>
    db.query(`
      WITH p AS (SELECT id, path FROM units WHERE level = 'tinh' LIMIT 1),
           need AS (SELECT greatest(0, $1 - (SELECT count(*) FROM units WHERE level = 'xa' AND active))::int AS n),
           ids AS (SELECT gen_random_uuid() AS id, g FROM need, generate_series(1, need.n) g)
      INSERT INTO units (id, parent_id, level, code, name, kind, path, search_text)
      SELECT ids.id, p.id, 'xa', 'BX' || g, 'Xã thử tải ' || g, 'xã', p.path || ids.id || '/', 'xa thu tai ' || g FROM ids, p`, [XA]),
  );
  await timed(`chi hội up to ${CHI_HOI}`, () =>
    db.query(`
      WITH xa AS (SELECT id, path, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS n FROM units WHERE level = 'xa' AND active),
           need AS (SELECT greatest(0, $1 - (SELECT count(*) FROM units WHERE level = 'chi_hoi' AND active))::int AS n),
           ids AS (SELECT gen_random_uuid() AS id, g FROM need, generate_series(1, need.n) g)
      INSERT INTO units (id, parent_id, level, code, name, path, search_text)
      SELECT ids.id, xa.id, 'chi_hoi', 'BC' || g, 'Chi hội thử tải ' || g, xa.path || ids.id || '/', 'chi hoi thu tai ' || g
        FROM ids JOIN xa ON xa.i = ids.g % xa.n -- 1,000 × 99: small enough for the nested loop`, [CHI_HOI]),
  );
  await timed(`${MEMBERS} members (80% confirmed, 60% seen in the last 90 days), a cán bộ per chi hội, women counts`, async () => {
    await db.query(`
      WITH ch AS (SELECT array_agg(id ORDER BY id) AS ids FROM units WHERE level = 'chi_hoi' AND active)
      INSERT INTO members (name, unit_id, membership_status, membership_confirmed_at, created_at, last_seen_at, zalo_app_user_id)
      SELECT 'Hội viên ' || g, ch.ids[1 + g % cardinality(ch.ids)], CASE WHEN g % 5 = 0 THEN 'pending' ELSE 'confirmed' END,
             CASE WHEN g % 5 = 0 THEN NULL ELSE now() - make_interval(days => g % 700) END,
             now() - make_interval(days => g % 700 + 1),
             CASE WHEN g % 5 < 3 THEN now() - make_interval(days => g % 90) END, 'bench-dash-' || g
        FROM generate_series(1, $1) g CROSS JOIN ch`, [MEMBERS]);
    await db.query(`
      INSERT INTO roles (member_id, unit_id, role)
      SELECT DISTINCT ON (m.unit_id) m.id, m.unit_id, 'can_bo' FROM members m JOIN units u ON u.id = m.unit_id AND u.level = 'chi_hoi' ORDER BY m.unit_id, m.id
      ON CONFLICT DO NOTHING`);
    await db.query(`INSERT INTO unit_women_counts (unit_id, year, women) SELECT id, $1, 180 FROM units WHERE level = 'chi_hoi' AND active ON CONFLICT DO NOTHING`, [year]);
  });
  await timed(`${ARTICLES} resolutions and ${READS} read records (70% studied)`, async () => {
    const t = await db.query<{ id: string }>("SELECT id FROM units WHERE level = 'tinh' LIMIT 1");
    const tinh = t.rows[0]!.id;
    await db.query(`
      WITH a AS (INSERT INTO articles (kind, unit_id, audience, status, publish_at)
                 SELECT 'nghi_quyet', $1::uuid, ARRAY[$1::uuid], 'published', now() - make_interval(days => g * 20) FROM generate_series(1, $2) g RETURNING id)
      INSERT INTO article_variants (article_id, language, title, body, html, excerpt)
      SELECT id, 'vi', 'Nghị quyết thử tải ' || row_number() OVER (), '', '', '' FROM a`, [tinh, ARTICLES]);
    // member g % M reads resolution (g / M) % A: every (article, member) pair at most once
    await db.query(`
      WITH a AS (SELECT array_agg(id ORDER BY id) AS ids FROM articles WHERE kind = 'nghi_quyet' AND status = 'published'),
           m AS (SELECT array_agg(id ORDER BY id) AS ids FROM members WHERE zalo_app_user_id LIKE 'bench-dash-%')
      INSERT INTO article_reads (article_id, member_id, opened_at, studied_at, updated_at)
      SELECT a.ids[1 + (g / cardinality(m.ids)) % cardinality(a.ids)], m.ids[1 + g % cardinality(m.ids)], now() - make_interval(days => g % 300),
             CASE WHEN g % 10 < 7 THEN now() - make_interval(days => g % 300) END, now()
        FROM generate_series(0, $1 - 1) g CROSS JOIN a CROSS JOIN m
      ON CONFLICT DO NOTHING`, [READS]);
  });
  await timed(`${ITEMS} feedback items with their primary assignments, first answers (70%) and ratings (20%)`, async () => {
    await db.query(`
      WITH ch AS (SELECT array_agg(id ORDER BY id) AS ids FROM units WHERE level = 'chi_hoi' AND active),
           cat AS (SELECT array_agg(code ORDER BY code) AS codes FROM categories),
           au AS (SELECT id FROM members WHERE zalo_app_user_id LIKE 'bench-dash-%' ORDER BY id LIMIT 1)
      INSERT INTO submissions (tracking_code, kind, category_code, body, search_text, origin_unit_id, author_id, channel, urgent, status, resolved_at, created_at)
      SELECT 'BD' || g, 'feedback', cat.codes[1 + g % cardinality(cat.codes)], 'Nội dung thử tải', 'noi dung thu tai', ch.ids[1 + g % cardinality(ch.ids)], au.id,
             (ARRAY['mini_app','mini_app','mini_app','dien_thoai','truc_tiep'])[1 + g % 5], g % 97 = 0,
             CASE WHEN g % 10 < 7 THEN 'resolved' ELSE 'forwarded' END,
             CASE WHEN g % 10 < 7 THEN now() - make_interval(days => g % 360) + make_interval(hours => g % 96) END,
             now() - make_interval(days => g % 360)
        FROM generate_series(1, $1) g CROSS JOIN ch CROSS JOIN cat CROSS JOIN au`, [ITEMS]);
    await db.query(`
      INSERT INTO assignments (submission_id, unit_id, reason, sla_hours, due_at, acknowledged_at, resolved_at, created_at)
      SELECT id, origin_unit_id, 'primary', 72, created_at + interval '72 hours',
             CASE WHEN status = 'resolved' THEN created_at + interval '3 hours' END, resolved_at, created_at
        FROM submissions WHERE tracking_code LIKE 'BD%'`);
    await db.query(`
      INSERT INTO submission_events (submission_id, type, message_type, created_at)
      SELECT id, 'acknowledged', 'feedback.acknowledged', created_at + make_interval(hours => 1 + substring(tracking_code from 3)::int % 48)
        FROM submissions WHERE tracking_code LIKE 'BD%' AND status = 'resolved'`);
    await db.query(`
      INSERT INTO submission_ratings (submission_id, unit_id, rating, rated_at)
      SELECT id, origin_unit_id, (ARRAY['hai_long','binh_thuong','chua_hai_long'])[1 + substring(tracking_code from 3)::int % 3], resolved_at
        FROM submissions WHERE tracking_code LIKE 'BD%' AND status = 'resolved' AND substring(tracking_code from 3)::int % 10 < 3`);
    // as the app leaves them: last written when resolved (or sent), not at seeding time
    await db.query(`UPDATE submissions SET updated_at = least(COALESCE(resolved_at, created_at), now()) WHERE tracking_code LIKE 'BD%'`);
  });
  await timed("VACUUM ANALYZE", () => db.query("VACUUM ANALYZE"));
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
function summary(label: string, times: number[]): string {
  const s = [...times].sort((a, b) => a - b);
  return `${label}: n=${s.length} p50 ${ms(percentile(s, 50))}, p95 ${ms(percentile(s, 95))}, max ${ms(s[s.length - 1] ?? NaN)}`;
}

async function main(): Promise<void> {
  console.log(`# bench:dashboard — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}; node ${process.version}; PostgreSQL at ${new URL(ADMIN_URL).host}`);
  const bench = await createBenchDatabase(ADMIN_URL);
  const db = new pg.Pool({ connectionString: bench.url, max: 2 });
  // reads touch no queue; the postgres backend keeps the run off the shared Redis
  const server = startServerProcess(benchServerEnv({ databaseUrl: bench.url, backend: "postgres", redisUrl: "", prefix: `{benchd${Date.now().toString(36)}}` }, { HOISO_ROLE: "api" }));
  let failed = false;
  try {
    await fill(db);
    const c = await db.query<Record<string, string>>(`SELECT (SELECT count(*) FROM units WHERE level = 'xa' AND active) AS xa, (SELECT count(*) FROM units WHERE level = 'chi_hoi' AND active) AS chi_hoi,
      (SELECT count(*) FROM members) AS members, (SELECT count(*) FROM article_reads) AS reads, (SELECT count(*) FROM submissions) AS items`);
    console.log(`data: ${Object.entries(c.rows[0]!).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    // The figures are read from the summaries the dashboard.refresh job keeps; this run has no worker, so it refreshes
    // them itself: the first time in full, then as the job does every few minutes (items by watermark, facts diffed).
    const summaries = openDatabase(bench.url, 2);
    const refreshes: Array<{ what: string; r: RefreshResult }> = [];
    try {
      refreshes.push({ what: "first (full) refresh", r: await refreshDashboard(summaries.db) });
      refreshes.push({ what: "next refresh (nothing new)", r: await refreshDashboard(summaries.db) });
      await db.query(`
        INSERT INTO submissions (tracking_code, kind, category_code, body, search_text, origin_unit_id, author_id, status, created_at)
        SELECT 'BN' || g, 'feedback', s.category_code, s.body, s.search_text, s.origin_unit_id, s.author_id, 'forwarded', now()
          FROM generate_series(1, 1000) g JOIN LATERAL (SELECT * FROM submissions ORDER BY tracking_code LIMIT 1 OFFSET g) s ON true`);
      refreshes.push({ what: "refresh after 1,000 new items", r: await refreshDashboard(summaries.db) });
      const sizes = await db.query<{ facts: string; items: string }>("SELECT (SELECT count(*) FROM dashboard_facts) AS facts, (SELECT count(*) FROM dashboard_items) AS items");
      console.log(`summaries: ${sizes.rows[0]!.facts} fact rows, ${sizes.rows[0]!.items} item rows`);
    } finally {
      await summaries.close();
    }
    const m = await server.waitFor(/API:\s+http:\/\/localhost:(\d+)\//);
    const base = `http://127.0.0.1:${m[1]}`;
    const login = await fetch(`${base}/api/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Quản trị thử tải", zaloId: "bench-dash-admin" }) });
    const { token, me } = (await login.json()) as { token: string; me: { id: string } };
    await db.query("INSERT INTO roles (member_id, unit_id, role) SELECT $1, id, 'admin' FROM units WHERE level = 'tinh'", [me.id]);
    const headers = { authorization: `Bearer ${token}` };
    // the session's roles are read per request: a new login is not needed after the grant
    const xa = (await db.query<{ id: string }>("SELECT u.id FROM units u WHERE level = 'xa' AND active ORDER BY (SELECT count(*) FROM units c WHERE c.parent_id = u.id) DESC LIMIT 1")).rows[0]!.id;

    const get = async (path: string): Promise<{ ms: number; bytes: number }> => {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, { headers });
      const body = await res.arrayBuffer();
      if (res.status !== 200) {
        failed = true;
        console.error(`${path}: ${res.status} ${Buffer.from(body).toString().slice(0, 300)}`);
      }
      return { ms: performance.now() - t0, bytes: body.byteLength };
    };
    const countMembers = async () => {
      const t0 = performance.now();
      await db.query("SELECT count(*) FROM members");
      return performance.now() - t0;
    };
    // one warm-up of each, as a running server has its caches and plans
    await get("/api/dashboard");
    await get("/api/dashboard/export");
    await countMembers();

    const province: number[] = [];
    const commune: number[] = [];
    const yardstick: number[] = [];
    let size = 0;
    for (let i = 0; i < RUNS; i++) {
      yardstick.push(await countMembers());
      const p = await get("/api/dashboard");
      province.push(p.ms);
      size = p.bytes;
      commune.push((await get(`/api/dashboard?unitId=${xa}`)).ms);
    }
    const exports: number[] = [];
    let xlsx = 0;
    for (let i = 0; i < Math.max(3, Math.floor(RUNS / 4)); i++) {
      const e = await get("/api/dashboard/export");
      exports.push(e.ms);
      xlsx = e.bytes;
    }
    console.log("\n## results (sequential requests from one client, this year to date)");
    console.log(summary("yardstick: SELECT count(*) FROM members (pg client, same run)", yardstick));
    console.log(summary(`GET /api/dashboard (province, ${(size / 1024).toFixed(0)} KB JSON)`, province));
    console.log(summary("GET /api/dashboard?unitId=<the largest xã>", commune));
    console.log(summary(`GET /api/dashboard/export (province, ${(xlsx / 1024).toFixed(0)} KB .xlsx)`, exports));
    const p95 = (t: number[]) => percentile([...t].sort((a, b) => a - b), 95);
    const yard = p95(yardstick);
    console.log(`against the yardstick's p95 (${ms(yard)}): province dashboard p95 ${(p95(province) / yard).toFixed(1)}×, export p95 ${(p95(exports) / yard).toFixed(1)}×`);
    for (const { what, r } of refreshes) console.log(`refresh: ${what}: ${ms(r.ms)} (${r.full ? "full" : "incremental items"}, ${r.items} item rows written, ${r.facts} fact rows)`);
    console.log(`load at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  } finally {
    await db.end();
    await server.stop();
    if (!process.env.BENCH_KEEP) await bench.drop(); else console.log("kept", bench.url);
  }
  if (failed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
