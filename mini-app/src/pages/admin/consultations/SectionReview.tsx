import { useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import { sectionTitle } from "@hoiso/shared/domain";
import type { AdminComment, AdminConsultation, AdminSection } from "@hoiso/shared";
import { consultationMutations, consultationQueries } from "../../../api/consultations.js";
import { AuthAudio } from "../../../components/AuthMedia.js";
import { QueryState } from "../../../components/States.js";
import { useChange } from "../../../components/useChange.js";
import { useAdminConsultationsT } from "./i18n/index.js";

/** A section's counts, its comments on demand (duplicates and themes marked there), and her synthesis. */
export function SectionReview({ c, s }: { c: AdminConsultation; s: AdminSection }): ReactElement {
  const t = useAdminConsultationsT();
  const [open, setOpen] = useState(false);
  const [synthesis, setSynthesis] = useState(s.synthesis);
  const save = useChange(consultationMutations.synthesis(c.id));
  const total = s.counts.agree + s.counts.disagree + s.counts.propose;
  return (
    <section className="hs-card hs-form" data-testid="admin-section">
      <p className="hs-card-title">{sectionTitle(s.position, s.heading)}</p>
      <div className="hs-gy-counts" data-testid="section-counts">
        <span>
          <b>{s.counts.agree}</b>
          {t("detail.agree")}
        </span>
        <span>
          <b>{s.counts.disagree}</b>
          {t("detail.disagree")}
        </span>
        <span>
          <b>{s.counts.propose}</b>
          {t("detail.propose")}
        </span>
      </div>
      <Button variant="tertiary" fullWidth onClick={() => setOpen(!open)} data-testid="section-comments-toggle">
        {open ? t("detail.hide") : t("detail.comments", { n: total })}
      </Button>
      {open && <Comments c={c} sectionId={s.id} />}
      {c.status !== "draft" && (
        <>
          <label className="hs-gy-text">
            <span className="hs-card-label">{t("detail.synthesis")}</span>
            <textarea rows={3} value={synthesis} onChange={(e) => setSynthesis(e.target.value)} />
          </label>
          <Button variant="secondary" fullWidth disabled={save.busy} onClick={() => void save.run({ sectionId: s.id, synthesis }, t("detail.synthesisSaved"))}>
            {t("detail.saveSynthesis")}
          </Button>
        </>
      )}
    </section>
  );
}

function Comments({ c, sectionId }: { c: AdminConsultation; sectionId: string }): ReactElement {
  const t = useAdminConsultationsT();
  const query = useQuery(consultationQueries.comments(c.id, sectionId));
  return (
    <QueryState query={query}>
      {(l) =>
        l.items.length === 0 ? (
          <p className="hs-muted">{t("detail.noComments")}</p>
        ) : (
          <div data-testid="section-comments">
            {l.items.map((x) => (
              <Comment key={x.id} c={c} x={x} all={l.items} />
            ))}
          </div>
        )
      }
    </QueryState>
  );
}

function Comment({ c, x, all }: { c: AdminConsultation; x: AdminComment; all: AdminComment[] }): ReactElement {
  const t = useAdminConsultationsT();
  const mark = useChange(consultationMutations.mark(c.id));
  const [themes, setThemes] = useState(x.themes.join(", "));
  const original = x.duplicateOf ? all.find((o) => o.id === x.duplicateOf) : undefined;
  const others = all.filter((o) => o.id !== x.id && o.duplicateOf === null && o.text);
  return (
    <div className="hs-gy-comment" data-testid="admin-comment">
      <strong>{`${t(`detail.${x.stance}`)} · ${x.author ? `${x.author.name}${x.author.unitName ? ` (${x.author.unitName})` : ""}` : t("detail.anonymous")}`}</strong>
      {x.text && <span>{x.text}</span>}
      {x.voiceMediaId && <AuthAudio id={x.voiceMediaId} />}
      {original && <span className="hs-muted hs-small">{t("detail.duplicateOf", { text: original.text })}</span>}
      {others.length > 0 && (
        <label className="hs-select">
          <span className="hs-card-label">{t("detail.markDuplicate")}</span>
          <select value={x.duplicateOf ?? ""} disabled={mark.busy} onChange={(e) => void mark.run({ commentId: x.id, duplicateOf: e.target.value || null }, t("detail.marked"))}>
            <option value="">{t("detail.notDuplicate")}</option>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {o.text.slice(0, 60)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="hs-gy-text">
        <span className="hs-card-label">{t("detail.themes")}</span>
        <input value={themes} onChange={(e) => setThemes(e.target.value)} />
      </label>
      <Button size="small" variant="secondary" disabled={mark.busy} onClick={() => void mark.run({ commentId: x.id, themes: themes.split(",").map((s) => s.trim()).filter(Boolean) }, t("detail.marked"))}>
        {t("detail.saveThemes")}
      </Button>
    </div>
  );
}
