import type { ReactElement } from "react";
import { Button, Spinner } from "zmp-ui";

export function Loading({ text = "Đang tải…" }: { text?: string }): ReactElement {
  return (
    <div className="hs-state" role="status" aria-live="polite">
      <Spinner visible />
      <p>{text}</p>
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }): ReactElement {
  return (
    <div className="hs-state" role="alert">
      <p className="hs-state-error">{message}</p>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          Thử lại
        </Button>
      )}
    </div>
  );
}
