import crypto from "node:crypto";
import fs from "node:fs/promises";
import { sql, type Transaction } from "kysely";
import type { MediaMime, MediaUploaded } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import type { Db } from "../../db/pool.js";
import type { DB } from "../../db/types.js";
import { notFound, unauthenticated } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { mediaGrant, type MediaGrant } from "./access.js";
import { notYours, quotaExceeded } from "./errors.js";
import type { Inspected } from "./sniff.js";
import { publish, removeQuietly, storageKeyFor, storagePath, writeTemp } from "./storage.js";

/** Advisory lock class for one member's uploads (the second key is her id's hash): quota checks do not race. */
const QUOTA_LOCK = 7_310_100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Stores an inspected upload: bytes to a temp file, then in one transaction the row is inserted and the file renamed
 * into place. A failure anywhere removes the file, so there is never a row without a file or a visible half file.
 * Her uploads are serialised by an advisory lock so that parallel uploads cannot overshoot her storage quota.
 */
export async function saveMedia(deps: AppDeps, ownerId: string, media: Inspected): Promise<MediaUploaded> {
  const id = crypto.randomUUID();
  const key = storageKeyFor(id);
  const dir = deps.config.mediaDir;
  const tmp = await writeTemp(dir, media.bytes);
  let placed: string | null = null;
  try {
    await deps.db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${QUOTA_LOCK}, hashtext(${ownerId}))`.execute(tx);
      const used = await tx
        .selectFrom("media")
        .select((eb) => eb.fn.coalesce(eb.fn.sum<string>("size_bytes"), sql<string>`0`).as("bytes"))
        .where("owner_id", "=", ownerId)
        .executeTakeFirstOrThrow();
      const quota = deps.config.limits.mediaQuotaBytes;
      if (Number(used.bytes) + media.bytes.length > quota) throw quotaExceeded(quota);
      await tx
        .insertInto("media")
        .values({
          id,
          owner_id: ownerId,
          kind: media.kind,
          mime: media.mime,
          size_bytes: media.bytes.length,
          sha256: crypto.createHash("sha256").update(media.bytes).digest("hex"),
          duration_ms: media.durationMs,
          storage_key: key,
        })
        .execute();
      placed = await publish(tmp, dir, key);
    });
  } catch (err) {
    await removeQuietly(tmp);
    await removeQuietly(placed);
    throw err;
  }
  return { id, kind: media.kind, mime: media.mime, sizeBytes: media.bytes.length };
}

export interface MediaFile {
  id: string;
  mime: MediaMime;
  sizeBytes: number;
  sha256: string;
  path: string;
  grant: MediaGrant;
}

/**
 * The file behind a media id, for its owner, anyone when a module made it public, or a caller a module admits.
 * Without a session anything not public is 401 (known or not: nothing is revealed); with one, 404 as for an unknown id.
 */
export async function openMediaFor(deps: AppDeps, auth: AuthContext | null, id: string): Promise<MediaFile> {
  const gone = () => (auth ? notFound("Không tìm thấy tệp đính kèm.") : unauthenticated());
  const row = await deps.db
    .selectFrom("media")
    .select(["id", "owner_id", "mime", "size_bytes", "sha256", "storage_key"])
    .where("id", "=", id)
    .executeTakeFirst();
  const grant = row ? await mediaGrant(deps, auth, { id: row.id, ownerId: row.owner_id }) : null;
  if (!row || !grant) throw gone();
  const file = storagePath(deps.config.mediaDir, row.storage_key);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) throw gone();
  return { id: row.id, mime: row.mime as MediaMime, sizeBytes: stat.size, sha256: row.sha256, path: file, grant };
}

/**
 * For modules that attach media to something (feedback): every id must be an upload of this member.
 * Returns each distinct id once, in the order given, with its kind. Unknown, malformed or someone else's ids
 * throw 400 MEDIA_NOT_YOURS without saying which (that would reveal that another woman's file exists).
 * Inside a transaction the rows are share-locked until it ends.
 */
export async function assertOwnMedia(
  db: Db | Transaction<DB>,
  memberId: string,
  ids: string[],
): Promise<Array<{ id: string; kind: "image" | "audio" | "document" }>> {
  const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (wanted.length === 0) return [];
  if (!wanted.every((id) => UUID.test(id))) throw notYours();
  const rows = await db
    .selectFrom("media")
    .select(["id", "kind"])
    .where("id", "in", wanted)
    .where("owner_id", "=", memberId)
    .forShare()
    .execute();
  const kinds = new Map(rows.map((r) => [r.id, r.kind]));
  return wanted.map((id) => {
    const kind = kinds.get(id);
    if (!kind) throw notYours();
    return { id, kind };
  });
}
