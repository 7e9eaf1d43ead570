import type { ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import type { Category, SubmissionKind } from "@hoiso/shared";
import { feedbackQueries } from "../../api/feedback.js";
import { Icon } from "../../components/icons.js";
import { QueryState } from "../../components/States.js";
import { FieldError } from "./FieldError.js";
import { useFeedbackT } from "./i18n/index.js";

export function CategoryPicker({
  kind,
  value,
  onChange,
  error,
}: {
  kind: SubmissionKind | null;
  value: Category | null;
  onChange: (c: Category) => void;
  error?: string;
}): ReactElement {
  const t = useFeedbackT();
  const categories = useQuery({ ...feedbackQueries.categories(), select: (r) => r.items.filter((c) => c.active).sort((a, b) => a.sort - b.sort) });

  return (
    <fieldset className="hs-card hs-fieldset" data-testid="category">
      <legend className="hs-card-title">{t("category.legend")}</legend>
      <QueryState query={categories} loadingText={t("category.loading")}>
        {(items) => (
          <div className="hs-chips" role="radiogroup" aria-label={t("category.label")}>
            {items.map((c) => {
              // A private matter cannot collect signatures: the server refuses it, so say so before she picks it.
              const blocked = kind === "petition" && c.private;
              return (
                <button
                  key={c.code}
                  type="button"
                  role="radio"
                  aria-checked={value?.code === c.code}
                  disabled={blocked}
                  className={`hs-chip${c.private ? " hs-chip-private" : ""}`}
                  onClick={() => onChange(c)}
                >
                  {c.private && <Icon name="alert" size={16} />}
                  {c.name}
                </button>
              );
            })}
          </div>
        )}
      </QueryState>
      {value && value.description && <p className="hs-muted">{value.description}</p>}
      {value?.private && (
        <p className="hs-private-note" data-testid="private-note">
          {t("category.privateNote")}
        </p>
      )}
      {kind === "petition" && categories.data?.some((c) => c.private) && (
        <p className="hs-muted hs-small">{t("category.petitionNoPrivate")}</p>
      )}
      <FieldError text={error} />
    </fieldset>
  );
}
