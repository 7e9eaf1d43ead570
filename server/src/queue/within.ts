/**
 * A queue that hangs (Redis unreachable, PostgreSQL queue schema locked) must not hold a request or a job: give up
 * after a moment. A late add that still lands is harmless, every job id is deterministic.
 */
export async function within<T>(p: Promise<T>, ms = 1500): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
