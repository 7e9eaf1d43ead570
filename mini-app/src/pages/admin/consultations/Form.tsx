import { useState, type ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import type { AdminConsultation, ConsultationWriteBody } from "@hoiso/shared";
import { consultationMutations } from "../../../api/consultations.js";
import { useChange } from "../../../components/useChange.js";
import { useMe } from "../../../state.js";
import { useAdminConsultationsT } from "./i18n/index.js";

const WEEKS2 = 14 * 86400_000;
/** "2026-12-07T08:00" for a datetime-local input, in the phone's time (Lào Cai for the union). */
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
/** The sections back as one text, in the form she pastes ("## heading" lines), to edit a draft. */
const asText = (c: AdminConsultation) => c.sections.map((s) => `## ${s.heading}\n${s.body}`).join("\n\n");

/** A new draft (or a draft changed before it is published): the text pasted whole, cut into sections by the server. */
export function ConsultationForm({ existing }: { existing?: AdminConsultation }): ReactElement {
  const t = useAdminConsultationsT();
  const me = useMe();
  const navigate = useNavigate();
  const units = [...new Map(me.roles.map((r) => [r.unitId, r.unitName])).entries()];
  const save = useChange(existing ? consultationMutations.update(existing.id) : consultationMutations.create());
  // the dates default to now and two weeks on, read once when the form opens
  const [f, setF] = useState(() => ({
    unitId: existing?.unitId ?? units[0]?.[0] ?? "",
    title: existing?.title ?? "",
    summary: existing?.summary ?? "",
    draftText: existing ? asText(existing) : "",
    opensAt: localInput(existing ? new Date(existing.opensAt) : new Date()),
    closesAt: localInput(existing ? new Date(existing.closesAt) : new Date(Date.now() + WEEKS2)),
    participation: existing?.participation ?? "members",
  }));
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const body = (): ConsultationWriteBody => ({
    unitId: f.unitId,
    title: f.title,
    summary: f.summary,
    draftText: f.draftText,
    opensAt: new Date(f.opensAt).toISOString(),
    closesAt: new Date(f.closesAt).toISOString(),
    participation: f.participation,
  });
  return (
    <form
      className="hs-form"
      data-testid="consultation-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(body(), t("form.created"), (c) => navigate(`/quan-tri/gop-y/${c.id}`, { replace: true }));
      }}
    >
      <h2 className="hs-card-title">{existing ? t("form.editTitle") : t("form.title")}</h2>
      <label className="hs-select">
        <span className="hs-card-label">{t("form.unit")}</span>
        <select value={f.unitId} onChange={set("unitId")}>
          {units.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <Input label={t("form.name")} value={f.title} onChange={set("title")} data-testid="consultation-title" />
      <Input.TextArea label={t("form.summary")} value={f.summary} onChange={set("summary")} data-testid="consultation-summary" />
      <label className="hs-gy-text">
        <span className="hs-card-label">{t("form.draftText")}</span>
        <span className="hs-muted hs-small">{t("form.draftHint")}</span>
        <textarea rows={10} value={f.draftText} onChange={set("draftText")} data-testid="consultation-draft" />
      </label>
      <label className="hs-select">
        <span className="hs-card-label">{t("form.opensAt")}</span>
        <input type="datetime-local" value={f.opensAt} onChange={set("opensAt")} />
      </label>
      <label className="hs-select">
        <span className="hs-card-label">{t("form.closesAt")}</span>
        <input type="datetime-local" value={f.closesAt} onChange={set("closesAt")} data-testid="consultation-closes" />
      </label>
      <label className="hs-select">
        <span className="hs-card-label">{t("form.participation")}</span>
        <select value={f.participation} onChange={set("participation")}>
          <option value="members">{t("form.members")}</option>
          <option value="link">{t("form.link")}</option>
        </select>
      </label>
      <Button htmlType="submit" fullWidth disabled={save.busy} data-testid="consultation-create">
        {t("form.save")}
      </Button>
      <Button variant="tertiary" fullWidth onClick={() => navigate(existing ? `/quan-tri/gop-y/${existing.id}` : "/quan-tri/gop-y")}>
        {t("form.cancel")}
      </Button>
    </form>
  );
}
