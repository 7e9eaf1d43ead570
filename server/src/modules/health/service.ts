import { sql } from "kysely";
import type { Health } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`timeout after ${ms} ms`)), ms).unref())]);

export async function checkHealth(deps: AppDeps): Promise<Health> {
  const database = await withTimeout(sql`SELECT 1`.execute(deps.db), 2000).then(
    () => ({ ok: true }),
    (e: Error) => ({ ok: false, detail: e.message }),
  );
  const queue = await withTimeout(deps.queues.ping(), 2000).then(
    () => ({ ok: true, backend: deps.queues.backend }),
    (e: Error) => ({ ok: false, backend: deps.queues.backend, detail: e.message }),
  );
  const z = deps.config.zalo;
  const configured = Boolean(z.appId && z.appSecret);
  const zalo = {
    ok: configured,
    configured,
    simulator: z.simulator,
    ...(configured ? {} : { detail: "ZALO_APP_ID / ZALO_APP_SECRET chưa được cấu hình" }),
  };
  return { ok: database.ok && queue.ok, mode: deps.config.mode, database, queue, zalo };
}
