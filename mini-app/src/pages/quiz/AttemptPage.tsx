import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactElement } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import type { AttemptResult, AttemptView } from "@hoiso/shared";
import { contestMutations, contestQueries } from "../../api/contests.js";
import { errorMessage } from "../../api/http.js";
import { ConfirmModal } from "../../components/ConfirmModal.js";
import { PageHeader } from "../../components/PageHeader.js";
import { QueryState } from "../../components/States.js";
import { duration } from "./format.js";
import { QuestionImage } from "./QuestionImage.js";
import { useQuizT } from "./i18n/index.js";

/** Her answers so far, kept on the phone: a dropped connection or a closed Zalo comes back to them. */
type Draft = { answers: Record<string, number[]>; prediction: string };
const draftKey = (id: string) => `hs-attempt-${id}`;
function loadDraft(id: string): Draft {
  try {
    const raw = localStorage.getItem(draftKey(id));
    if (raw) return JSON.parse(raw) as Draft;
  } catch {
    // a phone without storage (private mode) simply starts from nothing
  }
  return { answers: {}, prediction: "" };
}
function saveDraft(id: string, d: Draft): void {
  try {
    localStorage.setItem(draftKey(id), JSON.stringify(d));
  } catch {
    // storage full or refused: the answers still live in memory until she submits
  }
}

/** An attempt: the server's questions and deadline (same on resume), a countdown by the server's clock, one submit. */
export function AttemptPage(): ReactElement {
  const t = useQuizT();
  const { attemptId = "" } = useParams();
  const navigate = useNavigate();
  const query = useQuery(contestQueries.attempt(attemptId));
  return (
    <div className="hs-page" data-testid="attempt">
      <PageHeader title={t("attempt.title")} back />
      <QueryState query={query}>
        {(a) =>
          a.status === "open" ? (
            <Answering attempt={a} />
          ) : (
            <section className="hs-card hs-quiz-card">
              <p className="hs-muted">{t("attempt.expired")}</p>
              <Button fullWidth onClick={() => navigate(`/thi/cuoc-thi/${a.contestId}/dot/${a.roundId}`, { replace: true })}>
                {t("attempt.seeResult")}
              </Button>
            </section>
          )
        }
      </QueryState>
    </div>
  );
}

function Answering({ attempt: a }: { attempt: AttemptView }): ReactElement {
  const t = useQuizT();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(a.id));
  const [result, setResult] = useState<AttemptResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = useMutation(contestMutations.submit(a.contestId, a.id));
  // the phone's clock may be wrong: count down from the server's "now" as it was when the attempt arrived
  const [offset] = useState(() => new Date(a.serverNow).getTime() - Date.now());
  const deadline = new Date(a.deadline).getTime();
  const [now, setNow] = useState(() => Date.now() + offset);
  const sent = useRef(false);
  const [ask, setAsk] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + offset), 1000);
    return () => clearInterval(timer);
  }, [offset]);

  const update = (d: Draft) => {
    setDraft(d);
    saveDraft(a.id, d);
  };
  const pick = (questionId: string, index: number, multiple: boolean) => {
    const had = draft.answers[questionId] ?? [];
    const next = multiple ? (had.includes(index) ? had.filter((x) => x !== index) : [...had, index]) : [index];
    update({ ...draft, answers: { ...draft.answers, [questionId]: next } });
  };
  const answered = a.questions.filter((q) => (draft.answers[q.id] ?? []).length > 0).length;

  async function send(): Promise<void> {
    if (sent.current) return;
    sent.current = true;
    setError(null);
    const prediction = draft.prediction.trim() === "" ? null : Number.parseInt(draft.prediction, 10);
    try {
      const r = await submit.mutateAsync({
        answers: a.questions.filter((q) => (draft.answers[q.id] ?? []).length > 0).map((q) => ({ questionId: q.id, choices: draft.answers[q.id] ?? [] })),
        prediction: a.prediction && prediction !== null && Number.isFinite(prediction) && prediction >= 0 ? prediction : null,
      });
      localStorage.removeItem(draftKey(a.id));
      setResult(r);
    } catch (err) {
      sent.current = false;
      setError(errorMessage(err));
    }
  }
  const remaining = deadline - now;
  useEffect(() => {
    // time is up: hand in what she has (the server still accepts it within its grace)
    if (remaining <= 0 && !result && !sent.current) void send();
  });

  if (result) {
    return (
      <section className="hs-card hs-quiz-card" data-testid="attempt-result" role="status">
        <p className="hs-card-title">{t("attempt.done")}</p>
        <p className="hs-quiz-big" data-testid="attempt-score">{t("attempt.score", { correct: result.correct, total: result.total, time: duration(result.durationMs) })}</p>
        <p data-testid="attempt-rank">{t("attempt.rank", { rank: result.rank.rank, of: result.rank.of })}</p>
        {!result.best && <p className="hs-muted">{t("attempt.notBest")}</p>}
        <Button fullWidth onClick={() => navigate(`/thi/cuoc-thi/${a.contestId}/dot/${a.roundId}`, { replace: true })}>
          {t("attempt.seeResult")}
        </Button>
        <Button variant="secondary" fullWidth onClick={() => navigate(`/thi/cuoc-thi/${a.contestId}`, { replace: true })}>
          {t("attempt.back")}
        </Button>
      </section>
    );
  }
  return (
    <>
      <p className={`hs-quiz-timer${remaining < 60_000 ? " hs-quiz-timer-low" : ""}`} role="timer" aria-live="off" data-testid="attempt-timer">
        {remaining > 0 ? t("attempt.left", { time: duration(remaining) }) : t("attempt.timeUp")}
      </p>
      {a.questions.map((q, i) => (
        <fieldset key={q.id} className="hs-card hs-quiz-question" data-testid="attempt-question">
          <legend className="hs-card-label">{t("attempt.question", { n: i + 1, total: a.questions.length })}</legend>
          <p className="hs-card-title">{q.prompt}</p>
          {q.imageMediaId && <QuestionImage id={q.imageMediaId} alt={t("attempt.imageAlt", { n: i + 1 })} />}
          <span className="hs-muted">{q.multiple ? t("attempt.pickMany") : t("attempt.pickOne")}</span>
          {q.choices.map((c) => (
            <label key={c.index} className="hs-quiz-choice">
              <input
                type={q.multiple ? "checkbox" : "radio"}
                name={`q-${q.id}`}
                checked={(draft.answers[q.id] ?? []).includes(c.index)}
                onChange={() => pick(q.id, c.index, q.multiple)}
              />
              <span>{c.text}</span>
            </label>
          ))}
        </fieldset>
      ))}
      {a.prediction && (
        <section className="hs-card hs-quiz-card">
          <span className="hs-card-label">{t("attempt.prediction")}</span>
          <Input
            label={a.prediction.prompt}
            placeholder={t("attempt.predictionHint")}
            inputMode="numeric"
            value={draft.prediction}
            onChange={(e) => update({ ...draft, prediction: e.target.value.replace(/\D/g, "").slice(0, 9) })}
            data-testid="attempt-prediction"
          />
        </section>
      )}
      <p className="hs-muted">{t("attempt.answered", { n: answered, total: a.questions.length })}</p>
      {error && (
        <p className="hs-state-error" role="alert">
          {error}
        </p>
      )}
      <Button
        fullWidth
        loading={submit.isPending}
        disabled={submit.isPending}
        onClick={() => (answered < a.questions.length ? setAsk(true) : void send())}
        data-testid="attempt-submit"
      >
        {submit.isPending ? t("attempt.sending") : t("attempt.submit")}
      </Button>
      <ConfirmModal
        open={ask}
        title={t("attempt.submit")}
        text={t("attempt.confirmMissing", { n: a.questions.length - answered })}
        confirm={t("attempt.submit")}
        onCancel={() => setAsk(false)}
        onConfirm={() => {
          setAsk(false);
          void send();
        }}
      />
    </>
  );
}
