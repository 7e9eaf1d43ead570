import { useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import type { ArticleDetail, CheckResult, ProgressBody, ProgressResult } from "@hoiso/shared";
import { errorMessage } from "../../api/http.js";
import { useLearnT } from "./i18n/index.js";

/**
 * "Kiểm tra nhanh": one choice per question, sent together; the server says which were right (never which choice is),
 * so she can read again and retry.
 */
export function QuickCheck({ article, send }: { article: ArticleDetail; send: (body: ProgressBody) => Promise<ProgressResult> }): ReactElement {
  const t = useLearnT();
  const [choices, setChoices] = useState<Record<string, number>>({});
  const [result, setResult] = useState<CheckResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const questions = article.questions;
  const answered = questions.every((q) => choices[q.id] !== undefined);
  const correct = new Map(result?.results.map((r) => [r.questionId, r.correct]));

  async function submit(): Promise<void> {
    if (!answered) {
      setError(t("check.answerAll"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await send({ answers: questions.map((q) => ({ questionId: q.id, choice: choices[q.id]! })) });
      setResult(r.check);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  function retry(): void {
    // Keep what was right; clear what was not.
    setChoices((c) => Object.fromEntries(Object.entries(c).filter(([id]) => correct.get(id) === true)));
    setResult(null);
  }

  return (
    <section className="hs-card hs-learn-check" data-testid="quick-check" aria-label={t("check.title")}>
      <p className="hs-card-title">{t("check.title")}</p>
      {article.progress.passedCheckAt && !result ? <p className="hs-learn-ok">{t("check.passedBefore")}</p> : <p className="hs-muted">{t("check.lead", { n: questions.length })}</p>}
      {questions.map((q, i) => (
        <fieldset key={q.id} className="hs-learn-question" disabled={busy || result !== null}>
          <legend>
            <span className="hs-card-label">{t("check.question", { n: i + 1 })}</span> {q.prompt}
          </legend>
          {q.choices.map((c, k) => (
            <label key={k} className="hs-learn-answer">
              <input type="radio" name={`q-${q.id}`} checked={choices[q.id] === k} onChange={() => setChoices((s) => ({ ...s, [q.id]: k }))} />
              <span>{c}</span>
            </label>
          ))}
          {correct.has(q.id) ? (
            <p className={correct.get(q.id) ? "hs-learn-ok" : "hs-learn-wrong"} data-testid="check-mark">
              {correct.get(q.id) ? t("check.right") : t("check.wrong")}
            </p>
          ) : null}
        </fieldset>
      ))}
      {error ? <p className="hs-state-error" role="alert">{error}</p> : null}
      {result ? (
        <>
          <p className={result.passed ? "hs-learn-ok" : "hs-learn-wrong"} role="status" data-testid="check-result">
            {result.passed ? t("check.passed") : t("check.failed")}
          </p>
          {!result.passed && (
            <Button variant="secondary" fullWidth onClick={retry}>
              {t("check.retry")}
            </Button>
          )}
        </>
      ) : (
        <Button fullWidth loading={busy} disabled={busy} onClick={() => void submit()}>
          {busy ? t("check.sending") : t("check.submit")}
        </Button>
      )}
    </section>
  );
}
