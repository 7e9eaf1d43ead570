import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    // Two shared cores: a test that starts a browser or a child process can be slow without being wrong.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: more parallel files only add contention on PostgreSQL.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
