import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/process.js";

/** Zalo refuses a Mini App with a file over 3 MB or a package over 10 MB zipped (zmp-cli's deploy limits). */
const FILE_LIMIT = 3 * 1024 * 1024;
const ZIP_LIMIT = 10 * 1024 * 1024;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe("the built Mini App fits Zalo's deploy limits", () => {
  const www = path.join(ROOT, "mini-app/www");

  it("has been built, with the asset list zmp-vite-plugin writes", () => {
    expect(fs.existsSync(path.join(www, "index.html")), "run `npm run build:app` (npm test does it first)").toBe(true);
    const config = JSON.parse(fs.readFileSync(path.join(www, "app-config.json"), "utf8")) as { listSyncJS?: string[]; listCSS?: string[] };
    expect((config.listSyncJS ?? []).length + (config.listCSS ?? []).length).toBeGreaterThan(0);
  });

  it("keeps every file under 3 MB and the package under 10 MB compressed", () => {
    const all = files(www);
    const big = all.filter((f) => fs.statSync(f).size > FILE_LIMIT);
    expect(big).toEqual([]);
    // Deflate per file, as a zip does; the real archive adds only small headers.
    const zipped = all.reduce((sum, f) => sum + zlib.deflateRawSync(fs.readFileSync(f), { level: 9 }).length + 100, 0);
    console.log(`[bundle] ${all.length} files, ${(all.reduce((s, f) => s + fs.statSync(f).size, 0) / 1024).toFixed(0)} KB, ~${(zipped / 1024).toFixed(0)} KB zipped`);
    expect(zipped).toBeLessThan(ZIP_LIMIT);
  });

  it("carries no TypeBox: the Mini App takes shared code from @hoiso/shared/domain, which builds no schema", () => {
    const js = files(path.join(www, "assets")).filter((f) => f.endsWith(".js"));
    const withSchemas = js.filter((f) => fs.readFileSync(f, "utf8").includes("TypeBox.Kind"));
    expect(withSchemas.map((f) => path.basename(f))).toEqual([]);
  });

  it("lets the first screen load only its own JavaScript, pages coming later", () => {
    const html = fs.readFileSync(path.join(www, "index.html"), "utf8");
    // What a first visit downloads before the home screen can run: the entry module and the modules it preloads.
    const first = [...html.matchAll(/<(?:script type="module"[^>]*\ssrc|link rel="modulepreload"[^>]*\shref)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    const all = files(path.join(www, "assets")).filter((f) => f.endsWith(".js"));
    const size = (list: string[]) => list.reduce((sum, f) => sum + fs.statSync(f).size, 0);
    const firstBytes = size(first.map((f) => path.join(www, f)));
    const allBytes = size(all);
    console.log(`[bundle] first screen ${first.length} JS files, ${(firstBytes / 1024).toFixed(0)} KB of ${(allBytes / 1024).toFixed(0)} KB`);
    expect(first.length).toBeGreaterThan(0);
    // The pages she has not opened (Phản ánh, Cán bộ, Cá nhân…) are separate chunks, not in the first download.
    expect(all.some((f) => /\/feedback\.[^/]+\.js$/.test(f)), "the Phản ánh page is a chunk of its own").toBe(true);
    expect(first.some((f) => /\/(feedback|canbo|profile|login)\./.test(f))).toBe(false);
    expect(firstBytes).toBeLessThan(allBytes);
  });
});
