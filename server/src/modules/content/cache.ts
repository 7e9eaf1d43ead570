import { LRUCache } from "lru-cache";
import type { AppDeps } from "../../deps.js";
import { startChangeFeed, type ChangeFeed } from "../../db/change-feed.js";
import { perInstance } from "../../util/batcher.js";

/** The longest anything is kept, should a change ever go unheard; changes themselves are heard within milliseconds. */
const MAX_AGE_MS = 5 * 60_000;

type Value = NonNullable<unknown>;

/**
 * Tìm hiểu is read far more than it is written, and most of what a member reads is the same for every member of her
 * unit. This API process keeps, in memory: each member's reader (units, language, profile tags), each member's reading records, and
 * the pages and articles as members of a set of units see them (without anyone's progress, which is laid over per
 * request). The database's triggers (migration 051) announce every change on `hoiso_content`; what it made stale is
 * dropped. While this process is not listening, nothing is kept and every read goes to the database.
 *
 * A read that started before a change must not store what it read after the change was heard: every change bumps a
 * generation, and a value is stored only when the generation did not move while it was loaded.
 */
export interface ContentCache {
  readonly feed: ChangeFeed;
  /** Keyed per member: her reader (`reader`) and her reading records (`reads`). */
  member<V extends Value>(part: "reader" | "reads", memberId: string, load: () => Promise<V>): Promise<V>;
  /**
   * Shared by everyone whose key matches: a page or an article. `expiresAt` (epoch ms) ends it earlier than the maximum
   * age, e.g. when the next scheduled article comes out.
   */
  shared<V extends Value>(key: string, load: () => Promise<{ value: V; expiresAt: number }>): Promise<V>;
  /** This process wrote her reading: drop it now rather than when the notification arrives. */
  forgetReads(memberId: string): void;
  /** This process changed what decides her reading (her profile tags): drop her reader now. */
  forgetReader(memberId: string): void;
  /** This process wrote content (a cán bộ's change): the same for every page and article. */
  forgetContent(): void;
  close(): Promise<void>;
}

export function createContentCache(deps: Pick<AppDeps, "pool">): ContentCache {
  const feed = startChangeFeed(deps.pool, "hoiso_content");
  const readers = new LRUCache<string, Value>({ max: 50_000, ttl: MAX_AGE_MS });
  const reads = new LRUCache<string, Value>({ max: 20_000, ttl: MAX_AGE_MS });
  // Articles and pages, bounded by what they weigh (about 2 bytes a character) as well as by count: 10,000 articles in
  // three languages fit, an API process stays small.
  const shared = new LRUCache<string, Value>({ max: 50_000, maxSize: 64 * 1024 * 1024, sizeCalculation: (v) => 2 * JSON.stringify(v).length + 1, ttl: MAX_AGE_MS });
  let generation = 0;

  feed.subscribe((payload) => {
    generation++;
    if (payload === null || payload === "u") {
      readers.clear();
      reads.clear();
      shared.clear();
    } else if (payload === "c") shared.clear();
    else if (payload.startsWith("m:")) readers.delete(payload.slice(2));
    else if (payload.startsWith("r:")) reads.delete(payload.slice(2));
  });

  async function through<V extends Value>(lru: LRUCache<string, Value>, key: string, load: () => Promise<{ value: V; ttl: number }>): Promise<V> {
    if (!feed.live) return (await load()).value;
    const hit = lru.get(key);
    if (hit !== undefined) return hit as V; // each key is only ever set by the caller that reads it with the same V
    const before = generation;
    const { value, ttl } = await load();
    if (feed.live && generation === before && ttl > 0) lru.set(key, value, { ttl: Math.min(ttl, MAX_AGE_MS) });
    return value;
  }

  return {
    feed,
    member(part, memberId, load) {
      return through(part === "reader" ? readers : reads, memberId, async () => ({ value: await load(), ttl: MAX_AGE_MS }));
    },
    shared(key, load) {
      return through(shared, key, async () => {
        const { value, expiresAt } = await load();
        return { value, ttl: expiresAt - Date.now() };
      });
    },
    forgetReads(memberId) {
      generation++;
      reads.delete(memberId);
    },
    forgetReader(memberId) {
      generation++;
      readers.delete(memberId);
    },
    forgetContent() {
      generation++;
      shared.clear();
    },
    close: () => feed.close(),
  };
}

/** One cache per server instance (tests run several in one process); closed with the app (routes.ts). */
export const contentCacheOf = perInstance((deps: AppDeps) => createContentCache(deps));
