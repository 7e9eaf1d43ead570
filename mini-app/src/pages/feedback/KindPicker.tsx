import type { ReactElement } from "react";
import type { SubmissionKind } from "@hoiso/shared";
import { KINDS } from "../../components/feedbackText.js";
import { FieldError } from "./FieldError.js";

export function KindPicker({ value, onChange, error }: { value: SubmissionKind | null; onChange: (k: SubmissionKind) => void; error?: string }): ReactElement {
  return (
    <fieldset className="hs-card hs-fieldset" data-testid="kind">
      <legend className="hs-card-title">Chị muốn gửi gì?</legend>
      <div className="hs-radios" role="radiogroup" aria-label="Loại nội dung">
        {KINDS.map((k) => (
          <button
            key={k.kind}
            type="button"
            role="radio"
            aria-checked={value === k.kind}
            className="hs-radio-card"
            onClick={() => onChange(k.kind)}
          >
            <span className="hs-radio-mark" aria-hidden="true" />
            <span className="hs-grow">
              <span className="hs-choice-title">{k.title}</span>
              <span className="hs-choice-hint">{k.hint}</span>
            </span>
          </button>
        ))}
      </div>
      <FieldError text={error} />
    </fieldset>
  );
}
