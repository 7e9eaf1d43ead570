import { useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import type { AdminConsultation } from "@hoiso/shared";
import { consultationMutations, consultationQueries, downloadReport } from "../../../api/consultations.js";
import { errorMessage } from "../../../api/http.js";
import { QueryState } from "../../../components/States.js";
import { useNotify } from "../../../components/notify.js";
import { useChange } from "../../../components/useChange.js";
import { formatDateTime } from "../../../i18n/format.js";
import { useAdminConsultationsT } from "./i18n/index.js";
import { SectionReview } from "./SectionReview.js";

/** One consultation: publish, counts per section (refreshed while open), comments, synthesis, close, report, outcome. */
export function ConsultationAdminDetail(): ReactElement {
  const { id = "" } = useParams();
  const query = useQuery(consultationQueries.adminItem(id));
  return <QueryState query={query}>{(c) => <Detail c={c} />}</QueryState>;
}

function Detail({ c }: { c: AdminConsultation }): ReactElement {
  const t = useAdminConsultationsT();
  const navigate = useNavigate();
  const notify = useNotify();
  const action = useChange(consultationMutations.action(c.id));
  return (
    <div className="hs-form" data-testid="consultation-admin-detail">
      <Button variant="tertiary" onClick={() => navigate("/quan-tri/gop-y")}>
        {t("detail.back")}
      </Button>
      <section className="hs-card hs-gy-card">
        <span className={`hs-gy-phase hs-gy-${c.phase}`} data-testid="consultation-phase">
          {t(`phase.${c.phase}`)}
        </span>
        <h2 className="hs-card-title">{c.title}</h2>
        <span className="hs-muted">{`${c.unitName} · ${formatDateTime(c.opensAt)} – ${formatDateTime(c.closesAt)}`}</span>
        <span data-testid="consultation-took">{t("detail.took", { women: c.participants, units: c.units })}</span>
        {c.status === "draft" && (
          <>
            <Button fullWidth disabled={action.busy} onClick={() => void action.run("publish", t("detail.published"))} data-testid="consultation-publish">
              {t("detail.publish")}
            </Button>
            <Button variant="secondary" fullWidth onClick={() => navigate(`/quan-tri/gop-y/${c.id}/sua`)}>
              {t("detail.edit")}
            </Button>
          </>
        )}
        {c.status === "published" && (
          <Button variant="secondary" fullWidth disabled={action.busy} onClick={() => void action.run("close", t("detail.closed"))} data-testid="consultation-close">
            {t("detail.close")}
          </Button>
        )}
        {c.status !== "draft" && (
          <Button
            variant="secondary"
            fullWidth
            data-testid="consultation-report"
            onClick={() => void downloadReport(c.id, `bao-cao-gop-y-${c.id.slice(0, 8)}.docx`).catch((err: unknown) => notify.fail(errorMessage(err)))}
          >
            {t("detail.report")}
          </Button>
        )}
      </section>
      {c.sections.map((s) => (
        <SectionReview key={s.id} c={c} s={s} />
      ))}
      {c.status === "closed" && <Outcome c={c} />}
    </div>
  );
}

function Outcome({ c }: { c: AdminConsultation }): ReactElement {
  const t = useAdminConsultationsT();
  const post = useChange(consultationMutations.outcome(c.id));
  const [sentTo, setSentTo] = useState(c.outcome?.sentTo ?? "");
  const [text, setText] = useState(c.outcome?.text ?? "");
  return (
    <section className="hs-card hs-form" data-testid="consultation-outcome-form">
      <p className="hs-card-title">{t("detail.outcomeTitle")}</p>
      {c.outcome && <p className="hs-gy-outcome">{t("detail.outcomeShown", { sentTo: c.outcome.sentTo, text: c.outcome.text })}</p>}
      <Input label={t("detail.sentTo")} value={sentTo} onChange={(e) => setSentTo(e.target.value)} />
      <Input.TextArea label={t("detail.outcomeText")} value={text} onChange={(e) => setText(e.target.value)} />
      <Button fullWidth disabled={post.busy || !sentTo.trim() || !text.trim()} onClick={() => void post.run({ sentTo, text }, (r) => t("detail.outcomePosted", { n: r.notified }))}>
        {t("detail.postOutcome")}
      </Button>
    </section>
  );
}
