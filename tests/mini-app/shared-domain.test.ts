import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as everything from "@hoiso/shared";
import * as domain from "@hoiso/shared/domain";
import { ROOT } from "../helpers/process.js";

function files(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p, ext) : ext.test(e.name) ? [p] : [];
  });
}

const importsOf = (source: string) => [...source.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gm)].map((m) => ({ typeOnly: Boolean(m[2]), from: m[3]! }));

/**
 * The Mini App takes limits, labels and pure functions from `@hoiso/shared/domain`, which builds no TypeBox schema;
 * the full `@hoiso/shared` is for types only. Nothing is copied, so nothing can drift.
 */
describe("shared's pure domain entry", () => {
  it("holds the same values the schemas and the server use", () => {
    expect(domain.MAX_PHOTOS).toBe(everything.MAX_PHOTOS);
    expect(domain.MAX_BODY_LENGTH).toBe(everything.MAX_BODY_LENGTH);
    expect(domain.MEDIA_LIMITS).toBe(everything.MEDIA_LIMITS);
    expect(domain.normalizeTrackingCode).toBe(everything.normalizeTrackingCode);
    expect(everything.CreateSubmissionBody.properties.body.maxLength).toBe(domain.MAX_BODY_LENGTH);
  });

  it("re-exports every file of shared/src/domain and imports nothing outside it", () => {
    const dir = path.join(ROOT, "shared/src/domain");
    const index = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    for (const f of files(dir, /\.ts$/).map((f) => path.basename(f, ".ts")).filter((f) => f !== "index")) {
      expect(index, `domain/index.ts re-exports ${f}`).toContain(`"./${f}.js"`);
    }
    for (const f of files(dir, /\.ts$/)) {
      const outside = importsOf(fs.readFileSync(f, "utf8")).filter((i) => !i.typeOnly && !i.from.startsWith("./"));
      expect(outside, path.relative(ROOT, f)).toEqual([]);
    }
  });

  it("is the Mini App's only runtime source of shared code", () => {
    const src = path.join(ROOT, "mini-app/src");
    const offenders = files(src, /\.tsx?$/).flatMap((f) =>
      importsOf(fs.readFileSync(f, "utf8"))
        .filter((i) => (i.from === "@hoiso/shared" && !i.typeOnly) || i.from.includes("shared/src"))
        .map((i) => `${path.relative(ROOT, f)}: ${i.from}`),
    );
    expect(offenders).toEqual([]);
  });
});
