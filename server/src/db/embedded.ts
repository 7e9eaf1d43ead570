import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "./embedded-postgres.js";
import pg from "pg";
import { startPostmaster } from "./postmaster.js";

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

interface DataDirState {
  lockFile: string;
  /** A PostgreSQL still running on this data. */
  postgresPid: number | null;
  /** Why another live Hội Số process owns this data, or null when nobody does. */
  busy: string | null;
}

/**
 * PostgreSQL's postmaster.pid stops a second server on the same data; our own lock file says which Hội Số process
 * owns that server. A live owner means a second `npm start`. A running PostgreSQL without a live owner is an orphan
 * of a killed run. Reads only.
 */
function inspectDataDir(dataDir: string): DataDirState {
  const lockFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.owner.pid`);
  const pidFile = path.join(dataDir, "postmaster.pid");
  const owner = fs.existsSync(lockFile) ? Number(fs.readFileSync(lockFile, "utf8").trim()) : NaN;
  const ownerAlive = Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner);
  const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]) : NaN;
  const postgresPid = Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
  let busy: string | null = null;
  if (postgresPid !== null && (ownerAlive || !fs.existsSync(lockFile))) {
    busy =
      `Cơ sở dữ liệu nhúng ở ${dataDir} đang được một tiến trình khác dùng (PostgreSQL pid ${postgresPid}${ownerAlive ? `, Hội Số pid ${owner}` : ""}). ` +
      `Hãy dừng lần chạy "npm start" kia trước, hoặc đặt DATA_DIR khác.\n` +
      `The embedded database in ${dataDir} is already in use by another process (pid ${postgresPid}).`;
  } else if (postgresPid === null && ownerAlive) {
    busy = `Hội Số (pid ${owner}) đang khởi động với dữ liệu ở ${dataDir}. Hãy chờ nó chạy xong hoặc dừng nó trước.`;
  }
  return { lockFile, postgresPid, busy };
}

/** Why the embedded database in `dir` (DATA_DIR/pg) is in use by another running Hội Số, or null if it is free. */
export function embeddedDataInUse(dir: string): string | null {
  return inspectDataDir(path.resolve(dir)).busy;
}

/**
 * Refuses data a live Hội Số owns; stops a PostgreSQL a killed run left orphaned and carries on, so a crash never
 * needs manual clean-up.
 */
async function claimDataDir(dataDir: string, log: (msg: string) => void): Promise<string> {
  const { lockFile, postgresPid, busy } = inspectDataDir(dataDir);
  if (busy) throw new EmbeddedAlreadyRunningError(busy);
  if (postgresPid !== null) {
    log(`PostgreSQL nhúng còn chạy từ lần trước (pid ${postgresPid}) mà không còn tiến trình Hội Số nào dùng: đang dừng nó…`);
    process.kill(postgresPid, "SIGINT"); // "fast" shutdown: rolls back open transactions, keeps the data consistent
    if (!(await waitForExit(postgresPid, 15_000))) throw new EmbeddedAlreadyRunningError(`PostgreSQL pid ${postgresPid} không dừng được.`);
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  fs.writeFileSync(lockFile, String(process.pid));
  return lockFile;
}

/**
 * Starts the PostgreSQL that the embedded-postgres package ships, with its data in `dir`.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  log: (msg: string) => void = () => undefined,
  opts: { ownSession?: boolean } = {},
): Promise<EmbeddedHandle> {
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
  // The package creates the cluster (initdb, the postgres user when we are root); we run the server ourselves.
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  const postmaster = await startPostmaster(dataDir, port, { ownSession: opts.ownSession === true });
  const stop = async () => {
    await postmaster.stop();
    fs.rmSync(lockFile, { force: true });
  };
  try {
    const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
    await admin.connect();
    try {
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DB_NAME}`);
    } finally {
      await admin.end();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DB_NAME}`, stop };
}
