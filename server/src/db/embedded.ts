import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "./embedded-postgres.js";
import pg from "pg";

export interface EmbeddedHandle {
  url: string;
  stop(): Promise<void>;
}

export class EmbeddedAlreadyRunningError extends Error {}

const DB_NAME = "hoiso";
const USER = "postgres";
// Local-only server bound to 127.0.0.1; the password keeps other local users out.
const PASSWORD = "hoiso-embedded";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Starts the PostgreSQL that the embedded-postgres package ships, with its data in `dir`.
 * PostgreSQL's own postmaster.pid guards the data; we read it first to say clearly what is wrong.
 */
async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * PostgreSQL's postmaster.pid stops a second server on the same data; our own lock file says which Hội Số process
 * owns that server. A live owner means a second `npm start`: refuse. A dead owner means the last run was killed and
 * left PostgreSQL orphaned: stop it and carry on, so a crash never needs manual clean-up.
 */
async function claimDataDir(dataDir: string, log: (msg: string) => void): Promise<string> {
  const lockFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.owner.pid`);
  const pidFile = path.join(dataDir, "postmaster.pid");
  const owner = fs.existsSync(lockFile) ? Number(fs.readFileSync(lockFile, "utf8").trim()) : NaN;
  const ownerAlive = Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner);
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      if (ownerAlive || !fs.existsSync(lockFile)) {
        throw new EmbeddedAlreadyRunningError(
          `Cơ sở dữ liệu nhúng ở ${dataDir} đang được một tiến trình khác dùng (PostgreSQL pid ${pid}${ownerAlive ? `, Hội Số pid ${owner}` : ""}). ` +
            `Hãy dừng lần chạy "npm start" kia trước, hoặc đặt DATA_DIR khác.\n` +
            `The embedded database in ${dataDir} is already in use by another process (pid ${pid}).`,
        );
      }
      log(`PostgreSQL nhúng còn chạy từ lần trước (pid ${pid}) mà không còn tiến trình Hội Số nào dùng: đang dừng nó…`);
      process.kill(pid, "SIGINT"); // "fast" shutdown: rolls back open transactions, keeps the data consistent
      if (!(await waitForExit(pid, 15_000))) throw new EmbeddedAlreadyRunningError(`PostgreSQL pid ${pid} không dừng được.`);
    }
  } else if (ownerAlive) {
    throw new EmbeddedAlreadyRunningError(
      `Hội Số (pid ${owner}) đang khởi động với dữ liệu ở ${dataDir}. Hãy chờ nó chạy xong hoặc dừng nó trước.`,
    );
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  fs.writeFileSync(lockFile, String(process.pid));
  return lockFile;
}

/**
 * Starts the PostgreSQL that the embedded-postgres package ships, with its data in `dir`.
 */
export async function startEmbeddedPostgres(dir: string, port: number, log: (msg: string) => void = () => undefined): Promise<EmbeddedHandle> {
  const dataDir = path.resolve(dir);
  const lockFile = await claimDataDir(dataDir, log);
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as the `postgres` system user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    onLog: () => undefined,
    onError: (e) => log(String(e)),
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DB_NAME}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DB_NAME}`,
    async stop() {
      await server.stop();
      fs.rmSync(lockFile, { force: true });
    },
  };
}
