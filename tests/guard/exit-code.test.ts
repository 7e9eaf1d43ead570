import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/process.js";

interface Run {
  code: number | null;
  out: string;
}

/** Runs a command from the project root with the parent's environment plus `env`, and collects its output. */
function run(cmd: string, args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, out }));
  });
}

const vitest = (fixture: string, env: Record<string, string | undefined> = {}) =>
  run(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/guard/vitest.fixture.config.ts", fixture], env);

/** Nothing answers here, so the global setup falls back to the embedded PostgreSQL. */
const NO_SERVICES = {
  TEST_DATABASE_URL: "postgres://postgres@127.0.0.1:9/postgres",
  TEST_REDIS_URL: "redis://127.0.0.1:9",
  HOISO_REQUIRE: "",
  CI: undefined,
};

/**
 * A failing test must fail the run in every mode: this guards against anything in the process (an exit hook of a
 * dependency, a teardown) replacing the test runner's exit code again.
 */
describe("a failing test fails the run", () => {
  it("with the machine's services, as developers run it", async () => {
    const r = await vitest("failing");
    expect(r.out).toMatch(/1 failed/);
    expect(r.code, r.out).not.toBe(0);
  }, 120_000);

  it("with the CI variables", async () => {
    const r = await vitest("failing", { CI: "true", HOISO_REQUIRE: "postgres,redis" });
    expect(r.out).toMatch(/1 failed/);
    expect(r.code, r.out).not.toBe(0);
  }, 120_000);

  it("with the embedded PostgreSQL fallback", async () => {
    const r = await vitest("failing", NO_SERVICES);
    expect(r.out).toMatch(/embedded PostgreSQL/);
    expect(r.out).toMatch(/1 failed/);
    expect(r.code, r.out).not.toBe(0);
  }, 120_000);

  it("through npm, as `npm test` ends", async () => {
    const r = await run("npm", ["run", "--silent", "test:unit", "--", "--config", "tests/guard/vitest.fixture.config.ts", "failing"], {});
    expect(r.out).toMatch(/1 failed/);
    expect(r.code, r.out).not.toBe(0);
  }, 120_000);

  it("while a passing run still exits 0 (the control)", async () => {
    const r = await vitest("passing", NO_SERVICES);
    expect(r.out).toMatch(/1 passed/);
    expect(r.code, r.out).toBe(0);
  }, 120_000);
});
