import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { contestQueries } from "../../api/contests.js";
import { PageHeader } from "../../components/PageHeader.js";
import { QueryState } from "../../components/States.js";
import { formatDateTime } from "../../i18n/format.js";
import { useQuizT } from "./i18n/index.js";

/** Thi: a tab for the contests she may enter, one for practice. */
export function QuizHome(): ReactElement {
  const t = useQuizT();
  const [params, setParams] = useSearchParams();
  const tab = params.get("loai") === "on-tap" ? "practice" : "contests";
  return (
    <div className="hs-page" data-testid="quiz">
      <PageHeader title={t("title")} />
      <nav className="hs-segments" role="tablist" aria-label={t("tabsLabel")}>
        {(["contests", "practice"] as const).map((k) => (
          <button key={k} type="button" role="tab" className="hs-segment" aria-selected={tab === k} onClick={() => setParams(k === "practice" ? { loai: "on-tap" } : {}, { replace: true })}>
            {t(`tabs.${k}`)}
          </button>
        ))}
      </nav>
      {tab === "contests" ? <Contests /> : <Practice />}
    </div>
  );
}

function Contests(): ReactElement {
  const t = useQuizT();
  const navigate = useNavigate();
  const query = useQuery(contestQueries.list());
  return (
    <QueryState query={query}>
      {(list) =>
        list.items.length === 0 ? (
          <p className="hs-muted">{t("empty.contests")}</p>
        ) : (
          <>
            {list.items.map((c) => {
              const current = c.rounds.find((r) => r.phase === "open") ?? c.rounds.find((r) => r.phase === "upcoming") ?? c.rounds[c.rounds.length - 1];
              return (
                <button key={c.id} type="button" className="hs-card hs-quiz-card" data-testid="contest-card" onClick={() => navigate(`/thi/cuoc-thi/${c.id}`)}>
                  {current && <span className={`hs-quiz-phase${current.phase === "open" ? " hs-quiz-phase-open" : ""}`}>{`${current.title} · ${t(`phase.${current.phase}`)}`}</span>}
                  <span className="hs-card-title">{c.title}</span>
                  <span className="hs-muted">{t("by", { unit: c.unitName })}</span>
                  {current && <span className="hs-muted">{t("contest.roundTimes", { from: formatDateTime(current.opensAt), to: formatDateTime(current.closesAt) })}</span>}
                </button>
              );
            })}
          </>
        )
      }
    </QueryState>
  );
}

function Practice(): ReactElement {
  const t = useQuizT();
  const navigate = useNavigate();
  const query = useQuery(contestQueries.quizzes());
  return (
    <QueryState query={query}>
      {(list) =>
        list.items.length === 0 ? (
          <p className="hs-muted">{t("empty.practice")}</p>
        ) : (
          <>
            {list.items.map((q) => (
              <button key={q.id} type="button" className="hs-card hs-quiz-card" data-testid="practice-card" onClick={() => navigate(`/thi/on-tap/${q.id}`)}>
                <span className="hs-card-title">{q.title}</span>
                {q.description && <span className="hs-muted">{q.description}</span>}
                <span className="hs-muted">{t("practice.lead", { n: q.questionCount })}</span>
              </button>
            ))}
          </>
        )
      }
    </QueryState>
  );
}
