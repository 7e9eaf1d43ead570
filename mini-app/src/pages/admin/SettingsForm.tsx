import { useEffect, useState, type ReactElement } from "react";
import { Button, Input } from "zmp-ui";
import type { FeedbackSettings } from "@hoiso/shared";
import { api } from "../../api.js";
import { ErrorState, Loading } from "../../components/States.js";
import { useCommonT } from "../../i18n/common/index.js";
import { useAdminT } from "./i18n/index.js";
import { useAction } from "./useAction.js";
import { useLoad } from "./useLoad.js";

type NumberField = "petitionDays" | "followUpDays" | "csWindowHours" | "notifyRatePerSec";
const FIELDS: readonly NumberField[] = ["petitionDays", "followUpDays", "csWindowHours", "notifyRatePerSec"];
const THRESHOLDS: ReadonlyArray<keyof FeedbackSettings["petitionThresholds"]> = ["to", "chi_hoi", "xa", "tinh"];

/** The pipeline's knobs; a change takes effect at once in every process. */
export function SettingsForm(): ReactElement {
  const t = useAdminT();
  const tc = useCommonT();
  const [loaded, reload] = useLoad(() => api.feedbackSettings(), []);
  const [form, setForm] = useState<FeedbackSettings | null>(null);
  const { busy, run } = useAction();
  useEffect(() => {
    if (loaded.status === "done") setForm(loaded.data);
  }, [loaded]);

  if (loaded.status === "loading" || (loaded.status === "done" && !form)) return <Loading />;
  if (loaded.status === "error" || !form) return <ErrorState message={loaded.status === "error" ? loaded.message : ""} onRetry={reload} />;

  const save = (body: FeedbackSettings) => run(() => api.saveFeedbackSettings(body), t("settings.saved"), setForm);

  return (
    <section className="hs-card hs-form" data-testid="settings-form">
      <p className="hs-card-title">{t("settings.title")}</p>
      {FIELDS.map((f) => (
        <Input key={f} label={t(`settings.${f}`)} type="number" value={String(form[f])} onChange={(e) => setForm({ ...form, [f]: Number(e.target.value) })} />
      ))}
      <p className="hs-card-label">{t("settings.thresholds")}</p>
      <div className="hs-admin-grid4">
        {THRESHOLDS.map((level) => (
          <Input
            key={level}
            label={tc(`level.${level}`)}
            type="number"
            value={String(form.petitionThresholds[level])}
            onChange={(e) => setForm({ ...form, petitionThresholds: { ...form.petitionThresholds, [level]: Number(e.target.value) } })}
          />
        ))}
      </div>
      <Input
        label={t("settings.template")}
        value={form.templateIds.statusUpdate}
        maxLength={64}
        onChange={(e) => setForm({ ...form, templateIds: { statusUpdate: e.target.value } })}
      />
      <Button fullWidth loading={busy} disabled={busy} onClick={() => void save(form)}>
        {t("settings.save")}
      </Button>
    </section>
  );
}
