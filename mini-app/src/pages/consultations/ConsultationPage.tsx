import { useQuery } from "@tanstack/react-query";
import { useCallback, useState, type ReactElement } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import type { ConsultationDetail, ConsultationStance } from "@hoiso/shared";
import { consultationMutations, consultationQueries } from "../../api/consultations.js";
import { PageHeader } from "../../components/PageHeader.js";
import { QueryState } from "../../components/States.js";
import { useChange } from "../../components/useChange.js";
import { AuthAudio } from "../../components/AuthMedia.js";
import { formatDateTime } from "../../i18n/format.js";
// the feedback form's recorder: one big button, upload as soon as she stops (the same media module)
import { VoiceNote, type Voice } from "../feedback/VoiceNote.js";
import { useConsultationsT } from "./i18n/index.js";

const STANCES: readonly ConsultationStance[] = ["agree", "disagree", "propose"];

/** One draft, one section at a time: read it, pick a big button, say why if she wants, send; then the next part. */
export function ConsultationPage(): ReactElement {
  const t = useConsultationsT();
  const { id = "" } = useParams();
  const query = useQuery(consultationQueries.item(id));
  return (
    <div className="hs-page">
      <PageHeader title={t("title")} back />
      <QueryState query={query}>{(c) => <Draft c={c} />}</QueryState>
    </div>
  );
}

function Draft({ c }: { c: ConsultationDetail }): ReactElement {
  const t = useConsultationsT();
  const navigate = useNavigate();
  const firstOpen = Math.max(0, c.sections.findIndex((s) => s.mine === null));
  const [index, setIndex] = useState(c.phase === "open" ? firstOpen : 0);
  const [anonymous, setAnonymous] = useState(c.anonymous);
  const section = c.sections[Math.min(index, c.sections.length - 1)];
  return (
    <>
      <section className="hs-card" data-testid="consultation-head">
        <span className={`hs-gy-phase hs-gy-${c.phase}`}>{t(`phase.${c.phase}`)}</span>
        <h2 className="hs-card-title">{c.title}</h2>
        <p className="hs-muted hs-small">{`${c.unitName} · ${formatDateTime(c.closesAt)}`}</p>
        {c.summary && <p className="hs-gy-summary">{c.summary}</p>}
        {c.outcome && (
          <p className="hs-gy-outcome" data-testid="consultation-outcome">
            <strong>{t("item.outcome", { sentTo: c.outcome.sentTo })}</strong>
            <br />
            {c.outcome.text}
          </p>
        )}
        {c.phase === "closed" && <p className="hs-muted">{t("item.closed")}</p>}
        {c.phase === "upcoming" && <p className="hs-muted">{t("item.upcoming")}</p>}
        {c.phase === "open" && (
          <label className="hs-check" data-testid="consultation-anonymous">
            <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
            <span>
              {t("item.anonymous")}
              <br />
              <span className="hs-muted hs-small">{t("item.anonymousHint")}</span>
            </span>
          </label>
        )}
      </section>
      {section && <Section key={section.id} c={c} index={c.sections.indexOf(section)} anonymous={anonymous} onDone={() => setIndex((i) => Math.min(i + 1, c.sections.length - 1))} />}
      <nav className="hs-gy-nav" aria-label={t("item.sections")}>
        <Button variant="secondary" disabled={index <= 0} onClick={() => setIndex((i) => Math.max(0, i - 1))}>
          {t("item.previous")}
        </Button>
        <Button variant="secondary" disabled={index >= c.sections.length - 1} onClick={() => setIndex((i) => Math.min(c.sections.length - 1, i + 1))}>
          {t("item.next")}
        </Button>
      </nav>
      <Button variant="tertiary" fullWidth onClick={() => navigate("/gop-y")}>
        {t("item.back")}
      </Button>
    </>
  );
}

function Section({ c, index, anonymous, onDone }: { c: ConsultationDetail; index: number; anonymous: boolean; onDone: () => void }): ReactElement {
  const t = useConsultationsT();
  const s = c.sections[index]!;
  const [stance, setStance] = useState<ConsultationStance | null>(s.mine?.stance ?? null);
  const [text, setText] = useState(s.mine?.text ?? "");
  const [voice, setVoiceState] = useState<Voice>(s.mine?.voiceMediaId ? { status: "done", mediaId: s.mine.voiceMediaId } : { status: "none" });
  const setVoice = useCallback((v: Voice) => setVoiceState(v), []);
  const save = useChange(consultationMutations.positions(c.id));
  const open = c.phase === "open";
  const voiceId = voice.status === "done" ? voice.mediaId : null;
  return (
    <section className="hs-card hs-gy-section" data-testid="consultation-section">
      <p className="hs-card-label">{t("item.part", { n: index + 1, total: c.sections.length })}</p>
      <h3 className="hs-gy-heading">{s.heading}</h3>
      {s.body && <p className="hs-gy-body">{s.body}</p>}
      {s.mine && <p className="hs-gy-yours">{t("item.yours", { stance: t(`item.${s.mine.stance}`) })}</p>}
      {open && (
        <>
          <p className="hs-card-label">{t("item.question")}</p>
          <div className="hs-gy-stances" role="radiogroup" aria-label={t("item.question")}>
            {STANCES.map((k) => (
              <button key={k} type="button" role="radio" aria-checked={stance === k} className={`hs-gy-stance hs-gy-${k}${stance === k ? " is-on" : ""}`} onClick={() => setStance(k)} data-testid={`stance-${k}`}>
                {t(`item.${k}`)}
              </button>
            ))}
          </div>
          {stance !== null && stance !== "agree" && (
            <label className="hs-gy-text">
              <span className="hs-card-label">{stance === "propose" ? t("item.textLabel") : t("item.reasonLabel")}</span>
              <textarea rows={4} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} data-testid="consultation-text" />
            </label>
          )}
          {stance === "propose" && <VoiceNote voice={voice} setVoice={setVoice} />}
          <Button
            fullWidth
            size="large"
            disabled={stance === null || save.busy || voice.status === "uploading"}
            data-testid="consultation-save"
            onClick={() =>
              stance &&
              void save.run(
                { anonymous, positions: [{ sectionId: s.id, stance, text: stance === "agree" ? "" : text, voiceMediaId: stance === "propose" ? voiceId : null }] },
                t("item.saved"),
                onDone,
              )
            }
          >
            {t("item.save")}
          </Button>
          {s.mine && <p className="hs-muted hs-small">{t("item.change")}</p>}
        </>
      )}
      {!open && s.mine?.voiceMediaId && <AuthAudio id={s.mine.voiceMediaId} />}
    </section>
  );
}
