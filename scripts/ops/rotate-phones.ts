import path from "node:path";
import { ConfigError, loadStorageConfig } from "../../server/src/config.js";
import { startEmbeddedPostgres, type EmbeddedHandle } from "../../server/src/db/embedded.js";
import { migrate } from "../../server/src/db/migrate.js";
import { openDatabase } from "../../server/src/db/pool.js";
import { DEVELOPMENT_PHONE_KEYS, parsePhoneKeys } from "../../server/src/privacy/phones.js";
import { phoneKeyUsage, resealPhones } from "../../server/src/privacy/reseal.js";

/**
 * npm run rotate:phones: seals every stored phone number under the first key of PHONE_KEYS — the plaintext numbers
 * from before migration 130 and those sealed with an older key — a batch at a time (ROTATE_BATCH, default 500), then
 * prints how many numbers each key seals. Safe to stop and run again; safe beside the running app. A key may leave
 * PHONE_KEYS once it counts 0 (docs/DEPLOYMENT.md, "Personal data at rest").
 */
async function main(): Promise<void> {
  const storage = loadStorageConfig();
  const production = process.env.NODE_ENV === "production" || (!!storage.DATABASE_URL && !process.env.NODE_ENV);
  if (production && !process.env.PHONE_KEYS) throw new ConfigError(["PHONE_KEYS is required in production"]);
  const parsed = parsePhoneKeys(process.env.PHONE_KEYS ?? DEVELOPMENT_PHONE_KEYS);
  if ("problems" in parsed) throw new ConfigError(parsed.problems);
  const batch = Number(process.env.ROTATE_BATCH ?? 500);
  if (!Number.isInteger(batch) || batch < 1) throw new ConfigError([`ROTATE_BATCH must be a positive integer (got ${process.env.ROTATE_BATCH})`]);

  let embedded: EmbeddedHandle | null = null;
  let url = storage.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(path.join(storage.DATA_DIR, "pg"), storage.EMBEDDED_PG_PORT, (m) => console.log(`[rotate] ${m}`));
    url = embedded.url;
  }
  const database = openDatabase(url, 2);
  try {
    await migrate(database.pool);
    console.log(`[rotate] before: ${JSON.stringify(await phoneKeyUsage(database.db))}`);
    const started = Date.now();
    const r = await resealPhones(database.db, parsed.ring, { batch, onBatch: (t, n) => console.log(`[rotate] ${t}: ${n} sealed under "${parsed.ring.current.id}"`) });
    const after = await phoneKeyUsage(database.db);
    console.log(`[rotate] done in ${Date.now() - started} ms: ${JSON.stringify(r.resealed)}`);
    console.log(`[rotate] after: ${JSON.stringify(after)}`);
    const left = Object.keys(after).filter((k) => k !== parsed.ring.current.id);
    console.log(left.length === 0 ? `[rotate] every number is under "${parsed.ring.current.id}": the other keys may leave PHONE_KEYS.` : `[rotate] still outside the current key: ${left.join(", ")}`);
  } finally {
    await database.close();
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
