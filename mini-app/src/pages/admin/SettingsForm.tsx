import { useState, type ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, Input } from "zmp-ui";
import type { FeedbackSettings } from "@hoiso/shared";
import { adminMutations, adminQueries } from "../../api/admin.js";
import { QueryState } from "../../components/States.js";
import { useChange } from "../../components/useChange.js";
import { useCommonT } from "../../i18n/common/index.js";
import { useAdminT } from "./i18n/index.js";

type NumberField = "petitionDays" | "followUpDays" | "csWindowHours" | "notifyRatePerSec";
const FIELDS: readonly NumberField[] = ["petitionDays", "followUpDays", "csWindowHours", "notifyRatePerSec"];
const THRESHOLDS: ReadonlyArray<keyof FeedbackSettings["petitionThresholds"]> = ["to", "chi_hoi", "xa", "tinh"];

/** The pipeline's knobs; a change takes effect at once in every process. */
export function SettingsForm(): ReactElement {
  const loaded = useQuery(adminQueries.settings());
  // A new server value (loaded, or the answer to a save) starts the form afresh from it.
  return <QueryState query={loaded}>{(settings) => <Form key={loaded.dataUpdatedAt} settings={settings} />}</QueryState>;
}

function Form({ settings }: { settings: FeedbackSettings }): ReactElement {
  const t = useAdminT();
  const tc = useCommonT();
  const [form, setForm] = useState<FeedbackSettings>(settings);
  const { busy, run } = useChange(adminMutations.saveSettings());
  const save = (body: FeedbackSettings) => run(body, t("settings.saved"));

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
