import fs from "node:fs/promises";
import path from "node:path";
import { sql, type ExpressionBuilder } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import type { MediaReference } from "../contract.js";
import { LOCKS, withAdvisoryLock } from "../../db/advisory-lock.js";
import type { JobModule, PeriodicTask } from "../../queue/registry.js";
import { removeQuietly, storagePath } from "./storage.js";

/** A temporary upload file older than this belongs to a request that died half-way. */
const TEMP_AFTER_MS = 60 * 60 * 1000;

/** "No row of any module points at this media item", from every module's declared references. */
function unreferenced(refs: readonly MediaReference[]) {
  return (eb: ExpressionBuilder<DB, "media">) =>
    eb.and(refs.map((r) => eb.not(eb.exists(sql`(SELECT 1 FROM ${sql.table(r.table)} AS ref WHERE ref.${sql.ref(r.column)} = media.id)`))));
}

/**
 * Deletes uploads that no module references (ServerModule.media.references: a submission's attachments, an article's
 * images…) once they are older than MEDIA_ORPHAN_MINUTES (she gave up on the form; an hour by default, so that
 * abandoned uploads do not pile up against anyone's disk or quota), row first, then file: a crash in between leaves
 * only an unreferenced file, which the next round's temp sweep does not touch but which no query can reach either.
 */
export async function sweepMedia(deps: AppDeps, now = new Date()): Promise<{ media: number; temp: number }> {
  const refs = deps.modules.flatMap((m) => m.media?.references ?? []);
  const gone = await deps.db
    .deleteFrom("media")
    .where("created_at", "<", new Date(now.getTime() - deps.config.limits.orphanUploadMinutes * 60_000))
    .where(unreferenced(refs))
    .returning("storage_key")
    .execute();
  for (const m of gone) await removeQuietly(storagePath(deps.config.mediaDir, m.storage_key));

  let temp = 0;
  const tmpDir = path.join(path.resolve(deps.config.mediaDir), "tmp");
  const entries = await fs.readdir(tmpDir).catch(() => [] as string[]);
  for (const name of entries) {
    const file = path.join(tmpDir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && now.getTime() - stat.mtimeMs > TEMP_AFTER_MS) {
      await removeQuietly(file);
      temp++;
    }
  }
  return { media: gone.length, temp };
}

const mediaSweeper: PeriodicTask = {
  name: "media-sweeper",
  everyMs: 10 * 60 * 1000,
  run: (deps) => withAdvisoryLock(deps, LOCKS.mediaSweeper, () => sweepMedia(deps)),
};

export const mediaJobs: JobModule = { periodic: [mediaSweeper] };
