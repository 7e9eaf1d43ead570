import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isUpToDate, sourceHash, STAMP_FILE, swapInto } from "../../scripts/build-app/stamp.js";
import { startProcess } from "../helpers/process.js";

const dirs: string[] = [];
function tmp(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

/** A checkout in miniature: the files a Mini App build reads. */
function checkout(): string {
  const root = tmp("hoiso-app-src-");
  write(root, "mini-app/src/main.tsx", "render()");
  write(root, "mini-app/src/pages/home.tsx", "export const Home = 1;");
  write(root, "mini-app/index.html", "<html></html>");
  write(root, "mini-app/vite.config.ts", "export default {}");
  write(root, "mini-app/app-config.json", "{}");
  write(root, "mini-app/package.json", "{}");
  write(root, "shared/src/index.ts", "export {};");
  write(root, "shared/package.json", "{}");
  write(root, "package-lock.json", "{}");
  write(root, "server/src/main.ts", "server()");
  return root;
}

describe("npm start rebuilds the Mini App only when its inputs changed", () => {
  it("hashes the same inputs the same way, and not the server's", () => {
    const root = checkout();
    const h = sourceHash(root, {});
    expect(sourceHash(root, {})).toBe(h);
    write(root, "server/src/main.ts", "server(2)");
    write(root, "mini-app/www/index.html", "<built>");
    expect(sourceHash(root, {})).toBe(h);
  });

  it("sees an edited, added or removed source file, a config change, a shared change and VITE_* variables", () => {
    const root = checkout();
    const seen = new Set([sourceHash(root, {})]);
    const changed = () => {
      const h = sourceHash(root, {});
      expect(seen.has(h)).toBe(false);
      seen.add(h);
    };
    write(root, "mini-app/src/pages/home.tsx", "export const Home = 2;");
    changed();
    write(root, "mini-app/src/pages/new.tsx", "x");
    changed();
    fs.rmSync(path.join(root, "mini-app/src/pages/new.tsx"));
    fs.renameSync(path.join(root, "mini-app/src/main.tsx"), path.join(root, "mini-app/src/main2.tsx"));
    changed();
    write(root, "mini-app/app-config.json", '{"app":{}}');
    changed();
    write(root, "shared/src/index.ts", "export const x = 1;");
    changed();
    write(root, "package-lock.json", '{"v":2}');
    changed();
    write(root, "mini-app/.env.production", "VITE_API_URL=https://x");
    changed();
    const h = sourceHash(root, {});
    expect(sourceHash(root, { VITE_API_URL: "https://api.example/api" })).not.toBe(h);
    expect(sourceHash(root, { OTHER: "1" })).toBe(h);
  });

  it("takes a build as current only with its stamp and its index.html", () => {
    const out = tmp("hoiso-www-");
    expect(isUpToDate(out, "abc")).toBe(false);
    fs.writeFileSync(path.join(out, STAMP_FILE), "abc\n");
    expect(isUpToDate(out, "abc")).toBe(false);
    fs.writeFileSync(path.join(out, "index.html"), "<html>");
    expect(isUpToDate(out, "abc")).toBe(true);
    expect(isUpToDate(out, "abd")).toBe(false);
  });

  it("swaps a finished build in place of the old one, leaving nothing behind", () => {
    const parent = tmp("hoiso-swap-");
    const out = path.join(parent, "www");
    write(out, "index.html", "old");
    write(out, "assets/old.js", "old");
    const built = path.join(parent, ".www-build-1");
    write(built, "index.html", "new");
    write(built, "assets/new.js", "new");
    swapInto(built, out);
    expect(fs.readFileSync(path.join(out, "index.html"), "utf8")).toBe("new");
    expect(fs.readdirSync(path.join(out, "assets"))).toEqual(["new.js"]);
    expect(fs.readdirSync(parent)).toEqual(["www"]);
  });

  it("refuses before building while another npm start owns the embedded data", async () => {
    // The data of a running copy: its PostgreSQL (postmaster.pid) and its owner (pg.owner.pid), both alive.
    const dataDir = tmp("hoiso-busy-");
    write(dataDir, "pg/postmaster.pid", `${process.pid}\n`);
    write(dataDir, "pg.owner.pid", String(process.pid));
    const p = startProcess({ DATA_DIR: dataDir }, ["scripts/build-app/main.ts"]);
    expect(await p.exited, p.output()).toBe(1);
    expect(p.output()).toMatch(/đang được một tiến trình khác dùng/);
    expect(p.output()).not.toMatch(/build/i);
  }, 120_000);
});
