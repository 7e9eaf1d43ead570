import { defineConfig } from "vitest/config";

/**
 * The guard's child runs: the same global setup as the real suite (it imports the embedded PostgreSQL, whose package
 * once turned every failing run into exit 0), over the deliberately failing and passing fixtures only.
 */
export default defineConfig({
  test: {
    include: ["tests/guard/fixtures/*.fixture.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    hookTimeout: 60_000,
  },
});
