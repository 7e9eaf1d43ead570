import { useMutation, useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import type { RoundView } from "@hoiso/shared";
import { contestMutations, contestQueries } from "../../api/contests.js";
import { ApiError, errorMessage } from "../../api/http.js";
import { PageHeader } from "../../components/PageHeader.js";
import { QueryState } from "../../components/States.js";
import { useNotify } from "../../components/notify.js";
import { formatDateTime } from "../../i18n/format.js";
import { duration } from "./format.js";
import { useQuizT } from "./i18n/index.js";

/** A contest: what it is about, its rules and ranking rule, the prizes, and each round with her standing. */
export function ContestPage(): ReactElement {
  const t = useQuizT();
  const { id = "" } = useParams();
  const query = useQuery(contestQueries.detail(id));
  return (
    <div className="hs-page" data-testid="contest">
      <PageHeader title={t("tabs.contests")} back />
      <QueryState query={query}>
        {(c) => (
          <>
            <section className="hs-card hs-quiz-card">
              <h2 className="hs-card-title">{c.title}</h2>
              <span className="hs-muted">{t("by", { unit: c.unitName })}</span>
              {c.description && <p>{c.description}</p>}
              <span className="hs-card-label">{t("rule.label")}</span>
              <p data-testid="ranking-rule">{t(`rule.${c.ranking}`)}</p>
              <p className="hs-muted" data-testid="ranking-tie">{t("rule.tie")}</p>
              {c.rules && (
                <>
                  <span className="hs-card-label">{t("contest.rules")}</span>
                  <p className="hs-quiz-pre">{c.rules}</p>
                </>
              )}
              {c.prizeTiers.length > 0 && (
                <>
                  <span className="hs-card-label">{t("contest.prizes")}</span>
                  <ul className="hs-quiz-rows">
                    {c.prizeTiers.map((p) => (
                      <li key={p.label}>{t("contest.prize", { label: p.label, count: p.count })}</li>
                    ))}
                  </ul>
                </>
              )}
            </section>
            <h2 className="hs-card-label">{t("contest.rounds")}</h2>
            {c.rounds.map((r) => (
              <Round key={r.id} contestId={c.id} round={r} />
            ))}
          </>
        )}
      </QueryState>
    </div>
  );
}

function Round({ contestId, round: r }: { contestId: string; round: RoundView }): ReactElement {
  const t = useQuizT();
  const navigate = useNavigate();
  const notify = useNotify();
  const start = useMutation(contestMutations.start(contestId));
  const left = r.maxAttempts - r.mine.attemptsUsed;
  async function begin(): Promise<void> {
    try {
      const a = await start.mutateAsync(r.id);
      navigate(`/thi/lam-bai/${a.id}`);
    } catch (err) {
      // she already has one open (another phone, a reload): take her back to it
      if (err instanceof ApiError && err.code === "CONTEST_ATTEMPT_OPEN" && err.field) navigate(`/thi/lam-bai/${err.field}`);
      else notify.fail(errorMessage(err));
    }
  }
  return (
    <section className="hs-card hs-quiz-card" data-testid="round">
      <span className={`hs-quiz-phase${r.phase === "open" ? " hs-quiz-phase-open" : ""}`}>{t(`phase.${r.phase}`)}</span>
      <h3 className="hs-card-title">{r.title}</h3>
      <span className="hs-muted">{t("contest.roundTimes", { from: formatDateTime(r.opensAt), to: formatDateTime(r.closesAt) })}</span>
      <span className="hs-muted">{t("contest.roundFacts", { n: r.questionCount, minutes: Math.round(r.timeLimitSeconds / 60), attempts: r.maxAttempts })}</span>
      {r.mine.attemptsUsed > 0 && <span>{t("contest.used", { used: r.mine.attemptsUsed, max: r.maxAttempts })}</span>}
      {r.mine.best && <span data-testid="round-best">{t("contest.best", { correct: r.mine.best.correct, total: r.mine.best.total, time: duration(r.mine.best.durationMs) })}</span>}
      {r.phase === "open" && r.mine.openAttemptId ? (
        <Button fullWidth onClick={() => navigate(`/thi/lam-bai/${r.mine.openAttemptId}`)}>
          {t("contest.resume")}
        </Button>
      ) : r.phase === "open" && left > 0 ? (
        <Button fullWidth loading={start.isPending} disabled={start.isPending} onClick={() => void begin()}>
          {start.isPending ? t("contest.starting") : t("contest.start")}
        </Button>
      ) : r.phase === "open" ? (
        <p className="hs-muted">{t("contest.noMore")}</p>
      ) : null}
      {(r.mine.attemptsUsed > 0 || r.phase === "closed") && (
        <Button variant="secondary" fullWidth onClick={() => navigate(`/thi/cuoc-thi/${contestId}/dot/${r.id}`)}>
          {t("contest.result")}
        </Button>
      )}
    </section>
  );
}
