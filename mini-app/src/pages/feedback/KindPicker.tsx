import type { ReactElement } from "react";
import type { SubmissionKind } from "@hoiso/shared";
import { useCommonT } from "../../i18n/common/index.js";
import { useFeedbackT } from "./i18n/index.js";
import { FieldError } from "./FieldError.js";

const KINDS: readonly SubmissionKind[] = ["feedback", "report", "petition"];

export function KindPicker({ value, onChange, error }: { value: SubmissionKind | null; onChange: (k: SubmissionKind) => void; error?: string }): ReactElement {
  const t = useFeedbackT();
  const tc = useCommonT();
  return (
    <fieldset className="hs-card hs-fieldset" data-testid="kind">
      <legend className="hs-card-title">{t("kind.legend")}</legend>
      <div className="hs-radios" role="radiogroup" aria-label={t("kind.label")}>
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={value === k}
            className="hs-radio-card"
            onClick={() => onChange(k)}
          >
            <span className="hs-radio-mark" aria-hidden="true" />
            <span className="hs-grow">
              <span className="hs-choice-title">{tc(`kind.${k}`)}</span>
              <span className="hs-choice-hint">{t(`kind.hint.${k}`)}</span>
            </span>
          </button>
        ))}
      </div>
      <details className="hs-legal-note" data-testid="legal-note">
        <summary>{t("kind.legalTitle")}</summary>
        <p className="hs-muted">{t("kind.legalText")}</p>
      </details>
      <FieldError text={error} />
    </fieldset>
  );
}
