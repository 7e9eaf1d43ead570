import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { useCommonT } from "../../i18n/common/index.js";
import { formatDate } from "../../i18n/format.js";
import { saveDraft } from "./draft.js";
import { FieldError } from "./FieldError.js";
import { useFeedbackT } from "./i18n/index.js";
import { useOutbox } from "./OutboxSender.js";
import { removeEntry, sendNow, type OutboxEntry } from "./outbox.js";
import "./outbox.css";

/** Back into the form (as her draft) so she can fix what the server refused; the entry leaves the outbox. */
export function fixEntry(e: OutboxEntry): void {
  saveDraft({ kind: e.body.kind, category: e.category, body: e.body.body, unit: e.unit }, false);
  removeEntry(e.key);
}

/** Top of "Của tôi": what is still on her phone, "Chờ gửi", or refused and waiting for her to fix it. */
export function PendingItems({ memberId }: { memberId: string }): ReactElement | null {
  const entries = useOutbox(memberId);
  const t = useFeedbackT();
  const tc = useCommonT();
  const navigate = useNavigate();
  if (entries.length === 0) return null;
  return (
    <section data-testid="pending-items">
      <h2 className="hs-section-title">{t("outbox.listTitle")}</h2>
      <p className="hs-section-note">{t("outbox.listNote")}</p>
      <ul className="hs-choices" aria-label={t("outbox.listTitle")}>
        {entries.map((e) => (
          <li key={e.key} className="hs-card hs-pending-item" data-testid="pending-item">
            <span className="hs-item-top">
              <span className={`hs-chip-status hs-chip-status-${e.state === "failed" ? "bad" : "pending"}`}>
                {e.state === "failed" ? t("outbox.failedTitle") : t("outbox.chip")}
              </span>
            </span>
            <span className="hs-choice-title">{`${tc(`kind.${e.body.kind}`)} · ${e.category.name}`}</span>
            <span className="hs-item-excerpt">{e.body.body}</span>
            <span className="hs-choice-hint">{t("outbox.writtenOn", { day: formatDate(e.createdAt), unit: e.unit.name })}</span>
            {e.state === "failed" ? (
              <>
                <FieldError text={t("outbox.failedText", { error: e.error ?? "" })} />
                <Button
                  fullWidth
                  onClick={() => {
                    fixEntry(e);
                    navigate("/phan-anh");
                  }}
                >
                  {t("outbox.fix")}
                </Button>
                <Button fullWidth variant="tertiary" onClick={() => removeEntry(e.key)}>
                  {t("outbox.discard")}
                </Button>
              </>
            ) : (
              <Button fullWidth variant="secondary" onClick={sendNow}>
                {t("outbox.sendNow")}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
