import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    // Two shared cores: a test that starts a browser or a child process can be slow without being wrong.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: a third file at once made each file 1.6 times slower (measured), and more files only add contention
    // on PostgreSQL.
    maxWorkers: 2,
    minWorkers: 1,
    // Every server file imports the whole server: loading it once per worker process rather than once per file saves
    // minutes of the run. Each file still builds its own database, queue namespace and app; a stubbed global or
    // environment variable is put back after each test. (vitest 3.2 applies only the root's `isolate`, not a
    // project's, so the Mini App's files share a worker too; they pass in any order: `--sequence.shuffle`.)
    isolate: false,
    unstubGlobals: true,
    unstubEnvs: true,
  },
});
