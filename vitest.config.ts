import { defineConfig } from "vitest/config";

const MINI_APP = ["tests/mini-app/**/*.test.ts", "tests/mini-app/**/*.test.tsx"];

export default defineConfig({
  test: {
    globalSetup: ["tests/helpers/global-setup.ts"],
    // Two shared cores: a test that starts a browser or a child process can be slow without being wrong.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: a third file at once made each file 1.6 times slower (measured), and more files only add contention
    // on PostgreSQL.
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        extends: true,
        // The Mini App's own modules stub globals and mock zmp-sdk: each file in a fresh module graph.
        test: { name: "mini-app", include: MINI_APP },
      },
      {
        extends: true,
        // Every server file imports the whole server: loading it once per worker rather than once per file saves
        // about ten minutes of the run. Each file still builds its own database, queue namespace and app.
        test: { name: "server", include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"], exclude: MINI_APP, isolate: false },
      },
    ],
  },
});
