import type { ReactElement } from "react";
import { useFeedbackT } from "./i18n/index.js";
import { useOnline } from "./OutboxSender.js";

/**
 * Above the Gửi button while the phone says it is offline: an ordinary item will wait on the phone ("Chờ gửi");
 * a sensitive or anonymous one is never stored, so she is told to send it when she has a connection.
 */
export function OfflineNote({ keepable }: { keepable: boolean }): ReactElement | null {
  const online = useOnline();
  const t = useFeedbackT();
  if (online) return null;
  return (
    <section className="hs-card hs-offline-note" data-testid="offline-note" role="status">
      <p className="hs-card-title">{t("outbox.offlineTitle")}</p>
      {keepable ? (
        <p>{t("outbox.offlineText")}</p>
      ) : (
        <>
          <p>
            <strong>{t("outbox.notKept")}</strong>
          </p>
          <p className="hs-muted">{t("outbox.notKeptWhy")}</p>
        </>
      )}
    </section>
  );
}
