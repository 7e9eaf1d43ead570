import type { PollAnswer, PollQuestion } from "@hoiso/shared";
import { POLL_LIMITS } from "@hoiso/shared/domain";
import type { ReactElement } from "react";
import { usePollsT } from "./i18n/index.js";

/** One question as big tappable choices (a scale as five buttons), or a text box; the answer is held by the form. */
export function QuestionField({ index, question: q, value, onChange }: { index: number; question: PollQuestion; value: PollAnswer; onChange: (a: PollAnswer) => void }): ReactElement {
  const t = usePollsT();
  const name = `q${index}`;
  const hint = q.kind === "single" ? t("answer.pickOne") : q.kind === "multiple" ? t("answer.pickMany") : q.kind === "scale" ? t("answer.scaleHint") : t("answer.textHint");
  const legend = (
    <legend>
      {`${t("answer.question", { n: index + 1 })}. ${q.text}`}
      <span className="hs-muted hs-small hs-poll-hint">
        {hint}
      </span>
    </legend>
  );
  if (q.kind === "text") {
    return (
      <fieldset className="hs-poll-q">
        {legend}
        <textarea
          className="hs-poll-text"
          aria-label={q.text}
          maxLength={POLL_LIMITS.textAnswerMax}
          placeholder={t("answer.textPlaceholder")}
          value={value.text ?? ""}
          onChange={(e) => onChange({ text: e.target.value })}
        />
      </fieldset>
    );
  }
  if (q.kind === "scale") {
    return (
      <fieldset className="hs-poll-q">
        {legend}
        <div className="hs-poll-scale">
          {[1, 2, 3, 4, 5].map((v) => (
            <label key={v} className={`hs-poll-choice${value.choice === v ? " is-on" : ""}`}>
              <input type="radio" name={name} checked={value.choice === v} onChange={() => onChange({ choice: v })} />
              {v}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  const chosen = value.choices ?? [];
  return (
    <fieldset className="hs-poll-q">
      {legend}
      {(q.options ?? []).map((o, i) => {
        const on = q.kind === "single" ? value.choice === i : chosen.includes(i);
        return (
          <label key={i} className={`hs-poll-choice${on ? " is-on" : ""}`}>
            <input
              type={q.kind === "single" ? "radio" : "checkbox"}
              name={name}
              checked={on}
              onChange={() => onChange(q.kind === "single" ? { choice: i } : { choices: on ? chosen.filter((c) => c !== i) : [...chosen, i] })}
            />
            {o}
          </label>
        );
      })}
    </fieldset>
  );
}
