import type { Category, CreateSubmissionBody, SubmissionCreated } from "@hoiso/shared";
import { dropMedia, type LocalMedia } from "./outbox-media.js";

/**
 * Items written without a connection (issue 13), kept on the phone until they can be sent. Each entry carries the
 * form's idempotency key, so however often it is sent — a lost answer, two tabs, a reload mid-send — the server stores
 * it once; and only one tab sends at a time (a Web Lock, or a short lease in storage where Web Locks are missing), so
 * the same entry is never in flight twice.
 *
 * Never for anything sensitive: a private category, an item she marked sensitive, or anything she sends anonymously.
 * A woman may share her phone with the very person she is writing about; those items are sent only while online.
 * Text, what was already uploaded (media ids) and, in IndexedDB (outbox-media.ts), the photos and voice note that
 * could not be uploaded yet: those are uploaded just before the item is sent and deleted once it is. A location token
 * is single-use and short-lived, so it is dropped.
 */
export interface OutboxEntry {
  /** The form's Idempotency-Key: the same for every attempt. */
  key: string;
  memberId: string;
  body: CreateSubmissionBody;
  /** Photos and a voice note waiting on the phone (IndexedDB) to be uploaded before the item is sent, in order. */
  localMedia?: LocalMedia[];
  /** Of those, the ones uploaded already (local id → server media id): a retry does not upload them again. */
  uploaded?: Record<string, string>;
  /** What her list shows while it waits. */
  category: Category;
  unit: { id: string; name: string };
  createdAt: string;
  attempts: number;
  /** Epoch ms before which it is not retried (backoff); "online" sends at once anyway. */
  nextAt: number;
  state: "waiting" | "failed" | "sent";
  /** The server's message when it refused the item (a 4xx): she fixes it, it is not retried. */
  error?: string;
  sent?: SubmissionCreated;
  sentAt?: number;
}

const KEY = "hoiso.feedback.outbox.v1";
const LEASE_KEY = "hoiso.feedback.outbox.lease";
const LOCK_NAME = "hoiso.feedback.outbox";
/** A sent entry stays a day so the screen that queued it (maybe in another tab) can show its tracking code. */
const KEEP_SENT_MS = 24 * 3600_000;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 10 * 60_000;
/** Longer than one request's timeout (25 s in api/http.ts), so a lease never lapses mid-send. */
const LEASE_MS = 40_000;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

// ---- storage and change notification --------------------------------------------------------------------------

const listeners = new Set<() => void>();
let lastRaw: string | null | undefined;
let lastList: OutboxEntry[] = [];

function readAll(): OutboxEntry[] {
  let raw: string | null = null;
  try {
    raw = storage()?.getItem(KEY) ?? null;
  } catch {
    raw = null;
  }
  if (raw === lastRaw) return lastList;
  let list: OutboxEntry[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) list = parsed as OutboxEntry[];
  } catch {
    list = [];
  }
  lastRaw = raw;
  lastList = list;
  return list;
}

function writeAll(list: OutboxEntry[], now = Date.now()): void {
  const kept = list.filter((e) => e.state !== "sent" || (e.sentAt ?? 0) > now - KEEP_SENT_MS);
  try {
    if (kept.length === 0) storage()?.removeItem(KEY);
    else storage()?.setItem(KEY, JSON.stringify(kept));
  } catch {
    // storage full or refused: keepForLater checks that the entry really landed
  }
  changed();
}

function changed(): void {
  for (const l of listeners) l();
}

/** Changes in this tab and (through the storage event) in her other tabs. */
export function subscribeOutbox(l: () => void): () => void {
  listeners.add(l);
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY || e.key === null) l();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener("storage", onStorage);
  };
}

const mine = new Map<string, { from: OutboxEntry[]; list: OutboxEntry[] }>();

/** Hers only (a shared phone may hold another member's); the same array until something changes (useSyncExternalStore). */
export function outboxEntries(memberId: string): OutboxEntry[] {
  const all = readAll();
  const hit = mine.get(memberId);
  if (hit?.from === all) return hit.list;
  const list = all.filter((e) => e.memberId === memberId);
  mine.set(memberId, { from: all, list });
  return list;
}

/** Every entry on this phone, whoever wrote it (to tell which kept blobs still belong to one). */
export function readOutbox(): readonly OutboxEntry[] {
  return readAll();
}

export function outboxEntry(key: string): OutboxEntry | undefined {
  return readAll().find((e) => e.key === key);
}

function update(key: string, patch: Partial<OutboxEntry>): void {
  writeAll(readAll().map((e) => (e.key === key ? { ...e, ...patch } : e)));
}

export function removeEntry(key: string): void {
  writeAll(readAll().filter((e) => e.key !== key));
  // the blobs go with it; nobody waits: an IndexedDB that fails here is swept by dropMediaExcept at the next start
  void dropMedia(key);
}

/** A kept photo or voice note is on the server now: remembered, so a retry sends the same media id. */
export function recordUpload(key: string, localId: string, mediaId: string): void {
  const entry = outboxEntry(key);
  if (entry) update(key, { uploaded: { ...entry.uploaded, [localId]: mediaId } });
}

// ---- what may be kept ----------------------------------------------------------------------------------------

/** Whether this item may be written to the phone at all (see the note at the top). */
export function mayKeepOffline(body: Pick<CreateSubmissionBody, "anonymous" | "sensitive">, category: Pick<Category, "private">): boolean {
  return body.anonymous !== true && body.sensitive !== true && !category.private;
}

/**
 * Keeps the item to send later. Answers false (nothing stored) for a sensitive item or when the phone refuses to
 * store it; the form then tells her to send it when she has a connection.
 */
export function keepForLater(
  input: { key: string; memberId: string; body: CreateSubmissionBody; category: Category; unit: { id: string; name: string }; localMedia?: LocalMedia[] },
  opts: { triedNow: boolean },
  now = Date.now(),
): boolean {
  if (!mayKeepOffline(input.body, input.category)) return false;
  const { location: _dropped, ...body } = input.body;
  const entry: OutboxEntry = {
    ...input,
    body,
    createdAt: new Date(now).toISOString(),
    attempts: opts.triedNow ? 1 : 0,
    // Just failed on the network: wait a little before the first retry. Not tried yet (offline): due at once.
    nextAt: opts.triedNow ? now + FIRST_RETRY_MS : now,
    state: "waiting",
  };
  writeAll([...readAll().filter((e) => e.key !== entry.key), entry], now);
  return outboxEntry(entry.key)?.state === "waiting";
}

// ---- sending -----------------------------------------------------------------------------------------------------

/** What a failed attempt means for the entry. */
export type Verdict = "retry" | "stop" | "refused";

/** Status 0 is the network (or a timeout); 5xx, 408, 429 and a 409 (the same key still in flight) pass with time. */
export function verdictOf(status: number): Verdict {
  if (status === 401) return "stop"; // her session ended: the app logs in again, then sends
  if (status === 0 || status >= 500 || status === 408 || status === 409 || status === 429) return "retry";
  return "refused";
}

export function backoffMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export interface SendFailure {
  status: number;
  message: string;
}

export type Sender = (entry: OutboxEntry) => Promise<SubmissionCreated>;

export interface FlushResult {
  sent: SubmissionCreated[];
  /** Another tab was sending: nothing was tried here. */
  busy: boolean;
}

/**
 * Sends every entry of hers that is due (all waiting ones when `force`, e.g. the connection just returned), one at a
 * time, inside the outbox lock. `toFailure` turns what `send` threw into a status and her message.
 */
export async function flushOutbox(
  memberId: string,
  send: Sender,
  toFailure: (err: unknown) => SendFailure,
  opts: { force?: boolean; now?: () => number } = {},
): Promise<FlushResult> {
  const now = opts.now ?? Date.now;
  const result: FlushResult = { sent: [], busy: false };
  const ran = await withOutboxLock(async () => {
    const tried = new Set<string>();
    for (;;) {
      // Read again before each entry: another tab may have sent it before we held the lock.
      const entry = outboxEntries(memberId).find((e) => e.state === "waiting" && !tried.has(e.key) && (opts.force || e.nextAt <= now()));
      if (!entry) return;
      tried.add(entry.key);
      try {
        const created = await send(entry);
        update(entry.key, { state: "sent", sent: created, sentAt: now(), error: undefined });
        result.sent.push(created);
      } catch (err) {
        const failure = toFailure(err);
        const verdict = verdictOf(failure.status);
        if (verdict === "refused") {
          update(entry.key, { state: "failed", error: failure.message, attempts: entry.attempts + 1 });
          continue;
        }
        if (verdict === "retry") update(entry.key, { attempts: entry.attempts + 1, nextAt: now() + backoffMs(entry.attempts + 1) });
        // No connection, a busy server or no session: the next entry would fare no better.
        return;
      }
    }
  });
  result.busy = !ran;
  return result;
}

/** When the next waiting entry of hers is due (epoch ms), or null when nothing waits. */
export function nextDue(memberId: string): number | null {
  const due = outboxEntries(memberId)
    .filter((e) => e.state === "waiting")
    .map((e) => e.nextAt);
  return due.length ? Math.min(...due) : null;
}

// ---- one sender across tabs ----------------------------------------------------------------------------------

let inThisTab = false;
const tabId = Math.random().toString(36).slice(2);

/** Runs `fn` unless another tab (or this one) is already sending; answers whether it ran. */
export async function withOutboxLock(fn: () => Promise<void>): Promise<boolean> {
  if (inThisTab) return false;
  inThisTab = true;
  try {
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    if (locks && typeof locks.request === "function") {
      return await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
        if (!lock) return false;
        await fn();
        return true;
      });
    }
    return await withLease(fn);
  } finally {
    inThisTab = false;
  }
}

/** Where Web Locks are missing (old webviews): a lease in storage, renewed while sending, taken over once it lapses. */
async function withLease(fn: () => Promise<void>): Promise<boolean> {
  const s = storage();
  const held = () => {
    try {
      return JSON.parse(s?.getItem(LEASE_KEY) ?? "null") as { tab: string; until: number } | null;
    } catch {
      return null;
    }
  };
  const current = held();
  if (current && current.tab !== tabId && current.until > Date.now()) return false;
  const take = () => s?.setItem(LEASE_KEY, JSON.stringify({ tab: tabId, until: Date.now() + LEASE_MS }));
  take();
  // Two tabs may both have seen it free: the last writer wins, the other backs off (the server's key covers the rest).
  await new Promise((r) => setTimeout(r, 50));
  if (held()?.tab !== tabId) return false;
  const renew = setInterval(take, LEASE_MS / 4);
  try {
    await fn();
    return true;
  } finally {
    clearInterval(renew);
    if (held()?.tab === tabId) s?.removeItem(LEASE_KEY);
  }
}

// ---- asking the sender to try now --------------------------------------------------------------------------------

const nudges = new Set<() => void>();

/** "Gửi ngay": the sender (OutboxSender) tries every waiting entry at once. */
export function sendNow(): void {
  for (const n of nudges) n();
}

export function onSendNow(n: () => void): () => void {
  nudges.add(n);
  return () => nudges.delete(n);
}
