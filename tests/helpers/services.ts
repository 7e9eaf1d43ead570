import net from "node:net";

/**
 * Which real services this run must have. CI sets HOISO_REQUIRE=postgres,redis,chromium so nothing is skipped there;
 * on a bare machine the missing ones are replaced (embedded PostgreSQL, BullMQ on PostgreSQL) or skipped with one line.
 */
export function required(service: "postgres" | "redis" | "chromium"): boolean {
  return (process.env.HOISO_REQUIRE ?? "").split(",").map((s) => s.trim()).includes(service);
}

export function reachable(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once("connect", () => done(true));
    sock.once("error", () => done(false));
  });
}

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

let redisProbe: Promise<boolean> | null = null;
/** True when a Redis answers; throws when CI requires one and none is there. */
export function redisAvailable(): Promise<boolean> {
  redisProbe ??= (async () => {
    const u = new URL(TEST_REDIS_URL);
    const ok = await reachable(u.hostname, Number(u.port || 6379));
    if (!ok && required("redis")) throw new Error(`HOISO_REQUIRE includes redis but ${TEST_REDIS_URL} does not answer`);
    if (!ok) console.warn(`[tests] Redis not reachable at ${TEST_REDIS_URL}: Redis-backend queue tests are not covered in this run; the PostgreSQL backend is.`);
    return ok;
  })();
  return redisProbe;
}

/** The queue backends a "runs on both backends" suite should cover in this run. */
export async function queueBackends(): Promise<Array<"redis" | "postgres">> {
  return (await redisAvailable()) ? ["redis", "postgres"] : ["postgres"];
}

/**
 * The queue under the browser tests, which test screens, not the queue (its own tests run on both backends): Redis
 * where there is one, as production runs.
 */
export async function browserQueueBackend(): Promise<"redis" | "postgres"> {
  return (await redisAvailable()) ? "redis" : "postgres";
}

/** Removes every key of one queue namespace, so runs on a long-lived Redis leave nothing behind. */
export async function dropRedisNamespace(prefix: string): Promise<void> {
  const { Redis } = await import("ioredis");
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== "0");
  } catch {
    // Redis unreachable: nothing was written there either.
  } finally {
    redis.disconnect();
  }
}
