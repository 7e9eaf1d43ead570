import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/** Files are kept by media id, fanned out on the id's first two hex digits so no directory grows huge. */
export const storageKeyFor = (id: string) => `${id.slice(0, 2)}/${id}`;

export function storagePath(mediaDir: string, key: string): string {
  const root = path.resolve(mediaDir);
  const full = path.resolve(root, key);
  // Keys come from our own rows, but a path outside the media root must never be opened.
  if (!full.startsWith(root + path.sep)) throw new Error(`storage key escapes the media directory: ${key}`);
  return full;
}

/**
 * Writes the bytes to a private temporary file on the same filesystem as the final place, flushed to disk.
 * Nothing under a storage key exists until `publish` renames it there in one step.
 */
export async function writeTemp(mediaDir: string, bytes: Buffer): Promise<string> {
  const dir = path.join(path.resolve(mediaDir), "tmp");
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `${crypto.randomUUID()}.part`);
  const handle = await fs.open(tmp, "wx", 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  return tmp;
}

export async function publish(tmp: string, mediaDir: string, key: string): Promise<string> {
  const target = storagePath(mediaDir, key);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.rename(tmp, target);
  return target;
}

export async function removeQuietly(file: string | null): Promise<void> {
  if (file) await fs.rm(file, { force: true }).catch(() => undefined);
}
