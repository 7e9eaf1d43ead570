import { compareKeys, CONTEST_LIMITS, type RankKey } from "@hoiso/shared";
import { LRUCache } from "lru-cache";
import type { AppDeps } from "../../deps.js";
import { startChangeFeed, type ChangeFeed } from "../../db/change-feed.js";
import type { TopRow } from "./ranking.js";

/** The longest a top list is kept should a change ever go unheard; changes themselves are heard within milliseconds. */
const MAX_AGE_MS = 5 * 60_000;

export type KeyedTop = { rows: TopRow[]; keys: RankKey[] };

/**
 * The first 100 of a whole round (what every leaderboard read shows, the same for every member), kept in this API
 * process: reading it costs a hundred index entries and a hundred names, ten times her own row. Migration 063's
 * triggers announce on `hoiso_contests` every write that may change it (a round's id: an entry written or removed
 * within its first 100; "m": a name or unit shown on it); what it made stale is dropped. While this process is not
 * listening nothing is kept. A list loaded while a change was heard is not stored (a generation counter), and this
 * process's own submissions drop their round at once when they rank within the kept list.
 *
 * The feed (one LISTEN connection) starts with the first leaderboard read, so a process that serves none holds none.
 */
export interface TopCache {
  top(roundId: string, load: () => Promise<KeyedTop>): Promise<KeyedTop>;
  /** An entry of this round now has `key` (a submission here): drop the list if it ranks within it. */
  wrote(roundId: string, key: RankKey): void;
  /** Everything about this round changed here (its close re-keys and ranks it); no id: every round. */
  forget(roundId?: string): void;
  readonly feed: ChangeFeed;
  close(): Promise<void>;
}

export function createTopCache(deps: Pick<AppDeps, "pool">): TopCache {
  const feed = startChangeFeed(deps.pool, "hoiso_contests");
  const lists = new LRUCache<string, KeyedTop>({ max: 500, ttl: MAX_AGE_MS });
  let generation = 0;
  feed.subscribe((payload) => {
    generation++;
    if (payload === null || payload === "m") lists.clear();
    else lists.delete(payload);
  });
  return {
    feed,
    async top(roundId, load) {
      if (!feed.live) return load();
      const hit = lists.get(roundId);
      if (hit) return hit;
      const before = generation;
      const value = await load();
      if (feed.live && generation === before) lists.set(roundId, value);
      return value;
    },
    wrote(roundId, key) {
      const kept = lists.get(roundId);
      if (!kept) return;
      const last = kept.keys[kept.keys.length - 1];
      if (kept.keys.length < CONTEST_LIMITS.leaderboardTop || !last || compareKeys(key, "", last, "") <= 0) {
        generation++;
        lists.delete(roundId);
      }
    },
    forget(roundId) {
      generation++;
      if (roundId === undefined) lists.clear();
      else lists.delete(roundId);
    },
    close: () => feed.close(),
  };
}

/** One per server instance (tests run several in one process), made on the first leaderboard read. */
const caches = new WeakMap<AppDeps, TopCache>();
export function topCacheOf(deps: AppDeps): TopCache {
  let c = caches.get(deps);
  if (!c) {
    c = createTopCache(deps);
    caches.set(deps, c);
  }
  return c;
}

/** The instance's cache if a read started it (a write need not start one: there is nothing to drop). */
export const startedTopCache = (deps: AppDeps): TopCache | null => caches.get(deps) ?? null;
