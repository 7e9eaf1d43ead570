import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../../server/src/db/migrate.js";
import { startEmbeddedPostgres, type EmbeddedHandle } from "../../server/src/db/embedded.js";
import { reachable, required } from "./services.js";
import { embeddedPgPort } from "./ports.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgRunId: string;
  }
}

/**
 * One migrated template database per run; every test file clones it (CREATE DATABASE … TEMPLATE),
 * which takes milliseconds and gives each file a database of its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  let embedded: EmbeddedHandle | null = null;
  let tmp: string | null = null;
  const u = new URL(adminUrl);
  if (!(await reachable(u.hostname, Number(u.port || 5432)))) {
    if (required("postgres")) throw new Error(`HOISO_REQUIRE includes postgres but ${u.host} does not answer`);
    console.warn(`[tests] PostgreSQL not reachable at ${u.host}: using the embedded PostgreSQL for this run.`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-test-pg-"));
    fs.chmodSync(tmp, 0o777);
    embedded = await startEmbeddedPostgres(path.join(tmp, "pg"), embeddedPgPort(0));
    const e = new URL(embedded.url);
    e.pathname = "/postgres";
    adminUrl = e.toString();
  }
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const template = `hoiso_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const tplUrl = new URL(adminUrl);
  tplUrl.pathname = `/${template}`;
  const pool = new pg.Pool({ connectionString: tplUrl.toString(), max: 1 });
  await migrate(pool);
  await pool.end();
  await admin.end();

  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);
  project.provide("pgRunId", runId);

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    // Test files drop their own databases; sweep leftovers of crashed files and the template.
    const left = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2",
      [`hoiso_t_${runId}_%`, template],
    );
    for (const r of left.rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => undefined);
    await c.end();
    if (embedded) await embedded.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
}
