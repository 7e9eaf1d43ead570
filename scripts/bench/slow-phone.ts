/**
 * The Mini App on a slow phone (issue 7): Debian's Chromium with 1.6 Mbps down, 150 ms latency and a 4× CPU slowdown,
 * against the real server (a child process serving mini-app/www, on a fresh bench database). A member logs in once
 * with the dev login; then the home screen is opened with an empty cache (first visit) and again with the cache kept
 * (next visit). Same-run yardstick: a ~1 KB static page from a bare Node server under the same throttling.
 *
 *   npm run build:app && npx tsx scripts/bench/slow-phone.ts [--runs 3]
 *
 * Prints measured figures only (medians of the runs); it asserts nothing.
 */
import http from "node:http";
import os from "node:os";
import { chromium, type Browser, type CDPSession, type Page } from "playwright-core";
import { ROOT, startServerProcess } from "../lib/process.js";
import { migrate } from "../../server/src/db/migrate.js";
import pg from "pg";
import { numberArg } from "./load.js";

const arg = numberArg;
const RUNS = arg("runs", 3);
// As tests/helpers/chromium.ts (which imports vitest, so it cannot be loaded outside the test runner).
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"];
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: "vi-VN" } as const;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** The phone the issue measured: 1.6 Mbps both ways would flatter uploads; uploads are 750 kbps as Chrome's "Fast 3G". */
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };
const CPU_SLOWDOWN = 4;
/** The home screen's own content (not the "Đang mở Hội Số…" spinner): her greeting. */
const HOME_TEXT = "Chào chị";

interface Load {
  /** First contentful paint (the spinner counts), ms from navigation start. */
  fcp: number;
  /** When the home screen's greeting was first in the page, ms from navigation start. */
  content: number;
  jsBytes: number;
  totalBytes: number;
  requests: number;
}

/** Records, before any page script runs, when the home greeting first appears (a MutationObserver, no polling). */
const WATCH_CONTENT = `(() => {
  const seen = () => document.body && document.body.textContent && document.body.textContent.includes(${JSON.stringify(HOME_TEXT)});
  const obs = new MutationObserver(() => { if (seen()) { window.__contentAt = performance.now(); obs.disconnect(); } });
  document.addEventListener("DOMContentLoaded", () => obs.observe(document.body, { childList: true, subtree: true, characterData: true }));
})();`;

/** Counts bytes on the wire (compressed size plus headers) by resource type, through CDP's network events. */
function countBytes(cdp: CDPSession) {
  const types = new Map<string, string>();
  const totals = { js: 0, all: 0, requests: 0 };
  cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
  cdp.on("Network.loadingFinished", (e) => {
    totals.all += e.encodedDataLength;
    totals.requests += 1;
    if (types.get(e.requestId) === "Script") totals.js += e.encodedDataLength;
  });
  return () => ({ ...totals });
}

async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  return cdp;
}

async function measure(page: Page, cdp: CDPSession, url: string, waitForContent: boolean): Promise<Load> {
  const bytes = countBytes(cdp);
  const before = bytes();
  await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  if (waitForContent) await page.waitForFunction(() => (window as { __contentAt?: number }).__contentAt !== undefined, null, { timeout: 120_000 });
  // The paint entry may come after `load` on a page this small: wait for it (buffered) rather than read it once.
  const fcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const e = list.getEntriesByName("first-contentful-paint")[0];
          if (e) resolve(e.startTime);
        }).observe({ type: "paint", buffered: true });
        setTimeout(() => resolve(NaN), 10_000);
      }),
  );
  const timing = await page.evaluate(() => ({
    content: (window as { __contentAt?: number }).__contentAt ?? NaN,
    load: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)?.loadEventEnd ?? NaN,
  }));
  // Late responses (lazy chunks, API calls) finish after `load`; give the counters the page's idle moment.
  await page.waitForLoadState("networkidle", { timeout: 120_000 });
  const after = bytes();
  return {
    fcp,
    content: waitForContent ? timing.content : timing.load,
    jsBytes: after.js - before.js,
    totalBytes: after.all - before.all,
    requests: after.requests - before.requests,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function report(label: string, loads: Load[]) {
  const m = (k: keyof Load) => median(loads.map((l) => l[k]));
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  console.log(
    `${label.padEnd(34)} FCP ${s(m("fcp")).padStart(7)}   content ${s(m("content")).padStart(7)}   JS ${kb(m("jsBytes")).padStart(7)}   all ${kb(m("totalBytes")).padStart(7)}   ${m("requests")} requests`,
  );
  console.log(`${"".padEnd(34)} content per run: ${loads.map((l) => s(l.content)).join(", ")}`);
}

/** A bare Node server with a ~1 KB page: what the same phone and network cost for almost nothing. */
function startYardstick(): Promise<{ url: string; close(): void }> {
  const body = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>thước đo</title></head><body><p>${"Hội Số. ".repeat(120)}</p></body></html>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const addr = server.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      resolve({ url: `http://localhost:${port}/`, close: () => server.close() });
    }),
  );
}

/** A fresh migrated database (no seed: the dev login creates the member the home screen needs). */
async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hoiso_bench_phone_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: u.toString(), max: 1 });
  await migrate(pool);
  await pool.end();
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function main() {
  console.log(`# Hội Số on a slow phone — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}; node ${process.version}; ${RUNS} runs, medians`);
  console.log(`phone: ${NETWORK.downloadThroughput * 8 / 1e6} Mbps down, ${NETWORK.latency} ms latency, CPU ${CPU_SLOWDOWN}× slower; 360×740 @2x`);
  const database = await createDatabase();
  const server = startServerProcess({
    DATABASE_URL: database.url,
    QUEUE_BACKEND: "postgres",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    NODE_ENV: "development",
    DEV_LOGIN: "true",
    ZALO_SIMULATOR: "true",
    ZALO_SIMULATOR_PORT: "0",
    HOISO_ROLE: "api",
    MINI_APP_DIR: `${ROOT}/mini-app/www`,
  });
  const yard = await startYardstick();
  let browser: Browser | undefined;
  try {
    const m = await server.waitFor(/API:\s+http:\/\/localhost:(\d+)\//);
    // zmp-sdk mocks itself only on a "localhost" hostname (see tests/e2e/home.test.ts).
    const base = `http://localhost:${m[1]}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const ctx = await browser.newContext(PHONE);
    await ctx.addInitScript(WATCH_CONTENT);

    // Log in once, unthrottled: the session token stays in the context's localStorage for every load below.
    const setup = await ctx.newPage();
    await setup.goto(`${base}/`);
    await setup.getByText("Đăng nhập thử nghiệm").waitFor({ timeout: 30_000 });
    await setup.locator('[data-zalo-id="demo-hoivien"]').click();
    await setup.getByText(HOME_TEXT).first().waitFor({ timeout: 30_000 });
    await setup.close();

    const first: Load[] = [];
    const next: Load[] = [];
    const yardstick: Load[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await ctx.newPage();
      const cdp = await throttle(page);
      await cdp.send("Network.clearBrowserCache");
      first.push(await measure(page, cdp, `${base}/`, true));
      next.push(await measure(page, cdp, `${base}/`, true));
      yardstick.push(await measure(page, cdp, yard.url, false));
      await page.close();
    }
    report("home, first visit (empty cache)", first);
    report("home, next visit (cache kept)", next);
    report("yardstick: 1 KB static page", yardstick);
  } finally {
    await browser?.close();
    yard.close();
    await server.stop();
    await database.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
