import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import type { QuizCheckResult, QuizSession } from "@hoiso/shared";
import { practiceMutations, practiceQueries } from "../../api/contests.js";
import { errorMessage } from "../../api/http.js";
import { PageHeader } from "../../components/PageHeader.js";
import { QueryState } from "../../components/States.js";
import { LETTERS } from "./format.js";
import { useQuizT } from "./i18n/index.js";

/** Ôn tập: one question at a time, checked at once with the right answer and why; as many rounds as she likes. */
export function PracticePage(): ReactElement {
  const t = useQuizT();
  const { id = "" } = useParams();
  const [session, setSession] = useState(0);
  const query = useQuery(practiceQueries.session(id, session));
  return (
    <div className="hs-page" data-testid="practice">
      <PageHeader title={t("practice.title")} back />
      <QueryState query={query}>{(s) => <Run key={session} quiz={s} again={() => setSession((n) => n + 1)} />}</QueryState>
    </div>
  );
}

function Run({ quiz, again }: { quiz: QuizSession; again: () => void }): ReactElement {
  const t = useQuizT();
  const check = useMutation(practiceMutations.check(quiz.id));
  const [i, setI] = useState(0);
  const [picked, setPicked] = useState<number[]>([]);
  const [result, setResult] = useState<QuizCheckResult | null>(null);
  const [right, setRight] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const q = quiz.questions[i];
  if (!q) {
    return (
      <section className="hs-card hs-quiz-card" role="status" data-testid="practice-done">
        <p className="hs-quiz-big">{t("practice.finish", { right, total: quiz.questions.length })}</p>
        <Button fullWidth onClick={again}>
          {t("practice.again")}
        </Button>
      </section>
    );
  }
  async function submit(): Promise<void> {
    if (!q || picked.length === 0) {
      setError(t("practice.pickFirst"));
      return;
    }
    setError(null);
    try {
      const r = await check.mutateAsync({ questionId: q.id, choices: picked });
      setResult(r);
      if (r.right) setRight((n) => n + 1);
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  const letter = (index: number) => LETTERS[q.choices.findIndex((c) => c.index === index)] ?? "?";
  return (
    <fieldset className="hs-card hs-quiz-question" disabled={check.isPending} data-testid="practice-question">
      <legend className="hs-card-label">{t("attempt.question", { n: i + 1, total: quiz.questions.length })}</legend>
      <p className="hs-card-title">{q.prompt}</p>
      <span className="hs-muted">{q.multiple ? t("attempt.pickMany") : t("attempt.pickOne")}</span>
      {q.choices.map((c, k) => (
        <label key={c.index} className="hs-quiz-choice">
          <input
            type={q.multiple ? "checkbox" : "radio"}
            name={`p-${q.id}`}
            disabled={result !== null}
            checked={picked.includes(c.index)}
            onChange={() => setPicked(q.multiple ? (picked.includes(c.index) ? picked.filter((x) => x !== c.index) : [...picked, c.index]) : [c.index])}
          />
          <span>{`${LETTERS[k] ?? ""}. ${c.text}`}</span>
        </label>
      ))}
      {error && (
        <p className="hs-state-error" role="alert">
          {error}
        </p>
      )}
      {result ? (
        <>
          <p className={result.right ? "hs-quiz-right" : "hs-quiz-wrong"} role="status">
            {result.right ? t("practice.right") : `${t("practice.wrong")} ${t("result.rightAnswer", { value: result.answer.map(letter).join(", ") })}`}
          </p>
          {result.explanation && <p className="hs-muted">{t("result.explanation", { text: result.explanation })}</p>}
          <Button
            fullWidth
            onClick={() => {
              setI(i + 1);
              setPicked([]);
              setResult(null);
            }}
          >
            {t("practice.next")}
          </Button>
        </>
      ) : (
        <Button fullWidth loading={check.isPending} onClick={() => void submit()}>
          {t("practice.check")}
        </Button>
      )}
    </fieldset>
  );
}
