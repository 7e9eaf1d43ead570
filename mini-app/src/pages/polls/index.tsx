import { useQuery } from "@tanstack/react-query";
import type { MemberPoll, PollAnswer } from "@hoiso/shared";
import { useState, type ReactElement } from "react";
import { Route, Routes, useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import { pollMutations, pollQueries } from "../../api/polls.js";
import { CardListPage } from "../../components/CardListPage.js";
import { PageHeader } from "../../components/PageHeader.js";
import { QueryState } from "../../components/States.js";
import { useChange } from "../../components/useChange.js";
import { formatDateTime } from "../../i18n/format.js";
import { QuestionField } from "./QuestionField.js";
import { usePollsT } from "./i18n/index.js";
import "../../components/feedback.css";
import "./polls.css";

/** Khảo sát: the polls sent to her, and one to answer (once, without her name). */
export default function PollsPage(): ReactElement {
  return (
    <Routes>
      <Route index element={<PollList />} />
      <Route path=":id" element={<PollAnswerPage />} />
    </Routes>
  );
}

function PollList(): ReactElement {
  const t = usePollsT();
  const navigate = useNavigate();
  const list = useQuery(pollQueries.list());
  return (
    <CardListPage
      title={t("title")}
      query={list}
      none={t("list.none")}
      label={t("list.label")}
      listClass="hs-poll-list"
      cardClass="hs-poll-row"
      testId="poll-row"
      onOpen={(p) => navigate(`/khao-sat/${p.id}`)}
    >
      {(p) => (
        <>
          <span className={`hs-poll-tag${p.answered ? " is-done" : ""}`}>
            {p.answered ? t("list.answered") : p.status === "closed" ? t("list.closed") : t("list.waiting")}
          </span>
          <span className="hs-card-title">{p.title}</span>
          <span className="hs-muted hs-small">{t("list.closes", { at: formatDateTime(p.closesAt) })}</span>
        </>
      )}
    </CardListPage>
  );
}

function PollAnswerPage(): ReactElement {
  const t = usePollsT();
  const { id = "" } = useParams();
  const poll = useQuery(pollQueries.detail(id));
  return (
    <div className="hs-page">
      <PageHeader title={t("title")} back />
      <QueryState query={poll}>{(p) => <PollForm poll={p} />}</QueryState>
    </div>
  );
}

const empty = (p: MemberPoll): PollAnswer[] => p.questions.map((q) => (q.kind === "multiple" ? { choices: [] } : q.kind === "text" ? { text: "" } : {}));

function PollForm({ poll }: { poll: MemberPoll }): ReactElement {
  const t = usePollsT();
  const navigate = useNavigate();
  const [answers, setAnswers] = useState<PollAnswer[]>(() => empty(poll));
  const [missing, setMissing] = useState<number | null>(null);
  const send = useChange(pollMutations.answer(poll.id));
  const closed = poll.status !== "open";
  const finished = poll.answered || closed;

  const submit = () => {
    const gap = poll.questions.findIndex((q, i) => (q.kind === "multiple" ? (answers[i]?.choices ?? []).length === 0 : q.kind !== "text" && answers[i]?.choice === undefined));
    setMissing(gap >= 0 ? gap : null);
    if (gap >= 0) return;
    void send.run({ answers }, t("answer.sent"));
  };

  return (
    <div className="hs-form" data-testid="poll-form">
      <section className="hs-card">
        <span className="hs-card-title">{poll.title}</span>
        <span className="hs-muted hs-small">{t("answer.from", { unit: poll.unitName })}</span>
        {poll.intro && <p>{poll.intro}</p>}
        <p className="hs-muted hs-small">{t("answer.anonymous")}</p>
      </section>
      {finished ? (
        <section className="hs-card" data-testid="poll-done">
          <p className="hs-card-title">{poll.answered ? t("answer.done") : t("answer.closed")}</p>
          <Button variant="secondary" fullWidth onClick={() => navigate("/khao-sat")}>
            {t("answer.back")}
          </Button>
        </section>
      ) : (
        <>
          {poll.questions.map((q, i) => (
            <section key={i} className="hs-card">
              <QuestionField
                index={i}
                question={q}
                value={answers[i] ?? {}}
                onChange={(a) => {
                  setAnswers((xs) => xs.map((x, j) => (j === i ? a : x)));
                  if (missing === i) setMissing(null);
                }}
              />
              {missing === i && (
                <p className="hs-field-error" role="alert">
                  {t("answer.missing", { n: i + 1 })}
                </p>
              )}
            </section>
          ))}
          <Button fullWidth size="large" loading={send.busy} disabled={send.busy} onClick={submit} data-testid="poll-send">
            {send.busy ? t("answer.sending") : t("answer.send")}
          </Button>
        </>
      )}
    </div>
  );
}
