import { dehydrate, hydrate, type DehydratedState, type Query, type QueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { currentSession } from "../../state.js";

/**
 * Articles and guides she opened stay readable without a network: their cached answers are written to localStorage
 * and put back into the query cache when Tìm hiểu is first opened, before any of its screens asks for them.
 *
 * Written with TanStack Query's own dehydrate/hydrate rather than @tanstack/query-sync-storage-persister: that package
 * has no release at our @tanstack/react-query version (5.108.4; its newest is 5.104.x, pinned to query-core 5.104.x),
 * so it would ship a second query-core in the first download.
 */
const STORE = "hoiso.learn.offline.v1";
/** Enough for what she reads in a season; a long article is some tens of kilobytes, well inside localStorage. */
const MAX_ITEMS = 30;
const MAX_AGE_MS = 90 * 24 * 3600_000;
const SAVE_AFTER_MS = 1000;

interface Stored {
  memberId: string;
  savedAt: number;
  state: DehydratedState;
}

const kept = (q: Query) => q.queryKey[0] === "content" && (q.queryKey[1] === "article" || q.queryKey[1] === "guide") && q.state.status === "success";

function save(client: QueryClient): void {
  const session = currentSession();
  // Between two members (login, logout) nothing is written: the next member's copy replaces it.
  if (session.status !== "ready") return;
  const newest = client
    .getQueryCache()
    .findAll({ predicate: kept })
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt);
  for (let n = Math.min(newest.length, MAX_ITEMS); n >= 0; n = n === 0 ? -1 : Math.floor(n / 2)) {
    const hashes = new Set(newest.slice(0, n).map((q) => q.queryHash));
    const stored: Stored = { memberId: session.me.id, savedAt: Date.now(), state: dehydrate(client, { shouldDehydrateQuery: (q) => hashes.has(q.queryHash), shouldDehydrateMutation: () => false }) };
    try {
      localStorage.setItem(STORE, JSON.stringify(stored));
      return;
    } catch {
      // Storage full: keep the newer half and try again.
    }
  }
}

function restore(client: QueryClient): void {
  const session = currentSession();
  if (session.status !== "ready") return;
  try {
    const raw = localStorage.getItem(STORE);
    if (!raw) return;
    const stored = JSON.parse(raw) as Stored;
    // Another member's copy on a shared phone, or an old one, is never shown.
    if (stored.memberId !== session.me.id || Date.now() - stored.savedAt > MAX_AGE_MS) return;
    hydrate(client, stored.state);
  } catch {
    localStorage.removeItem(STORE);
  }
}

let started = false;

/** Once per app start: put back what was saved, then save again (a second later, once) whenever a kept answer changes. */
export function keepOffline(client: QueryClient): void {
  if (started) return;
  started = true;
  restore(client);
  let timer: ReturnType<typeof setTimeout> | null = null;
  client.getQueryCache().subscribe((event) => {
    const key: readonly unknown[] = event.query.queryKey;
    if (key[0] !== "content" || (key[1] !== "article" && key[1] !== "guide")) return;
    if (event.type !== "added" && event.type !== "removed" && event.type !== "updated") return;
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      save(client);
    }, SAVE_AFTER_MS);
  });
}

const subscribeOnline = (cb: () => void) => {
  window.addEventListener("online", cb);
  window.addEventListener("offline", cb);
  return () => {
    window.removeEventListener("online", cb);
    window.removeEventListener("offline", cb);
  };
};

/** The browser's own word; Zalo's webview is not always right, so screens also look at a failed refresh. */
export const useBrowserOnline = () => useSyncExternalStore(subscribeOnline, () => navigator.onLine);
