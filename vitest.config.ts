import { defineConfig } from "vitest/config";

const MINI_APP = ["tests/mini-app/**/*.test.ts", "tests/mini-app/**/*.test.tsx"];

export default defineConfig({
  test: {
    globalSetup: ["tests/helpers/global-setup.ts"],
    // Two shared cores: a test that starts a browser or a child process can be slow without being wrong.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Most files wait on a browser, a child process or the queue more than they compute: a third file at once uses
    // the cores a run of two left idle. PostgreSQL's connections bound it (server/src/queue/connection.ts).
    maxWorkers: 3,
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
