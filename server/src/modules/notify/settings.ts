import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/types.js";

type Conn = Kysely<DB> | Transaction<DB>;

/** How notifications leave: shared by every module that sends, editable by admins (today on feedback's settings form). */
export interface NotifySettings {
  /** Outbound messages per second for the whole deployment (every worker process together). */
  notifyRatePerSec: number;
  /** How long after her last message an OA consultation message is still sent (Zalo allows 7 days; cost rises after 48 h). */
  csWindowHours: number;
  /** The generic template message ({ma, noi_dung}); empty: no template messages. */
  templateId: string;
  /** An outbound delivery not queued after this many seconds is queued by the reconciler. */
  reconcileAfterSeconds: number;
}

const DEFAULTS: NotifySettings = { notifyRatePerSec: 10, csWindowHours: 48, templateId: "", reconcileAfterSeconds: 3 };

const KEYS = {
  notifyRatePerSec: "notify_rate_per_sec",
  csWindowHours: "cs_window_hours",
  templateId: "template_id",
  reconcileAfterSeconds: "reconcile_after_seconds",
} as const satisfies Record<keyof NotifySettings, string>;

const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : d);

/** Read on every use (one small query): an admin's edit takes effect at once in every process. */
export async function loadNotifySettings(db: Conn): Promise<NotifySettings> {
  const rows = await db.selectFrom("notify_settings").select(["key", "value"]).execute();
  const v = new Map(rows.map((r) => [r.key, r.value]));
  const tpl = v.get(KEYS.templateId);
  return {
    notifyRatePerSec: num(v.get(KEYS.notifyRatePerSec), DEFAULTS.notifyRatePerSec),
    csWindowHours: num(v.get(KEYS.csWindowHours), DEFAULTS.csWindowHours),
    templateId: typeof tpl === "string" ? tpl : DEFAULTS.templateId,
    reconcileAfterSeconds: num(v.get(KEYS.reconcileAfterSeconds), DEFAULTS.reconcileAfterSeconds),
  };
}

/** Writes the given settings, inside the caller's transaction (with its audit row). */
export async function saveNotifySettings(db: Conn, s: Partial<NotifySettings>): Promise<void> {
  const now = new Date();
  for (const [name, key] of Object.entries(KEYS) as Array<[keyof NotifySettings, string]>) {
    if (s[name] === undefined) continue;
    const value = JSON.stringify(s[name]);
    await db
      .insertInto("notify_settings")
      .values({ key, value, updated_at: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now }))
      .execute();
  }
}
