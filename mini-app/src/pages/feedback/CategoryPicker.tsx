import { useEffect, useState, type ReactElement } from "react";
import type { Category, SubmissionKind } from "@hoiso/shared";
import { api, errorMessage } from "../../api.js";
import { Icon } from "../../components/icons.js";
import { ErrorState, Loading } from "../../components/States.js";
import { FieldError } from "./FieldError.js";
import { useFeedbackT } from "./i18n/index.js";

type Load = { status: "loading" } | { status: "done"; items: Category[] } | { status: "error"; message: string };

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
  const [res, setRes] = useState<Load>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setRes({ status: "loading" });
    api
      .categories()
      .then((r) => live && setRes({ status: "done", items: r.items.filter((c) => c.active).sort((a, b) => a.sort - b.sort) }))
      .catch((err) => live && setRes({ status: "error", message: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, [attempt]);

  return (
    <fieldset className="hs-card hs-fieldset" data-testid="category">
      <legend className="hs-card-title">{t("category.legend")}</legend>
      {res.status === "loading" && <Loading text={t("category.loading")} />}
      {res.status === "error" && <ErrorState message={res.message} onRetry={() => setAttempt((n) => n + 1)} />}
      {res.status === "done" && (
        <div className="hs-chips" role="radiogroup" aria-label={t("category.label")}>
          {res.items.map((c) => {
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
      {value && value.description && <p className="hs-muted">{value.description}</p>}
      {value?.private && (
        <p className="hs-private-note" data-testid="private-note">
          {t("category.privateNote")}
        </p>
      )}
      {kind === "petition" && res.status === "done" && res.items.some((c) => c.private) && (
        <p className="hs-muted hs-small">{t("category.petitionNoPrivate")}</p>
      )}
      <FieldError text={error} />
    </fieldset>
  );
}
