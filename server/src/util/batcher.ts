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

  const pump = () => {
    scheduled = false;
    while (inFlight < opts.maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, opts.maxBatch);
      inFlight++;
      exec(batch.map((p) => p.item))
        .then(
          (results) => batch.forEach((p, i) => p.resolve(results[i] as O)),
          (err: unknown) => batch.forEach((p) => p.reject(err)),
        )
        .finally(() => {
          inFlight--;
          schedule();
        });
    }
  };
  // setImmediate lets every request parsed in the same turn of the event loop join the batch.
  const schedule = () => {
    if (!scheduled && queue.length > 0) {
      scheduled = true;
      setImmediate(pump);
    }
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
