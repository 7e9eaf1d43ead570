import fs from "node:fs";
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
