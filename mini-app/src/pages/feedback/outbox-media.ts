import { OUTBOX_MEDIA_LIMITS } from "@hoiso/shared/domain";

/**
 * The photos and voice note of an item written offline (issue 13), kept on the phone in IndexedDB (localStorage holds
 * only text) until the outbox uploads them just before sending the item. Keyed by the outbox entry's key; deleted once
 * the item is sent, or when it leaves the outbox any other way. outbox.ts decides what may be kept at all: never the
 * media of a sensitive, private-category or anonymous item, whose text is not kept either.
 */
export interface LocalMedia {
  /** Unique within the entry; what the entry's `localMedia` lists, in the order they go with the item. */
  id: string;
  kind: "image" | "audio";
  name: string;
  size: number;
}

interface Row {
  /** `${entryKey}/${id}` */
  key: string;
  entryKey: string;
  blob: Blob;
}

const DB_NAME = "hoiso-outbox";
const STORE = "media";

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  if (opening) return opening;
  opening = new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === "undefined") return reject(new Error("no IndexedDB"));
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore(STORE, { keyPath: "key" });
      store.createIndex("entryKey", "entryKey");
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB refused"));
    req.onblocked = () => reject(new Error("IndexedDB blocked"));
  });
  // A refusal (private mode, storage off) is not remembered: the next try may find it allowed.
  opening.catch(() => {
    opening = null;
  });
  return opening;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB write failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB write aborted"));
  });
}

function result<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB read failed"));
  });
}

/** Bytes kept for every waiting item, to hold the total under its cap. */
async function keptBytes(db: IDBDatabase): Promise<number> {
  const rows = await result(db.transaction(STORE).objectStore(STORE).getAll() as IDBRequest<Row[]>);
  return rows.reduce((n, r) => n + r.blob.size, 0);
}

export type KeepMediaResult = { kept: LocalMedia[] } | { refused: "too-big" | "no-storage" };

/**
 * Writes the blobs of one item, all or nothing. Refused when they are over the per-item cap, would take the phone's
 * outbox over its total cap, or the phone will not store them.
 */
export async function keepMedia(entryKey: string, files: Array<{ blob: Blob; kind: LocalMedia["kind"]; name: string }>): Promise<KeepMediaResult> {
  if (files.length === 0) return { kept: [] };
  const size = files.reduce((n, f) => n + f.blob.size, 0);
  if (size > OUTBOX_MEDIA_LIMITS.itemMaxBytes) return { refused: "too-big" };
  try {
    const db = await open();
    if ((await keptBytes(db)) + size > OUTBOX_MEDIA_LIMITS.totalMaxBytes) return { refused: "too-big" };
    const tx = db.transaction(STORE, "readwrite");
    const store = tx.objectStore(STORE);
    const kept = files.map((f, i) => ({ id: `m${i}`, kind: f.kind, name: f.name, size: f.blob.size }));
    files.forEach((f, i) => store.put({ key: `${entryKey}/m${i}`, entryKey, blob: f.blob } satisfies Row));
    await done(tx);
    return { kept };
  } catch {
    return { refused: "no-storage" };
  }
}

/** One kept blob, or null when it is gone (cleared by the phone, or by another tab after sending). */
export async function readMedia(entryKey: string, id: string): Promise<Blob | null> {
  const db = await open();
  const row = await result(db.transaction(STORE).objectStore(STORE).get(`${entryKey}/${id}`) as IDBRequest<Row | undefined>);
  return row?.blob ?? null;
}

/** Removes every blob of an item (sent, refused and taken back into the form, or dropped). */
export async function dropMedia(entryKey: string): Promise<void> {
  try {
    const db = await open();
    const tx = db.transaction(STORE, "readwrite");
    const store = tx.objectStore(STORE);
    const keys = await result(store.index("entryKey").getAllKeys(IDBKeyRange.only(entryKey)));
    for (const k of keys) store.delete(k);
    await done(tx);
  } catch {
    // nothing stored, or storage unavailable: nothing to free
  }
}

/** Removes the blobs of items no longer in the outbox (a tab closed between writing the blobs and the entry). */
export async function dropMediaExcept(alive: ReadonlySet<string>): Promise<void> {
  try {
    const db = await open();
    const tx = db.transaction(STORE, "readwrite");
    const store = tx.objectStore(STORE);
    const rows = await result(store.getAll() as IDBRequest<Row[]>);
    for (const r of rows) if (!alive.has(r.entryKey)) store.delete(r.key);
    await done(tx);
  } catch {
    // storage unavailable: nothing was kept there
  }
}
