import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { Button, Input } from "zmp-ui";
import type { AdminQuestion } from "@hoiso/shared";
import { contestAdminMutations, contestAdminQueries } from "../../../api/contests.js";
import { errorMessage } from "../../../api/http.js";
import { mediaMutations } from "../../../api/media.js";
import { QueryState } from "../../../components/States.js";
import { useNotify } from "../../../components/notify.js";
import { useChange } from "../../../components/useChange.js";
import { QuestionImage } from "../../quiz/QuestionImage.js";
import { useAdminContestsT } from "./i18n/index.js";

const LETTERS = ["A", "B", "C", "D", "E", "F"];

/** A round's bank with the answers; each question can be changed (text, answer, picture) until someone starts. */
export function Questions({ contestId, roundId }: { contestId: string; roundId: string }): ReactElement {
  const t = useAdminContestsT();
  const query = useQuery(contestAdminQueries.questions(contestId, roundId));
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <QueryState query={query}>
      {(list) => (
        <>
          {list.attempts > 0 && <p className="hs-muted">{t("question.locked")}</p>}
          <ol className="hs-quiz-rows">
            {list.items.map((q) =>
              editing === q.id ? (
                <li key={q.id}>
                  <QuestionEditor contestId={contestId} roundId={roundId} q={q} done={() => setEditing(null)} />
                </li>
              ) : (
                <li key={q.id} data-testid="admin-question">
                  <strong>{q.prompt}</strong>
                  {q.imageMediaId && <QuestionImage id={q.imageMediaId} alt={t("question.imageAlt")} />}
                  <br />
                  {q.choices.map((ch, i) => `${LETTERS[i] ?? ""}. ${ch}`).join(" · ")}
                  <br />
                  <span className="hs-quiz-right">{t("detail.answer", { value: q.answer.map((i) => LETTERS[i] ?? "?").join(", ") })}</span>
                  {list.attempts === 0 && (
                    <Button size="small" variant="tertiary" onClick={() => setEditing(q.id)} data-testid="question-edit">
                      {t("question.edit")}
                    </Button>
                  )}
                </li>
              ),
            )}
          </ol>
        </>
      )}
    </QueryState>
  );
}

function QuestionEditor({ contestId, roundId, q, done }: { contestId: string; roundId: string; q: AdminQuestion; done: () => void }): ReactElement {
  const t = useAdminContestsT();
  const notify = useNotify();
  const save = useChange(contestAdminMutations.question(contestId, roundId));
  const upload = useMutation(mediaMutations.upload());
  const [f, setF] = useState({
    prompt: q.prompt,
    choices: q.choices.join("\n"),
    answer: q.answer.map((i) => LETTERS[i] ?? "").join(", "),
    explanation: q.explanation,
    imageMediaId: q.imageMediaId,
  });
  const choices = f.choices.split("\n").map((c) => c.trim()).filter(Boolean);
  const answer = f.answer
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((l) => LETTERS.indexOf(l));

  async function pick(file: File | undefined): Promise<void> {
    if (!file) return;
    try {
      const m = await upload.mutateAsync({ file, name: file.name });
      setF({ ...f, imageMediaId: m.id });
    } catch (err) {
      notify.fail(errorMessage(err));
    }
  }

  return (
    <form
      className="hs-form"
      data-testid="question-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run({ questionId: q.id, body: { prompt: f.prompt, choices, answer, explanation: f.explanation, imageMediaId: f.imageMediaId } }, t("question.saved"), done);
      }}
    >
      <Input.TextArea label={t("question.prompt")} value={f.prompt} onChange={(e) => setF({ ...f, prompt: e.target.value })} />
      <Input.TextArea label={t("question.choices")} value={f.choices} onChange={(e) => setF({ ...f, choices: e.target.value })} />
      <Input label={t("question.answer")} value={f.answer} onChange={(e) => setF({ ...f, answer: e.target.value })} />
      <Input.TextArea label={t("question.explanation")} value={f.explanation} onChange={(e) => setF({ ...f, explanation: e.target.value })} />
      <span className="hs-card-label">{t("question.image")}</span>
      {f.imageMediaId && <QuestionImage id={f.imageMediaId} alt={t("question.imageAlt")} />}
      <input type="file" accept="image/jpeg,image/png,image/webp" disabled={upload.isPending} onChange={(e) => void pick(e.target.files?.[0])} data-testid="question-image" />
      {f.imageMediaId && (
        <Button size="small" variant="tertiary" onClick={() => setF({ ...f, imageMediaId: null })}>
          {t("question.removeImage")}
        </Button>
      )}
      <Button htmlType="submit" fullWidth loading={save.busy || upload.isPending} disabled={save.busy || upload.isPending} data-testid="question-save">
        {t("question.save")}
      </Button>
      <Button
        variant="secondary"
        fullWidth
        disabled={save.busy}
        onClick={() => void save.run({ questionId: q.id, remove: true }, t("question.removed"), done)}
      >
        {t("question.remove")}
      </Button>
      <Button variant="tertiary" fullWidth onClick={done}>
        {t("form.cancel")}
      </Button>
    </form>
  );
}
