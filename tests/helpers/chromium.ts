import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { required } from "./services.js";

/** Debian's Chromium (installed by .ci/install-chromium.sh); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Whether browser suites can run. Without Chromium they are skipped with one line saying what is not covered,
 * unless HOISO_REQUIRE names chromium (CI), where a missing browser is a failure.
 */
export function chromiumAvailable(notCovered: string): boolean {
  const ok = fs.existsSync(CHROMIUM);
  if (!ok && required("chromium")) throw new Error(`HOISO_REQUIRE includes chromium but ${CHROMIUM} is missing: run .ci/install-chromium.sh`);
  if (!ok) console.warn(`[tests] ${CHROMIUM} not found: ${notCovered} not covered in this run. Install it with .ci/install-chromium.sh.`);
  return ok;
}

/** Headless Debian Chromium on this closed network: no background connections, no sandbox (we run as root). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A cheap Android phone held upright, in Vietnamese. */
export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: "vi-VN" } as const;

export interface BrowserRun {
  /** Names the failure screenshot: `<shotsDir>/e2e-FAILED-<name>.png`. */
  name: string;
  shotsDir: string;
  extraArgs?: string[];
  permissions?: string[];
}

/**
 * One test's browser: a fresh profile (no saved session) on a phone-sized screen, removed afterwards. The test fails
 * on any uncaught error in the page, and leaves a full-page screenshot when it fails.
 */
export async function inBrowser(run: BrowserRun, body: (page: Page) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-e2e-"));
  const ctx: BrowserContext = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(run.extraArgs ?? [])],
    ...PHONE,
    ...(run.permissions ? { permissions: run.permissions } : {}),
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const crashes: string[] = [];
  page.on("pageerror", (err) => crashes.push(err.message));
  try {
    await body(page);
    expect(crashes, "uncaught errors in the page").toEqual([]);
  } catch (err) {
    await page.screenshot({ path: path.join(run.shotsDir, `e2e-FAILED-${run.name}.png`), fullPage: true }).catch(() => undefined);
    throw err;
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The Mini App's development login screen (shown outside Zalo): pick a demo account. */
export async function devLoginAs(page: Page, zaloId: string): Promise<void> {
  await expect.poll(() => page.getByText("Đăng nhập thử nghiệm").isVisible(), { timeout: 15_000 }).toBe(true);
  await page.locator(`[data-zalo-id="${zaloId}"]`).click();
}
