import type { Kysely, Transaction } from "kysely";
import type { SafetySettings } from "@hoiso/shared";
import type { DB } from "../../db/types.js";

type Conn = Kysely<DB> | Transaction<DB>;

const DEFAULTS: SafetySettings = { ackMinutes: 15, resolveHours: 8 };
const KEYS = { ackMinutes: "ack_minutes", resolveHours: "resolve_hours" } as const;

/**
 * The province's two figures for urgent reports: minutes the cán bộ on call have to acknowledge before the next level
 * is alerted, and hours to deal with it (the assignment's deadline, as in the feedback pipeline).
 */
export async function loadSafetySettings(db: Conn): Promise<SafetySettings> {
  const rows = await db.selectFrom("safety_settings").select(["key", "value"]).execute();
  const get = (k: string, d: number) => {
    const v = Number(rows.find((r) => r.key === k)?.value);
    return Number.isFinite(v) && v > 0 ? v : d;
  };
  return { ackMinutes: get(KEYS.ackMinutes, DEFAULTS.ackMinutes), resolveHours: get(KEYS.resolveHours, DEFAULTS.resolveHours) };
}

export async function saveSafetySettings(tx: Transaction<DB>, s: SafetySettings): Promise<void> {
  const now = new Date();
  for (const [field, key] of Object.entries(KEYS) as Array<[keyof SafetySettings, string]>) {
    await tx
      .insertInto("safety_settings")
      .values({ key, value: JSON.stringify(s[field]), updated_at: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(s[field]), updated_at: now }))
      .execute();
  }
}
