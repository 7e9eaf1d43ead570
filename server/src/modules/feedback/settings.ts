import type { FeedbackSettings } from "@hoiso/shared";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/types.js";
import { loadNotifySettings, saveNotifySettings } from "../notify/settings.js";

type Conn = Kysely<DB> | Transaction<DB>;

const DEFAULTS = {
  petitionThresholds: { to: 10, chi_hoi: 20, xa: 50, tinh: 200 },
  petitionDays: 30,
  followUpDays: 7,
};

/**
 * Feedback's own settings plus, for the admin form that has always shown them here, notify's sending settings
 * (rate, OA window, template), which live in notify_settings and apply to every module's notifications.
 * `reconcileAfterSeconds` (internal, not on the form) is feedback's route reconciler's delay.
 */
export interface PipelineSettings extends FeedbackSettings {
  reconcileAfterSeconds: number;
}

const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : d);

/** Read on every use (one small query): admins' edits take effect at once in every process. */
export async function loadSettings(db: Conn): Promise<PipelineSettings> {
  const rows = await db.selectFrom("feedback_settings").select(["key", "value"]).execute();
  const v = new Map(rows.map((r) => [r.key, r.value]));
  const th = (v.get("petition_thresholds") ?? {}) as Partial<Record<keyof FeedbackSettings["petitionThresholds"], unknown>>;
  const notify = await loadNotifySettings(db);
  return {
    petitionThresholds: {
      to: num(th.to, DEFAULTS.petitionThresholds.to),
      chi_hoi: num(th.chi_hoi, DEFAULTS.petitionThresholds.chi_hoi),
      xa: num(th.xa, DEFAULTS.petitionThresholds.xa),
      tinh: num(th.tinh, DEFAULTS.petitionThresholds.tinh),
    },
    petitionDays: num(v.get("petition_days"), DEFAULTS.petitionDays),
    followUpDays: num(v.get("follow_up_days"), DEFAULTS.followUpDays),
    csWindowHours: notify.csWindowHours,
    templateIds: { statusUpdate: notify.templateId },
    notifyRatePerSec: notify.notifyRatePerSec,
    reconcileAfterSeconds: num(v.get("reconcile_after_seconds"), 3),
  };
}

export async function saveSettings(db: Conn, s: FeedbackSettings): Promise<void> {
  const entries: Array<[string, unknown]> = [
    ["petition_thresholds", s.petitionThresholds],
    ["petition_days", s.petitionDays],
    ["follow_up_days", s.followUpDays],
  ];
  await saveNotifySettings(db, { csWindowHours: s.csWindowHours, templateId: s.templateIds.statusUpdate, notifyRatePerSec: s.notifyRatePerSec });
  const now = new Date();
  for (const [key, value] of entries) {
    await db
      .insertInto("feedback_settings")
      .values({ key, value: JSON.stringify(value), updated_at: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
      .execute();
  }
}
