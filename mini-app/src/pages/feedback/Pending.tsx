import type { ReactElement } from "react";
import { Button } from "zmp-ui";
import type { SubmissionKind } from "@hoiso/shared";
import { Icon } from "../../components/icons.js";
import { useCommonT } from "../../i18n/common/index.js";
import { FieldError } from "./FieldError.js";
import { useFeedbackT } from "./i18n/index.js";
import { sendNow, type OutboxEntry } from "./outbox.js";
import "./outbox.css";

/**
 * "Chờ gửi": the item is on her phone, not yet with the Hội, and will go by itself (OutboxSender). When it has gone
 * the form shows the usual Sent screen with its tracking code instead; when the server refused it, what to fix.
 */
export function Pending({
  entry,
  kind,
  locationDropped,
  onFix,
  onAgain,
}: {
  entry: OutboxEntry;
  kind: SubmissionKind;
  locationDropped: boolean;
  onFix: () => void;
  onAgain: () => void;
}): ReactElement {
  const t = useFeedbackT();
  const tc = useCommonT();
  if (entry.state === "failed") {
    return (
      <section className="hs-card hs-sent" data-testid="outbox-failed" role="alert">
        <h2>{t("outbox.failedTitle")}</h2>
        <FieldError text={t("outbox.failedText", { error: entry.error ?? "" })} />
        <Button fullWidth size="large" onClick={onFix}>
          {t("outbox.fix")}
        </Button>
      </section>
    );
  }
  return (
    <section className="hs-card hs-sent hs-pending" data-testid="pending" role="status">
      <span className="hs-sent-icon hs-pending-icon">
        <Icon name="clock" size={40} />
      </span>
      <h2>
        <span className="hs-chip-status hs-chip-status-pending" data-testid="pending-chip">
          {t("outbox.chip")}
        </span>
      </h2>
      <p>{t("outbox.text", { kind: tc(`kind.${kind}`).toLowerCase() })}</p>
      <p className="hs-muted">{t("outbox.whenSent")}</p>
      {(entry.localMedia?.length ?? 0) > 0 ? (
        <p className="hs-muted" data-testid="pending-media">{t("outbox.mediaKept", { count: entry.localMedia?.length ?? 0 })}</p>
      ) : (
        (entry.body.mediaIds?.length ?? 0) > 0 && <p className="hs-muted">{t("outbox.media")}</p>
      )}
      {locationDropped && <p className="hs-muted">{t("outbox.noLocation")}</p>}
      {entry.attempts > 0 && <p className="hs-muted hs-small">{t("outbox.tries", { count: entry.attempts })}</p>}
      <Button fullWidth size="large" variant="secondary" onClick={sendNow}>
        {t("outbox.sendNow")}
      </Button>
      <Button fullWidth variant="tertiary" onClick={onAgain}>
        {t("outbox.again")}
      </Button>
    </section>
  );
}
