import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** Child processes of ours, for tests (through tests/helpers/process.ts) and benchmarks alike. */

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `re` in stdout+stderr, or rejects on exit/timeout. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs the server as a real child process, as `npm start` does (minus the Mini App build): scripts/start/main.ts,
 * which adds the Zalo simulator and the first-start seed where config.ts allows them.
 */
export function startServerProcess(env: Record<string, string>, args: string[] = [], nodeArgs: string[] = []): ServerProcess {
  return startProcess(env, [...nodeArgs, "scripts/start/main.ts", ...args]);
}

/**
 * Runs a TypeScript entry point of ours (node --import tsx …) as a child process with only `env` set.
 * `detached` gives it a process group of its own, so a test can signal the group as a terminal's Ctrl-C does.
 */
export function startProcess(env: Record<string, string>, args: string[], opts: { detached?: boolean } = {}): ServerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: opts.detached === true,
  });
  let out = "";
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor(re, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(re);
          if (m) {
            cleanup();
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${re}; output:\n${out}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then((code) => {
          if (listeners.has(check)) {
            cleanup();
            reject(new Error(`process exited (${code}) before ${re}; output:\n${out}`));
          }
        });
        check();
      });
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
