import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/process.js";

const SRC = path.join(ROOT, "mini-app/src");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const isCatalogue = (f: string) => f.split(path.sep).includes("i18n");
const catalogueDirs = () => files(SRC).filter((f) => isCatalogue(f) && path.basename(f) === "vi.ts").map((f) => path.dirname(f));

/**
 * Code that holds Vietnamese on purpose, as data rather than interface text: the seed's demo account names (they must
 * match scripts/seed) and the server's name for a member without a Zalo name (compared with what the server returns).
 */
const DATA_FILES = ["pages/login/demoAccounts.ts", "zaloName.ts"];

/** Letters only Vietnamese uses among the app's languages (hmn and dao are written without them). */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
/** JSX attributes people read or hear: a literal there is interface text whatever its letters. */
const SPOKEN_ATTRIBUTES = new Set(["label", "title", "placeholder", "aria-label", "alt", "text", "confirm", "description", "errorText", "lead", "body"]);

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Interface text left in code: string literals with Vietnamese letters, any JSX text, any literal in a spoken attribute. */
function literalsIn(file: string): Finding[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Finding[] = [];
  const add = (node: ts.Node, text: string) =>
    found.push({ file: path.relative(SRC, file), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim().slice(0, 80) });
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) add(node, node.text);
    else if (ts.isJsxAttribute(node) && SPOKEN_ATTRIBUTES.has(node.name.getText(source)) && node.initializer && ts.isStringLiteral(node.initializer)) {
      if (/\p{L}/u.test(node.initializer.text)) add(node, node.initializer.text);
      return;
    } else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) && VIETNAMESE.test(node.text)) {
      add(node, node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const variables = (s: string) => new Set([...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]));

describe("the Mini App's catalogues", () => {
  it("leave no interface text in components: every user-facing string comes from a catalogue", () => {
    const offenders = files(SRC)
      .filter((f) => !isCatalogue(f) && !DATA_FILES.includes(path.relative(SRC, f).split(path.sep).join("/")))
      .flatMap(literalsIn)
      .map((f) => `${f.file}:${f.line} ${f.text}`);
    expect(offenders).toEqual([]);
  });

  it("the scan finds Vietnamese text when there is some (the check above can fail)", () => {
    const probe = path.join(SRC, "components/States.tsx");
    const seeded = literalsIn(probe);
    expect(seeded).toEqual([]);
    const tmp = path.join(ROOT, "node_modules/.cache/catalogue-probe.tsx");
    fs.mkdirSync(path.dirname(tmp), { recursive: true });
    fs.writeFileSync(tmp, 'export const A = () => <p title="Thi">Đang tải<b>{"Thử lại"}</b></p>;\n');
    try {
      expect(literalsIn(tmp).map((f) => f.text)).toEqual(["Thi", "Đang tải", "Thử lại"]);
    } finally {
      fs.rmSync(tmp);
    }
  });

  it("give every page or feature vi, hmn and dao, with hmn and dao marked for review", async () => {
    const dirs = catalogueDirs();
    expect(dirs.length).toBeGreaterThanOrEqual(10);
    for (const dir of dirs) {
      for (const lang of ["hmn", "dao"]) {
        const mod = (await import(path.join(dir, `${lang}.ts`))) as { REVIEW_STATUS?: string; default?: unknown };
        expect(mod.REVIEW_STATUS, `${path.relative(SRC, dir)}/${lang}.ts`).toMatch(/^(needs-review|reviewed)$/);
        expect(typeof mod.default, `${path.relative(SRC, dir)}/${lang}.ts`).toBe("object");
      }
      const index = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
      expect(index, `${path.relative(SRC, dir)}/index.ts registers hmn and dao lazily`).toMatch(/hmn: \(\) => import\("\.\/hmn\.js"\), dao: \(\) => import\("\.\/dao\.js"\)/);
    }
  });

  it("translate only keys vi has, with the same placeholders, and never an empty string", async () => {
    const problems: string[] = [];
    let translated = 0;
    for (const dir of catalogueDirs()) {
      const vi = leaves(((await import(path.join(dir, "vi.ts"))) as { default: Tree }).default);
      for (const lang of ["hmn", "dao"]) {
        const other = leaves(((await import(path.join(dir, `${lang}.ts`))) as { default: Tree }).default);
        for (const [key, text] of other) {
          const where = `${path.relative(SRC, dir)}/${lang}.ts ${key}`;
          const source = vi.get(key);
          if (source === undefined) problems.push(`${where}: not in vi`);
          else if ([...variables(text)].some((v) => !variables(source).has(v))) problems.push(`${where}: placeholder vi does not fill`);
          if (!text.trim()) problems.push(`${where}: empty`);
          if (lang === "hmn") translated++;
        }
      }
    }
    expect(problems).toEqual([]);
    // A handful of real strings on the main screens (navigation, home, sending, the language picker).
    expect(translated).toBeGreaterThanOrEqual(15);
  });
});
