import path from "node:path";
import { ConfigError, loadConfig } from "../../server/src/config.js";
import { EmbeddedAlreadyRunningError, startEmbeddedPostgres, type EmbeddedHandle } from "../../server/src/db/embedded.js";
import { migrate } from "../../server/src/db/migrate.js";
import { openDatabase } from "../../server/src/db/pool.js";
import { seed } from "./seed.js";

/**
 * npm run seed: migrates and seeds the database at DATABASE_URL. Without DATABASE_URL it seeds the embedded database
 * in DATA_DIR (stop `npm start` first; it seeds an empty embedded database on its own anyway).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedHandle | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(path.join(config.dataDir, "pg"), config.embeddedPgPort, (m) => console.log(`[seed] ${m}`));
    url = embedded.url;
  }
  const database = openDatabase(url, 2);
  try {
    await migrate(database.pool);
    const started = Date.now();
    const r = await seed(database.db);
    console.log(
      `[seed] Xong trong ${Date.now() - started} ms: thêm ${r.unitsInserted} đơn vị, ${r.membersInserted} tài khoản demo, ${r.rolesInserted} quyền` +
        (r.unitsInserted === 0 ? " (dữ liệu đã có sẵn, không thay đổi)." : "."),
    );
  } finally {
    await database.close();
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof EmbeddedAlreadyRunningError) console.error(err.message);
  else console.error("[seed] Không nạp được dữ liệu / seeding failed:", err);
  process.exit(1);
});
