import type { ReactElement } from "react";
import { Button, Spinner } from "zmp-ui";
import { useCommonT } from "../i18n/common/index.js";

export function Loading({ text }: { text?: string }): ReactElement {
  const t = useCommonT();
  return (
    <div className="hs-state" role="status" aria-live="polite">
      <Spinner visible />
      <p>{text ?? t("loading")}</p>
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }): ReactElement {
  const t = useCommonT();
  return (
    <div className="hs-state" role="alert">
      <p className="hs-state-error">{message}</p>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          {t("retry")}
        </Button>
      )}
    </div>
  );
}
