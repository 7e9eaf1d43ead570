import path from "node:path";
import { ConfigError, loadStorageConfig } from "../../server/src/config.js";
import { EmbeddedAlreadyRunningError, startEmbeddedPostgres, type EmbeddedHandle } from "../../server/src/db/embedded.js";
import { migrate } from "../../server/src/db/migrate.js";
import { openDatabase } from "../../server/src/db/pool.js";
import { seed } from "./seed.js";

/**
 * npm run seed: migrates and seeds the database at DATABASE_URL with the unit tree of Lào Cai. The demo chi hội, tổ
 * and accounts (a province admin among them) are added only with `--demo`: a real database gets none by accident.
 * Without DATABASE_URL it seeds the embedded database in DATA_DIR, demo included as `npm start` does (`--no-demo`
 * leaves it out); stop `npm start` first.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--demo" && a !== "--no-demo");
  if (unknown.length > 0) throw new ConfigError([`unknown argument(s): ${unknown.join(" ")} (use --demo or --no-demo)`]);
  const config = loadStorageConfig();
  let embedded: EmbeddedHandle | null = null;
  let url = config.DATABASE_URL;
  const demo = args.includes("--demo") || (!url && !args.includes("--no-demo"));
  if (!url) {
    embedded = await startEmbeddedPostgres(path.join(config.DATA_DIR, "pg"), config.EMBEDDED_PG_PORT, (m) => console.log(`[seed] ${m}`));
    url = embedded.url;
  }
  const database = openDatabase(url, 2);
  try {
    await migrate(database.pool);
    const started = Date.now();
    const r = await seed(database.db, { demo });
    console.log(
      `[seed] Xong trong ${Date.now() - started} ms: thêm ${r.unitsInserted} đơn vị, ${r.membersInserted} tài khoản demo, ${r.rolesInserted} quyền` +
        (r.unitsInserted === 0 && r.membersInserted === 0 ? " (dữ liệu đã có sẵn, không thay đổi)." : ".") +
        (demo ? "" : " Không tạo dữ liệu demo (thêm --demo nếu cần)."),
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
