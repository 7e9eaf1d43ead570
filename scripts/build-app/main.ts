import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadStorageConfig } from "../../server/src/config.js";
import { embeddedDataInUse } from "../../server/src/db/embedded.js";
import { isUpToDate, sourceHash, STAMP_FILE, swapInto } from "./stamp.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const OUT_DIR = path.join(ROOT, "mini-app/www");
const log = (m: string) => console.log(`[hoiso] ${m}`);

/**
 * `npm start`'s first step: builds the Mini App only when its inputs changed since the build in mini-app/www.
 *
 * A second `npm start` must not touch the folder the first one is serving. Two guards, for two cases:
 * - embedded mode: the data lock is checked first, before any build, so a start that will be refused anyway changes
 *   nothing (the server repeats the same check when it claims the data);
 * - any mode: the build goes to a temporary folder next to www and replaces it with a rename, so readers (a running
 *   production copy on the same checkout) never see a half-written tree, and a failed build leaves the old one.
 */
async function main(): Promise<void> {
  const storage = loadStorageConfig();
  if (!storage.DATABASE_URL) {
    const busy = embeddedDataInUse(path.join(storage.DATA_DIR, "pg"));
    if (busy) {
      console.error(busy);
      process.exit(1);
    }
  }
  const hash = sourceHash(ROOT);
  if (!process.argv.includes("--force") && isUpToDate(OUT_DIR, hash)) {
    log("Mini App không thay đổi từ lần build trước: bỏ qua bước build.");
    return;
  }
  const tmp = path.join(ROOT, "mini-app", `.www-build-${process.pid}`);
  try {
    log("Đang build Mini App…");
    const { build } = await import("vite"); // only now: loading Vite is most of the time a skipped build would take
    await build({
      configFile: path.join(ROOT, "mini-app/vite.config.ts"),
      logLevel: "warn",
      build: { outDir: tmp, emptyOutDir: true },
    });
    fs.writeFileSync(path.join(tmp, STAMP_FILE), `${hash}\n`);
    swapInto(tmp, OUT_DIR);
    log("Đã build Mini App.");
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error("[hoiso] Không build được Mini App / Mini App build failed:", err);
  process.exit(1);
});
