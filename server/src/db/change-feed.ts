import crypto from "node:crypto";
import pg from "pg";

/**
 * Row changes announced by database triggers (`pg_notify(channel, payload)`), heard on one connection of this process.
 * Caches in an API process drop what a change made stale; because the triggers fire on every write, whichever
 * process or script made it, no write path can forget to tell them.
 *
 * While the connection is not listening, nothing can be trusted: `live` is false (callers then read the database), and
 * every subscriber is reset when listening starts again, since changes may have been missed meanwhile.
 */
export interface ChangeFeed {
  /** Listening now: a change committed from here on will be heard. */
  readonly live: boolean;
  /** Called with each payload, and with `null` when everything must be forgotten (listening (re)started). */
  subscribe(fn: (payload: string | null) => void): () => void;
  /**
   * Resolves once every change committed before the call has been heard. PostgreSQL delivers notifications in commit
   * order, so our own marker arriving means the earlier ones have (tests call this after writing with plain SQL).
   */
  barrier(): Promise<void>;
  close(): Promise<void>;
}

const RETRY_MS = [100, 500, 2000, 5000];

export function startChangeFeed(pool: pg.Pool, channel: string): ChangeFeed {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`channel "${channel}" is not a plain identifier`);
  const subscribers = new Set<(payload: string | null) => void>();
  const waiting = new Map<string, () => void>();
  let client: pg.Client | null = null;
  let live = false;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  let ready: Promise<void> = Promise.resolve();
  const barrierPrefix = `barrier:${crypto.randomUUID()}:`;

  const emit = (payload: string | null) => {
    for (const fn of subscribers) fn(payload);
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client(pool.options);
    client = c;
    c.on("error", () => undefined); // the "end" handler below reconnects
    c.on("notification", (n) => {
      const payload = n.payload ?? "";
      if (payload.startsWith(barrierPrefix)) {
        waiting.get(payload)?.();
        waiting.delete(payload);
      } else emit(payload);
    });
    c.on("end", () => {
      if (client !== c) return;
      live = false;
      client = null;
      // Waiters are released: whatever they waited for is forgotten anyway when listening starts again.
      for (const resolve of waiting.values()) resolve();
      waiting.clear();
      if (!closed) schedule();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      attempt = 0;
      // Forget first, then trust: a change between the old connection's loss and this LISTEN was not heard.
      emit(null);
      live = true;
    } catch {
      if (client === c) {
        client = null;
        if (!closed) schedule();
      }
      await c.end().catch(() => undefined);
    }
  };

  const schedule = () => {
    if (timer || closed) return;
    const delay = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)];
    timer = setTimeout(() => {
      timer = null;
      ready = connect();
    }, delay);
    timer.unref();
  };

  ready = connect();

  return {
    get live() {
      return live;
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    async barrier() {
      await ready;
      if (!live) return;
      const marker = barrierPrefix + crypto.randomUUID();
      const heard = new Promise<void>((resolve) => waiting.set(marker, resolve));
      await pool.query("SELECT pg_notify($1, $2)", [channel, marker]);
      await heard;
    },
    async close() {
      closed = true;
      live = false;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      for (const resolve of waiting.values()) resolve();
      waiting.clear();
      if (c) await c.end().catch(() => undefined);
    },
  };
}
