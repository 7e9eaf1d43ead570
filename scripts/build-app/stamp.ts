import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Bump when the list of inputs below changes, so older stamps never match. */
const STAMP_VERSION = "1";
export const STAMP_FILE = ".source-hash";

/**
 * Everything a Mini App build depends on: its sources and config, the shared package it imports, the locked
 * dependency versions, and the VITE_* variables Vite bakes into the bundle (VITE_API_URL for the Zalo build).
 */
const INPUT_DIRS = ["mini-app/src", "shared/src"];
const INPUT_FILES = ["mini-app/index.html", "mini-app/vite.config.ts", "mini-app/app-config.json", "mini-app/package.json", "shared/package.json", "package-lock.json"];

function listFiles(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, withFileTypes: true }).flatMap((e) =>
    e.isFile() ? [path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/")] : [],
  );
}

/** Vite also reads mini-app/.env, .env.production, .env.local… */
function envFiles(root: string): string[] {
  const dir = path.join(root, "mini-app");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith(".env")).map((n) => `mini-app/${n}`) : [];
}

export function sourceHash(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const h = crypto.createHash("sha256").update(`v${STAMP_VERSION}\0`);
  const files = [...INPUT_DIRS.flatMap((d) => listFiles(root, d)), ...INPUT_FILES, ...envFiles(root)].sort();
  for (const rel of files) {
    const abs = path.join(root, rel);
    h.update(`${rel}\0`);
    h.update(fs.existsSync(abs) ? fs.readFileSync(abs) : "(missing)");
    h.update("\0");
  }
  for (const key of Object.keys(env).filter((k) => k.startsWith("VITE_")).sort()) h.update(`${key}=${env[key]}\0`);
  return h.digest("hex");
}

/** True when `outDir` holds a complete build of exactly these sources. */
export function isUpToDate(outDir: string, hash: string): boolean {
  const stamp = path.join(outDir, STAMP_FILE);
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(outDir, "index.html"))) return false;
  return fs.readFileSync(stamp, "utf8").trim() === hash;
}

/**
 * Puts a finished build in place of `outDir` with two renames, so a reader sees the old tree or the new one, never a
 * half-written one (Vite itself empties its outDir first and then writes file by file).
 */
export function swapInto(built: string, outDir: string): void {
  const old = `${outDir}.old-${process.pid}`;
  const had = fs.existsSync(outDir);
  if (had) fs.renameSync(outDir, old);
  fs.renameSync(built, outDir);
  if (had) fs.rmSync(old, { recursive: true, force: true });
}
