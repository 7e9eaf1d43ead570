import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { useParams } from "react-router-dom";
import type { GuideDetail } from "@hoiso/shared";
import { contentQueries } from "../../api/content.js";
import { PageHeader } from "../../components/PageHeader.js";
import { QueryState } from "../../components/States.js";
import { useLearnT } from "./i18n/index.js";
import { dayOf } from "./LearnList.js";
import { OfflineNotice } from "./OfflineNotice.js";
import { useTicks } from "./prefs.js";

/** A public-service guide: a checklist she ticks (kept on her phone), the practical facts, the portal link, FAQ and the source. */
export function GuidePage(): ReactElement {
  const t = useLearnT();
  const { id = "" } = useParams();
  const guide = useQuery(contentQueries.guide(id));
  return (
    <div className="hs-page" data-testid="guide">
      <PageHeader title={t("title")} back />
      <OfflineNotice query={guide} />
      <QueryState query={guide} loadingText={t("guide.loading")}>
        {(g) => <Guide key={g.id} g={g} />}
      </QueryState>
    </div>
  );
}

function Fact({ label, text }: { label: string; text: string }): ReactElement | null {
  if (!text.trim()) return null;
  return (
    <div className="hs-learn-fact">
      <dt className="hs-card-label">{label}</dt>
      <dd>{text}</dd>
    </div>
  );
}

function Guide({ g }: { g: GuideDetail }): ReactElement {
  const t = useLearnT();
  const [ticks, tick] = useTicks(g.id);
  const stepKey = (i: number) => `${i}:${g.steps[i]!.title}`;
  const done = g.steps.filter((_, i) => ticks.has(stepKey(i))).length;
  return (
    <article className="hs-learn-article">
      <h2 className="hs-learn-title" data-testid="guide-title">
        {g.title}
      </h2>
      {g.summary && <p>{g.summary}</p>}
      {g.steps.length > 0 && (
        <section className="hs-card" aria-label={t("guide.steps")}>
          <p className="hs-card-title">{t("guide.steps")}</p>
          <p className="hs-muted hs-small">{t("guide.stepsHint")}</p>
          <p className="hs-learn-ok" data-testid="guide-done">
            {t("guide.done", { done, total: g.steps.length })}
          </p>
          <ol className="hs-learn-steps">
            {g.steps.map((s, i) => (
              <li key={stepKey(i)}>
                <label className="hs-learn-step">
                  <input type="checkbox" data-testid="guide-step" checked={ticks.has(stepKey(i))} onChange={(e) => tick(stepKey(i), e.target.checked)} />
                  <span>
                    <span className="hs-choice-title">{s.title}</span>
                    {s.detail && <span className="hs-learn-step-detail">{s.detail}</span>}
                  </span>
                </label>
              </li>
            ))}
          </ol>
        </section>
      )}
      {g.papers.length > 0 && (
        <section className="hs-card">
          <p className="hs-card-title">{t("guide.papers")}</p>
          <ul className="hs-learn-list">
            {g.papers.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </section>
      )}
      <dl className="hs-card hs-learn-facts">
        <Fact label={t("guide.where")} text={g.where} />
        <Fact label={t("guide.when")} text={g.when} />
        <Fact label={t("guide.fees")} text={g.fees} />
        <Fact label={t("guide.whoToAsk")} text={g.whoToAsk} />
      </dl>
      {g.portalUrl && (
        <a className="hs-learn-portal" href={g.portalUrl} target="_blank" rel="noreferrer noopener" data-testid="guide-portal">
          {t("guide.portal")}
        </a>
      )}
      {g.faq.length > 0 && (
        <section className="hs-card">
          <p className="hs-card-title">{t("guide.faq")}</p>
          {g.faq.map((f, i) => (
            <details key={i} className="hs-learn-faq">
              <summary>{f.question}</summary>
              <p>{f.answer}</p>
            </details>
          ))}
        </section>
      )}
      <section className="hs-card hs-learn-source" data-testid="guide-source">
        <p className="hs-card-label">{t("guide.source")}</p>
        {g.source.url ? (
          <a href={g.source.url} target="_blank" rel="noreferrer noopener">
            {g.source.name}
          </a>
        ) : (
          <p>{g.source.name}</p>
        )}
        <p className="hs-muted hs-small">{t("guide.checked", { date: dayOf(g.source.checkedOn) })}</p>
      </section>
    </article>
  );
}
