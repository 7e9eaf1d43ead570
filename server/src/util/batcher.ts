/**
 * Natural batching for hot paths: calls that arrive while earlier work is in flight are sent together, as one
 * statement or one queue round trip. An idle system sends each call at once (no timer), a busy one amortises a
 * round trip and a commit over many calls — the same idea as PostgreSQL's group commit, one level up.
 */
export interface Batcher<I, O> {
  run(item: I): Promise<O>;
}

export interface BatcherOptions {
  /** Most items in one batch. */
  maxBatch: number;
  /** Batches in flight at once (each holds one connection). */
  maxInFlight: number;
  /**
   * How long a batch that is not full waits for more items before it goes (default 0: the same turn of the event
   * loop). Only for work nobody waits on, where each batch costs far more than each item (a queue job on PostgreSQL).
   */
  lingerMs?: number;
}

interface Pending<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

export function createBatcher<I, O>(exec: (items: I[]) => Promise<O[]>, opts: BatcherOptions): Batcher<I, O> {
  const queue: Array<Pending<I, O>> = [];
  let inFlight = 0;
  let scheduled = false;

  const linger = opts.lingerMs ?? 0;
  let timer: NodeJS.Timeout | null = null;
  // Items left behind because every slot was busy: they have waited already and go as soon as a slot frees.
  let blocked = false;

  /** Sends what is due: everything (`all`, or no linger), else only full batches. */
  const pump = (all: boolean) => {
    scheduled = false;
    blocked = false;
    while (queue.length > 0 && (all || linger === 0 || queue.length >= opts.maxBatch)) {
      if (inFlight >= opts.maxInFlight) {
        blocked = true;
        return;
      }
      const batch = queue.splice(0, opts.maxBatch);
      inFlight++;
      exec(batch.map((p) => p.item))
        .then(
          (results) => batch.forEach((p, i) => p.resolve(results[i] as O)),
          (err: unknown) => batch.forEach((p) => p.reject(err)),
        )
        .finally(() => {
          inFlight--;
          schedule(blocked);
        });
    }
    schedule(); // a remainder smaller than a batch waits out its linger
  };
  // setImmediate lets every request parsed in the same turn of the event loop join the batch; a linger lets later
  // turns join it too, unless a full batch is already waiting.
  const schedule = (now = false) => {
    if ((now || queue.length >= opts.maxBatch) && timer) {
      clearTimeout(timer);
      timer = null;
      scheduled = false;
    }
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    if (linger > 0 && !now && queue.length < opts.maxBatch) {
      timer = setTimeout(() => {
        timer = null;
        pump(true);
      }, linger);
    } else setImmediate(() => pump(now));
  };

  return {
    run(item: I): Promise<O> {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
  };
}

/** One batcher per AppDeps (tests build several apps in one process), created on first use. */
export function perInstance<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const map = new WeakMap<K, V>();
  return (key) => {
    let v = map.get(key);
    if (!v) {
      v = make(key);
      map.set(key, v);
    }
    return v;
  };
}
