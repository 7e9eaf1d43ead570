import { useQuery } from "@tanstack/react-query";
import type { PollGroup, PollQuestionResult } from "@hoiso/shared";
import type { ReactElement } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import { downloadPollExport, pollAdminMutations, pollAdminQueries } from "../../../api/polls.js";
import { errorMessage } from "../../../api/http.js";
import { QueryState } from "../../../components/States.js";
import { useChange } from "../../../components/useChange.js";
import { useNotify } from "../../../components/notify.js";
import { formatDateTime } from "../../../i18n/format.js";
import { useAdminPollsT } from "./i18n/index.js";

const pct = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 100) : 0);

function Groups({ q, d }: { q: PollQuestionResult; d: "unit" | "age" | "ethnic" }): ReactElement {
  const t = useAdminPollsT();
  const groups: PollGroup[] = q.breakdowns[d];
  return (
    <details data-testid={`poll-breakdown-${d}`}>
      <summary>{t(`results.breakdown.${d}`)}</summary>
      {groups.length === 0 ? (
        <p className="hs-muted hs-small">{t("results.noGroups")}</p>
      ) : (
        <div className="hs-poll-table-wrap">
          <table className="hs-poll-table">
            <thead>
              <tr>
                <th>{t("results.group")}</th>
                <th>{t("results.people")}</th>
                {q.options.map((o, i) => (
                  <th key={i}>{o}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.key}>
                  <td>{g.label}</td>
                  <td>{g.respondents}</td>
                  {g.counts.map((n, i) => (
                    <td key={i}>{n}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

function Question({ q }: { q: PollQuestionResult }): ReactElement {
  const t = useAdminPollsT();
  return (
    <section className="hs-card hs-form" data-testid="poll-result">
      <span className="hs-card-title">{`${q.index + 1}. ${q.text}`}</span>
      <span className="hs-muted hs-small">{`${t(`kind.${q.kind}`)} · ${t("results.answered", { n: q.answered })}`}</span>
      {q.kind === "text" ? (
        q.texts.length === 0 ? (
          <p className="hs-muted">{t("results.noTexts")}</p>
        ) : (
          <>
            <span className="hs-card-label">{t("results.texts")}</span>
            <ul data-testid="poll-texts">
              {q.texts.map((x, i) => (
                <li key={i}>{x}</li>
              ))}
            </ul>
          </>
        )
      ) : (
        <>
          {q.options.map((o, i) => (
            <div key={i} className="hs-poll-result-row" data-testid="poll-option">
              <span>{o}</span>
              <strong data-testid="poll-count">{q.counts[i] ?? 0}</strong>
              <div className="hs-poll-bar">
                <span style={{ width: `${pct(q.counts[i] ?? 0, q.answered)}%` }} />
              </div>
            </div>
          ))}
          {q.average !== null && <p>{t("results.average", { avg: q.average })}</p>}
          <Groups q={q} d="unit" />
          <Groups q={q} d="age" />
          <Groups q={q} d="ethnic" />
        </>
      )}
    </section>
  );
}

/** One poll's results, asked again every second while open on screen; export and close. */
export function PollResultsView(): ReactElement {
  const t = useAdminPollsT();
  const navigate = useNavigate();
  const notify = useNotify();
  const { id = "" } = useParams();
  const results = useQuery(pollAdminQueries.results(id));
  const close = useChange(pollAdminMutations.close(id));
  return (
    <div className="hs-form" data-testid="poll-results">
      <QueryState query={results}>
        {(r) => (
          <>
            <section className="hs-card">
              <span className="hs-card-title">{r.poll.title}</span>
              <span className="hs-muted hs-small">{`${t(`status.${r.poll.status}`)} · ${t("results.closes", { at: formatDateTime(r.poll.closesAt) })}`}</span>
              <p data-testid="poll-respondents">{t("results.respondents", { n: r.respondents, of: r.poll.audienceSize })}</p>
              <p className="hs-muted hs-small">{t("results.live")}</p>
              <p className="hs-muted hs-small">{t("results.smallRule", { min: r.smallGroupMin })}</p>
            </section>
            {r.questions.map((q) => (
              <Question key={q.index} q={q} />
            ))}
            <Button fullWidth onClick={() => void downloadPollExport(id, `khao-sat-${id.slice(0, 8)}.xlsx`).catch((err: unknown) => notify.fail(errorMessage(err)))} data-testid="poll-export">
              {t("results.export")}
            </Button>
            {r.poll.status !== "closed" && (
              <Button variant="secondary" fullWidth loading={close.busy} onClick={() => void close.run(undefined, t("results.closed"))}>
                {t("results.close")}
              </Button>
            )}
          </>
        )}
      </QueryState>
      <Button variant="tertiary" fullWidth onClick={() => navigate("/quan-tri/khao-sat")}>
        {t("results.back")}
      </Button>
    </div>
  );
}
