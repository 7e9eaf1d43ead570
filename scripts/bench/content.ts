/**
 * Tìm hiểu read benchmark (issue 10): 10,000 published articles, 100,000 read records and 10,000 members in a bench
 * database of its own; the real API process (scripts/start/main.ts, role api); a bare Fastify hello route (the
 * yardstick, scripts/bench/hello-server.ts) started in the same run and loaded by the same generator.
 *
 *   npm run bench:content [-- --seconds 10 --rate 50 --concurrency 32 --women 64]
 *
 * For each read — a kind's list, a search ("nghi quyet"), an article's detail (any of hers, and among her newest), and
 * the list answered 304 to If-None-Match — a closed-loop maximum and a fixed-rate run; the yardstick is measured before
 * and after ours so the machine's drift shows. The SQL plans of the list, search and detail queries (EXPLAIN ANALYZE) are printed once.
 * Prints measured figures only; it asserts nothing.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ARTICLE_KINDS, foldVietnamese } from "@hoiso/shared";
import { Kysely, PostgresDialect, type CompiledQuery } from "kysely";
import pg from "pg";
import type { DB } from "../../server/src/db/types.js";
import { readerOf } from "../../server/src/modules/content/access.js";
import { articleDetail, listArticles, listStudied } from "../../server/src/modules/content/articles.js";
import { excerptOf, renderMarkdown } from "../../server/src/modules/content/render.js";
import { startServerProcess } from "../lib/process.js";
import { DEMO_TREE, type DemoUnit } from "../seed/demo.js";
import { backendPids, cpuMs, fixedRate, formatResult, maxThroughput, type LoadResult, type RequestSpec, numberArg } from "./load.js";
import { benchServerEnv, createBenchDatabase, createWomen, type Woman } from "./setup.js";

const arg = numberArg;
const SECONDS = arg("seconds", 10);
/** Below what our reads take on the shared 2-core machine, so p99 is measured under load, not in a backlog. */
const RATE = arg("rate", 50);
const CONCURRENCY = arg("concurrency", 32);
const WOMEN = arg("women", 64);
const ARTICLES = arg("articles", 10_000);
const READS = arg("reads", 100_000);
const MEMBERS = arg("members", 10_000);
const WARM_SECONDS = Math.min(3, SECONDS);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Deterministic, so two runs ask for the same articles. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Four titles per kind, in ARTICLE_KINDS order; some outside "nghi_quyet" name a resolution too, as real news does. */
const TITLES: Record<string, string[]> = {
  nghi_quyet: [
    "Nghị quyết 29-NQ/TU về phát triển phụ nữ vùng cao",
    "Học tập Nghị quyết Đại hội Hội LHPN tỉnh",
    "Những điểm mới của Nghị quyết về chuyển đổi số",
    "Nghị quyết về công tác dân vận trong tình hình mới",
  ],
  phap_luat: ["Luật Hôn nhân và gia đình: quyền của người vợ", "Phòng, chống bạo lực gia đình", "Luật Đất đai 2024: đứng tên chung sổ đỏ", "Bảo hiểm xã hội tự nguyện cho lao động tự do"],
  tin_hoat_dong: [
    "Hội nghị quán triệt Nghị quyết tại xã",
    "Ra quân làm đường nông thôn mới",
    "Tập huấn kỹ năng số cho hội viên",
    "Trao sinh kế cho phụ nữ khó khăn",
  ],
  dan_van_kheo: ["Mô hình tổ tiết kiệm vay vốn thôn bản", "Phụ nữ giữ gìn bản sắc dân tộc", "Nhóm Zalo hỏi đáp pháp luật", "Mô hình thực hiện nghị quyết của chi hội"],
  khoi_nghiep: ["Khởi nghiệp từ cây dược liệu", "Bán nông sản qua mạng", "Du lịch cộng đồng homestay", "Vay vốn ngân hàng chính sách để mở cửa hàng"],
};

const BODIES = [
  "Ngày hôm nay, Hội Liên hiệp Phụ nữ tổ chức phổ biến nội dung mới tới cán bộ, hội viên.",
  "Chị em được hướng dẫn các bước cụ thể, có ví dụ ở thôn bản và số điện thoại cán bộ hỗ trợ.",
  "Bài viết nêu mục tiêu, giải pháp và việc mỗi chi hội cần làm trong năm, bằng lời dễ hiểu.",
].map((lead, i) =>
  [
    `## Nội dung chính`,
    lead,
    `Theo kế hoạch, đến năm 2030 phấn đấu **90% hội viên** được tiếp cận thông tin trên điện thoại; các chi hội tổ chức sinh hoạt chuyên đề mỗi quý.`,
    `- Tìm hiểu văn bản và thảo luận tại chi hội\n- Đăng ký mô hình, việc làm cụ thể\n- Báo cáo kết quả với Hội cấp trên`,
    `## Chị em cần làm gì`,
    `Liên hệ chi hội trưởng hoặc cán bộ Hội xã để được giải đáp. Xem thêm trên [Cổng dịch vụ công quốc gia](https://dichvucong.gov.vn).`,
    i === 2 ? `Văn bản này thực hiện nghị quyết của Tỉnh ủy về công tác phụ nữ.` : `Mọi ý kiến góp ý xin gửi qua mục Góp ý trong ứng dụng.`,
  ].join("\n\n"),
);

interface Units {
  province: string;
  /** The demo communes and their chi hội and tổ. */
  demo: string[];
  /** Chi hội and tổ of the demo tree: where the women who load the server live. */
  demoLeaves: string[];
  /** Every other commune of the province. */
  others: string[];
}

async function units(db: pg.Pool): Promise<Units> {
  const leafCodes: string[] = [];
  const walk = (us: DemoUnit[]) => {
    for (const u of us) {
      leafCodes.push(u.code);
      if (u.children) walk(u.children);
    }
  };
  walk(Object.values(DEMO_TREE).flat());
  const communeCodes = Object.keys(DEMO_TREE);
  const q = async (text: string, values: unknown[] = []) => (await db.query<{ id: string }>(text, values)).rows.map((r) => r.id);
  const [province] = await q("SELECT id FROM units WHERE level = 'tinh'");
  return {
    province: province!,
    demo: await q("SELECT id FROM units WHERE code = ANY($1::text[]) ORDER BY code", [[...communeCodes, ...leafCodes]]),
    demoLeaves: await q("SELECT id FROM units WHERE code = ANY($1::text[]) ORDER BY code", [leafCodes]),
    others: await q("SELECT id FROM units WHERE level = 'xa' AND code <> ALL($1::text[]) ORDER BY code", [communeCodes]),
  };
}

/**
 * The data set, set-based: articles (20% province-wide, 40% for a demo commune, chi hội or tổ, 40% for another commune;
 * one a minute going back about a week), a Vietnamese variant each and an H'Mông one for one in fifty, three check
 * questions per resolution, members spread over the units, and read records in every state.
 */
async function fill(db: pg.Pool, u: Units): Promise<void> {
  const kinds = [...ARTICLE_KINDS];
  const titles = kinds.flatMap((k) => TITLES[k] ?? []);
  const per = titles.length / kinds.length;
  const html = BODIES.map(renderMarkdown);
  const t0 = performance.now();
  await db.query(
    `INSERT INTO articles (id, kind, unit_id, audience, status, publish_at, search_text, created_at, updated_at)
     SELECT ('b0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, ($1::text[])[1 + n % $8], un.unit, ARRAY[un.unit], 'published',
            now() - n * interval '1 minute',
            ($5::text[])[1 + (n % $8) * $9 + (n / $8) % $9] || ' so ' || n || ' ' || chr(10) || ($6::text[])[1 + n % 3],
            now() - n * interval '1 minute' - interval '1 day', now() - n * interval '1 minute'
       FROM generate_series(0, $2::int - 1) n,
            LATERAL (SELECT CASE WHEN n % 10 < 2 THEN $3::uuid
                                 WHEN n % 10 < 6 THEN ($4::uuid[])[1 + (n / 10) % cardinality($4::uuid[])]
                                 ELSE ($7::uuid[])[1 + (n / 10) % cardinality($7::uuid[])] END AS unit) un`,
    [kinds, ARTICLES, u.province, u.demo, titles.map(foldVietnamese), html.map((h) => foldVietnamese(excerptOf(h, 5000))), u.others, kinds.length, per],
  );
  await db.query(
    `INSERT INTO article_variants (article_id, language, title, body, html, excerpt)
     SELECT ('b0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'vi', ($1::text[])[1 + (n % $6) * $7 + (n / $6) % $7] || ' (số ' || n || ')',
            ($2::text[])[1 + n % 3], ($3::text[])[1 + n % 3], ($4::text[])[1 + n % 3]
       FROM generate_series(0, $5::int - 1) n
     UNION ALL
     SELECT ('b0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'hmn', 'Tsab ntawv txog poj niam (' || n || ')',
            ($2::text[])[1 + n % 3], ($3::text[])[1 + n % 3], ($4::text[])[1 + n % 3]
       FROM generate_series(0, $5::int - 1, 50) n`,
    [titles, BODIES, html, html.map((h) => excerptOf(h)), ARTICLES, kinds.length, per],
  );
  await db.query(
    `INSERT INTO article_questions (article_id, position, prompt, choices, answer)
     SELECT a.id, p, jsonb_build_object('vi', 'Câu hỏi ' || p || ': mục tiêu đến năm 2030 là gì?'),
            '[{"vi":"90% hội viên được tiếp cận thông tin"},{"vi":"Không có mục tiêu"},{"vi":"Chỉ cán bộ được học"}]'::jsonb, 0
       FROM articles a, generate_series(1, 3) p WHERE a.kind = 'nghi_quyet' AND a.id::text LIKE 'b0000000-%'`,
  );
  const memberUnits = [...u.demoLeaves, ...u.demoLeaves, ...u.others];
  await db.query(
    `INSERT INTO members (id, zalo_app_user_id, name, unit_id, membership_status, language)
     SELECT ('b1000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'bench-member-' || n, 'Hội viên thử tải ' || n,
            ($1::uuid[])[1 + n % cardinality($1::uuid[])], 'confirmed', CASE WHEN n % 20 = 0 THEN 'hmn' END
       FROM generate_series(0, $2::int - 1) n`,
    [memberUnits, MEMBERS],
  );
  // Member m reads ten articles (m·13 + k·997 mod the count, distinct for k < 10): opened, most read to the end,
  // some listened, a third of the resolutions studied.
  await db.query(
    `INSERT INTO article_reads (article_id, member_id, opened_at, read_to_end_at, listened_fraction, check_attempts, passed_check_at, studied_at)
     SELECT ('b0000000-0000-4000-8000-' || lpad(((m * 13 + k * 997) % $2)::text, 12, '0'))::uuid,
            ('b1000000-0000-4000-8000-' || lpad(m::text, 12, '0'))::uuid,
            now() - (i % 10000) * interval '1 minute',
            CASE WHEN i % 4 <> 0 THEN now() - (i % 10000) * interval '1 minute' END,
            CASE WHEN i % 5 = 0 THEN 0.9 ELSE 0 END,
            CASE WHEN i % 3 = 0 THEN 1 ELSE 0 END,
            CASE WHEN i % 3 = 0 THEN now() END,
            CASE WHEN i % 3 = 0 AND i % 4 <> 0 THEN now() END
       FROM generate_series(0, $1::int - 1) i, LATERAL (SELECT i % $3 AS m, i / $3 AS k) mk`,
    [READS, ARTICLES, MEMBERS],
  );
  // what autovacuum would do on its own, done now so it does not run in the middle of a measurement
  await db.query("VACUUM ANALYZE");
  console.log(`filled in ${((performance.now() - t0) / 1000).toFixed(1)} s (with VACUUM ANALYZE)`);
}

async function counts(db: pg.Pool): Promise<string> {
  const r = await db.query<{ articles: number; variants: number; hmn: number; questions: number; reads: number; members: number }>(
    `SELECT (SELECT count(*)::int FROM articles WHERE status = 'published') AS articles,
            (SELECT count(*)::int FROM article_variants) AS variants,
            (SELECT count(*)::int FROM article_variants WHERE language = 'hmn') AS hmn,
            (SELECT count(*)::int FROM article_questions) AS questions,
            (SELECT count(*)::int FROM article_reads) AS reads,
            (SELECT count(*)::int FROM members) AS members`,
  );
  const c = r.rows[0]!;
  return `${c.articles} published articles (${c.variants} variants, ${c.hmn} in H'Mông; ${c.questions} check questions), ${c.reads} read records, ${c.members} members`;
}

/** What she may open, newest first: her visible articles' ids (detail requests pick among them). */
async function visibleIds(db: pg.Pool, woman: Woman): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `SELECT a.id FROM articles a JOIN units u ON u.id = $1
      WHERE a.status <> 'draft' AND a.publish_at <= now() AND a.audience && string_to_array(trim(both '/' from u.path), '/')::uuid[]
      ORDER BY a.publish_at DESC, a.id DESC`,
    [woman.unitId],
  );
  return r.rows.map((x) => x.id);
}

/** The SQL the service sends for each read, captured through Kysely's log and run again under EXPLAIN ANALYZE. */
async function explainReads(url: string, memberId: string, articleId: string): Promise<void> {
  const captured: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => void (e.level === "query" && captured.push(e.query)) });
  try {
    const reader = await readerOf(db, memberId);
    const runs: Array<[string, () => Promise<unknown>]> = [
      ["list: GET /api/articles?kind=nghi_quyet&limit=10", () => listArticles(db, reader, { kind: "nghi_quyet", limit: 10 })],
      ["search: GET /api/articles?q=nghi quyet&limit=10", () => listArticles(db, reader, { q: "nghi quyet", limit: 10 })],
      ["search, rarer words: GET /api/articles?q=so 9876&limit=10", () => listArticles(db, reader, { q: "so 9876", limit: 10 })],
      ["detail: GET /api/articles/:id (its main query)", () => articleDetail(db, reader, articleId)],
      ["studied, its count of resolutions: GET /api/me/studied (second query)", () => listStudied(db, reader)],
    ];
    for (const [label, run] of runs) {
      captured.length = 0;
      await run();
      const q = label.startsWith("studied") ? captured.find((c) => c.sql.includes("count(")) : captured[0];
      if (!q) continue;
      const plan = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.parameters]);
      console.log(`\n### ${label}\n${plan.rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n")}`);
      // The first run on a connection also loads its catalog caches: the steady state is what the pool's connections pay.
      const times: string[] = [];
      for (let i = 0; i < 5; i++) {
        const again = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, SUMMARY) ${q.sql}`, [...q.parameters]);
        const t = (what: string) => again.rows.map((r) => r["QUERY PLAN"].match(new RegExp(`${what} Time: ([\\d.]+) ms`))?.[1]).find(Boolean) ?? "?";
        times.push(`${t("Planning")}/${t("Execution")}`);
      }
      console.log(`    planning/execution ms, five more runs on the same connection: ${times.join(", ")}`);
    }
  } finally {
    await db.destroy();
  }
}

function startYardstick(): Promise<{ url: string; pid: number | undefined; stop(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/hello-server.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = out.match(/BASELINE_URL (\S+)/);
      if (m) resolve({ url: m[1]!, pid: child.pid, stop: () => child.kill("SIGTERM") });
    });
    child.once("exit", (code) => reject(new Error(`yardstick exited ${code}`)));
  });
}

/** What a closed-loop run cost per answer, in figures the shared machine's load moves little. */
interface Probe {
  pid: number | undefined;
  /** PostgreSQL backends serving the bench database (CPU read from /proc; the server runs on this machine). */
  backends(): Promise<number[]>;
  sql(): Promise<Map<string, number>>;
}

interface Measured {
  max: LoadResult;
  fixed: LoadResult;
  cost?: string;
}

async function measure(label: string, base: string, next: (i: number) => RequestSpec, okStatus: number, probe?: Probe): Promise<Measured> {
  console.log(`\n## ${label}`);
  await maxThroughput(base, CONCURRENCY, WARM_SECONDS, (i) => next(i + 5_000_000), okStatus);
  const pgCpu = async (pids: number[]) => new Map(pids.map((p) => [p, cpuMs(p)]));
  const before = probe && { api: cpuMs(probe.pid), pg: await pgCpu(await probe.backends()), sql: await probe.sql() };
  const max = await maxThroughput(base, CONCURRENCY, SECONDS, next, okStatus);
  console.log(formatResult(`closed loop, ${CONCURRENCY} clients × ${SECONDS} s`, max));
  let cost: string | undefined;
  if (probe && before) {
    const api = cpuMs(probe.pid) - before.api;
    const after = await pgCpu(await probe.backends());
    const pgMs = [...after].reduce((n, [p, v]) => n + v - (before.pg.get(p) ?? 0), 0);
    const sql = await probe.sql();
    const diff = [...sql].map(([k, v]) => [k, v - (before.sql.get(k) ?? 0)] as const).filter(([, v]) => v > 0);
    const statements = diff.reduce((n, [, v]) => n + v, 0);
    const n = max.sent;
    cost = `${(api / n).toFixed(2)} ms API CPU, ${(pgMs / n).toFixed(2)} ms PostgreSQL CPU, ${(statements / n).toFixed(2)} SQL statements`;
    console.log(`per request (closed loop, ${n} requests): ${cost}`);
    for (const [k, v] of diff.sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`  ${(v / n).toFixed(2).padStart(6)}  ${k}`);
  }
  const fixed = await fixedRate(base, RATE, SECONDS, (i) => next(i + 1_000_000), okStatus);
  console.log(formatResult(`fixed ${RATE}/s × ${SECONDS} s`, fixed));
  return { max, fixed, cost };
}

async function main() {
  console.log(`# Hội Số Tìm hiểu read benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}; node ${process.version}`);
  const database = await createBenchDatabase(ADMIN_URL);
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  // The server counts the SQL statements it sends (scripts/bench/count-sql.ts); SIGUSR2 writes them out.
  const countsDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-bench-content-"));
  const countsFile = path.join(countsDir, "api.json");
  const server = startServerProcess(
    // reads touch no queue; the postgres backend keeps the run off the shared Redis
    benchServerEnv({ databaseUrl: database.url, backend: "postgres", redisUrl: "", prefix: `{benchc${Date.now().toString(36)}}` }, { HOISO_ROLE: "api", BENCH_SQL_COUNTS: countsFile }),
    [],
    [
    "--import",
    "./scripts/bench/count-sql.ts",
    // BENCH_CPU_PROF=<dir>: the API process writes a V8 CPU profile there when it stops
    ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
  ]);
  const readCounts = (): { dump: number; counts: Record<string, number> } => {
    try {
      return JSON.parse(fs.readFileSync(countsFile, "utf8")) as { dump: number; counts: Record<string, number> };
    } catch {
      return { dump: 0, counts: {} }; // not written yet, or caught half-written
    }
  };
  const probe: Probe = {
    pid: server.child.pid,
    backends: () => backendPids(db),
    async sql() {
      const seen = readCounts().dump;
      server.child.kill("SIGUSR2");
      const until = Date.now() + 15_000;
      let c = readCounts();
      while (c.dump <= seen && Date.now() < until) {
        await new Promise((res) => setTimeout(res, 50));
        c = readCounts();
      }
      return new Map(Object.entries(c.counts));
    },
  };
  let yard: Awaited<ReturnType<typeof startYardstick>> | null = null;
  try {
    const u = await units(db);
    await fill(db, u);
    console.log(`data: ${await counts(db)}; units: province + ${u.demo.length} demo units + ${u.others.length} other communes`);
    const m = await server.waitFor(/API:\s+http:\/\/localhost:(\d+)\//);
    const base = `http://127.0.0.1:${m[1]}`;
    yard = await startYardstick();

    const women = await createWomen(base, WOMEN, u.demoLeaves);
    // one in eight reads in H'Mông (the Vietnamese text where no variant exists)
    await db.query("UPDATE members SET language = 'hmn' WHERE zalo_app_user_id LIKE 'dev-bench-%' AND substring(zalo_app_user_id from 11)::int % 8 = 0");
    // her own reading: about thirty of the articles she can see
    await db.query(
      `INSERT INTO article_reads (article_id, member_id, opened_at, read_to_end_at)
       SELECT a.id, mem.id, now(), CASE WHEN random() < 0.7 THEN now() END
         FROM members mem JOIN units un ON un.id = mem.unit_id
         CROSS JOIN LATERAL (SELECT a.id FROM articles a WHERE a.audience && string_to_array(trim(both '/' from un.path), '/')::uuid[]
                              ORDER BY md5(a.id::text || mem.id::text) LIMIT 30) a
        WHERE mem.zalo_app_user_id LIKE 'dev-bench-%'`,
    );
    await db.query("VACUUM ANALYZE article_reads");
    const visible = await Promise.all(women.map((w) => visibleIds(db, w)));
    const sizes = visible.map((v) => v.length).sort((a, b) => a - b);
    console.log(`${women.length} women logged in through the API, in ${new Set(women.map((w) => w.unitId)).size} chi hội/tổ; each sees ${sizes[0]}–${sizes.at(-1)} articles`);

    const rand = prng(42);
    const kinds = [...ARTICLE_KINDS];
    const get = (w: Woman, path: string, extra: Record<string, string> = {}): RequestSpec => ({ method: "GET", path, headers: { authorization: `Bearer ${w.token}`, ...extra }, body: "" });
    const woman = (i: number) => women[i % women.length]!;
    const listPath = (i: number) => `/api/articles?kind=${kinds[Math.floor(i / women.length) % kinds.length]}&limit=10`;
    const list = (i: number) => get(woman(i), listPath(i));
    const search = (i: number) => get(woman(i), `/api/articles?q=${encodeURIComponent("nghi quyet")}&limit=10`);
    const detail = (i: number) => {
      const ids = visible[i % women.length]!;
      return get(woman(i), `/api/articles/${ids[Math.floor(rand() * ids.length)]}`);
    };
    // What most women open: the newest articles of their lists (each woman's 30 newest).
    const NEWEST = 30;
    const newest = (i: number) => {
      const ids = visible[i % women.length]!;
      return get(woman(i), `/api/articles/${ids[Math.floor(rand() * Math.min(NEWEST, ids.length))]}`);
    };

    // What the women get, once, so the figures below are for answers that hold something.
    const sample = async (spec: RequestSpec) => {
      const res = await fetch(`${base}${spec.path}`, { headers: spec.headers });
      return { status: res.status, etag: res.headers.get("etag"), cache: res.headers.get("cache-control"), body: (await res.json()) as { items?: unknown[]; nextCursor?: string | null; html?: string } };
    };
    const s1 = await sample(list(0));
    const s2 = await sample(search(0));
    const s3 = await sample(detail(0));
    console.log(
      `answers: list ${s1.status} with ${s1.body.items?.length} items (next page: ${s1.body.nextCursor ? "yes" : "no"}), ${s1.cache}; ` +
        `search ${s2.status} with ${s2.body.items?.length} items; detail ${s3.status}, ${s3.body.html?.length} chars of HTML`,
    );
    // ETags for every woman × kind list, for the 304 path
    const etags = new Map<string, string>();
    for (let i = 0; i < women.length * kinds.length; i++) {
      const r = await sample(list(i));
      if (r.etag) etags.set(`${i % women.length}:${listPath(i)}`, r.etag);
    }
    const revalidate = (i: number) => get(woman(i), listPath(i), { "if-none-match": etags.get(`${i % women.length}:${listPath(i)}`) ?? "" });

    console.log(`\n# SQL plans at this size (EXPLAIN ANALYZE, once)`);
    const me = (await (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${women[0]!.token}` } })).json()) as { id: string };
    await explainReads(database.url, me.id, visible[0]![Math.floor(visible[0]!.length / 2)]!);

    const hello = (): RequestSpec => ({ method: "GET", path: "/hello", headers: {}, body: "" });
    const yardProbe: Probe = { pid: yard.pid, backends: async () => [], sql: async () => new Map() };
    const y1 = await measure("Yardstick: bare Fastify GET /hello (first)", yard.url, hello, 200, yardProbe);
    const rList = await measure(`List: GET /api/articles?kind=…&limit=10 (${women.length} women × 5 kinds)`, base, list, 200, probe);
    const rSearch = await measure("Search: GET /api/articles?q=nghi%20quyet&limit=10", base, search, 200, probe);
    const rDetail = await measure("Detail: GET /api/articles/:id (random ids she may read: mostly read for the first time)", base, detail, 200, probe);
    const rNewest = await measure(`Detail: GET /api/articles/:id (among her ${NEWEST} newest)`, base, newest, 200, probe);
    const r304 = await measure("Revalidate: GET /api/articles?kind=… with If-None-Match (304)", base, revalidate, 304, probe);
    const y2 = await measure("Yardstick: bare Fastify GET /hello (again, after ours)", yard.url, hello, 200, yardProbe);

    const yMax = (y1.max.throughput + y2.max.throughput) / 2;
    console.log(`\n## Summary (yardstick closed loop ${y1.max.throughput.toFixed(0)} and ${y2.max.throughput.toFixed(0)} req/s, mean ${yMax.toFixed(0)}; target ≥ 0.3×)`);
    console.log(`| read | closed loop req/s | × yardstick | p99 at ${RATE}/s (ms) | yardstick p99 at ${RATE}/s (ms) | cost per request |`);
    console.log(`|---|---|---|---|---|---|`);
    const yP99 = `${y1.fixed.latencyMs.p99.toFixed(1)} / ${y2.fixed.latencyMs.p99.toFixed(1)}`;
    for (const [name, r] of [
      ["list by kind", rList],
      ["search \"nghi quyet\"", rSearch],
      ["detail, any article", rDetail],
      [`detail, her ${NEWEST} newest`, rNewest],
      ["list, 304", r304],
    ] as const) {
      console.log(`| ${name} | ${r.max.throughput.toFixed(0)} | ${(r.max.throughput / yMax).toFixed(2)} | ${r.fixed.latencyMs.p99.toFixed(1)} | ${yP99} | ${r.cost ?? ""} |`);
    }
    console.log(`yardstick cost per request: ${y1.cost ?? "?"} / ${y2.cost ?? "?"}`);
  } finally {
    yard?.stop();
    await server.stop();
    await db.end();
    await database.drop();
    fs.rmSync(countsDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
