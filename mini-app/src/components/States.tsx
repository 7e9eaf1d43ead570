import type { ReactElement, ReactNode } from "react";
import { Button, Spinner } from "zmp-ui";
import { errorMessage } from "../api/http.js";
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

/**
 * The one way a screen shows a server read: what it has (even while refreshing it in the background, or after a
 * background refresh failed), else the spinner, else what went wrong with "Thử lại".
 */
export function QueryState<T>({
  query,
  loadingText,
  children,
}: {
  /** A useQuery result, or several combined (see MyItems). */
  query: { data: T | undefined; error: unknown; refetch: () => unknown };
  loadingText?: string;
  children: (data: T) => ReactNode;
}): ReactElement {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) return <ErrorState message={errorMessage(query.error)} onRetry={() => void query.refetch()} />;
  return <Loading text={loadingText} />;
}
