import { builtinModules } from "node:module";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

/**
 * Import boundaries. A relative import is matched on its text: `../` climbing to a top-level folder of the repo.
 * ESLint's no-restricted-imports sees only static imports and re-exports, so `import("…")` and `typeof import("…")`
 * (how server/src/main.ts used to load scripts/) go through no-restricted-syntax with the same expression.
 */
function boundary(folders, why, { packages = [], nodeBuiltins = false } = {}) {
  const regex = `^(\\.\\./)+(${folders.join("|")})(/|$)`;
  const message = `${why} (see "Guard rails" in docs/CONVENTIONS.md).`;
  const patterns = [{ regex, message }];
  if (packages.length > 0) patterns.push({ group: packages.flatMap((p) => [p, `${p}/*`]), message });
  if (nodeBuiltins) patterns.push({ regex: "^node:", message });
  const paths = nodeBuiltins ? builtinModules.filter((m) => !m.startsWith("_")).map((name) => ({ name, message })) : [];
  const dynamic = [regex, ...(nodeBuiltins ? ["^node:"] : [])];
  return {
    "no-restricted-imports": ["error", { paths, patterns }],
    "no-restricted-syntax": [
      "error",
      ...dynamic.flatMap((re) => [
        { selector: `ImportExpression > Literal.source[value=/${re.replaceAll("/", "\\/")}/]`, message },
        { selector: `TSImportType > Literal.source[value=/${re.replaceAll("/", "\\/")}/]`, message },
      ]),
    ],
  };
}

/** Checked with type information (the Mini App too, below, with the React hooks rules). */
const TYPED = ["server/**/*.ts", "shared/**/*.ts", "scripts/**/*.ts", "tests/**/*.ts", "vitest.config.ts"];

const typeAware = {
  extends: [tseslint.configs.recommendedTypeCheckedOnly],
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  rules: {
    // A promise is awaited, returned, or `void`ed with a comment saying why nobody waits for it.
    "@typescript-eslint/no-floating-promises": "error",
    "@typescript-eslint/no-misused-promises": "error",
    // Promise.all over a mix of ready values and promises is ordinary; an iterable of no promises at all is the mistake.
    "@typescript-eslint/await-thenable": ["error", { allowMixedPromiseArrays: true }],
    "@typescript-eslint/no-unnecessary-type-assertion": "error",
    // The no-unsafe-* family costs as much as all the other rules together (lint 40 s → 56 s of CPU here) and finds
    // only tests reading response bodies as `any`; explicit `any` is already an error everywhere.
    "@typescript-eslint/no-unsafe-assignment": "off",
    "@typescript-eslint/no-unsafe-return": "off",
    "@typescript-eslint/no-unsafe-argument": "off",
    "@typescript-eslint/no-unsafe-call": "off",
    "@typescript-eslint/no-unsafe-member-access": "off",
    // Fastify plugins and handlers written to an async interface are async without awaiting anything.
    "@typescript-eslint/require-await": "off",
  },
};

export default tseslint.config(
  { ignores: ["**/node_modules/**", "mini-app/www/**", "data/**", "test-results/**", "coverage/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
      "no-console": "off",
    },
  },

  // Type-aware rules: each file is checked in the tsconfig project it belongs to (tsconfig.json references them all).
  { files: TYPED, ...typeAware },

  // The Mini App: the same type-aware rules plus React's hooks rules (react-hooks 7's React Compiler rules cost most of
  // the ~20 s of CPU this block adds to `npm run lint`; they found setState in effects and refs read during render).
  { files: ["mini-app/src/**/*.{ts,tsx}"], ...typeAware, extends: [...typeAware.extends, reactHooks.configs.flat.recommended] },

  // Import boundaries, one block per folder (no-restricted-* rules do not merge across blocks; these globs don't overlap).
  {
    files: ["mini-app/src/**"],
    rules: boundary(["server", "scripts", "tests"], "The Mini App runs in the browser: it imports @hoiso/shared and its own code only", {
      packages: ["@hoiso/server"],
      nodeBuiltins: true,
    }),
  },
  {
    files: ["shared/src/**"],
    rules: boundary(["server", "mini-app", "scripts", "tests"], "shared/ is pure (schemas, domain code): no server, Mini App or Node code", {
      packages: ["@hoiso/server", "@hoiso/mini-app"],
      nodeBuiltins: true,
    }),
  },
  {
    files: ["server/src/**"],
    rules: boundary(["mini-app", "scripts", "tests"], "The server never loads scripts/, tests/ or the Mini App's sources; a development tool is passed in by its entry (scripts/start/main.ts)"),
  },
  {
    files: ["scripts/**"],
    rules: boundary(["tests"], "scripts/ never imports tests/: code both need lives in scripts/lib"),
  },
);
