import type { ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import type { MySubmission } from "@hoiso/shared";
import { feedbackQueries } from "../../api/feedback.js";
import { Icon } from "../../components/icons.js";
import { QueryState } from "../../components/States.js";
import { useCommonT } from "../../i18n/common/index.js";
import { formatDate } from "../../i18n/format.js";
import { useTrackT } from "./i18n/index.js";
import { StatusChip } from "./StatusChip.js";
import { CodeLookup } from "./CodeLookup.js";
import { usePinLock } from "../safety/PinLock.js";
import { useMe } from "../../state.js";
import { PendingItems } from "../feedback/PendingItems.js";
import { useOutbox } from "../feedback/OutboxSender.js";

function Row({ id, code, status, title, excerpt, hint }: { id: string; code: string; status: MySubmission["status"]; title: string; excerpt: string; hint: string }): ReactElement {
  const navigate = useNavigate();
  return (
    <li>
      <button type="button" className="hs-choice hs-item" onClick={() => navigate(`/phan-anh/theo-doi/${id}`)}>
        <span className="hs-grow">
          <span className="hs-item-top">
            <span className="hs-code-small">{code}</span>
            <StatusChip status={status} />
          </span>
          <span className="hs-choice-title">{title}</span>
          <span className="hs-item-excerpt">{excerpt}</span>
          <span className="hs-choice-hint">{hint}</span>
        </span>
        <Icon name="chevron" />
      </button>
    </li>
  );
}

/** Everything she has sent, newest first, each with where it stands; then the petitions she co-signed ("Đã ký"). */
export function MyItems({ onNew }: { onNew: () => void }): ReactElement {
  const t = useTrackT();
  const tc = useCommonT();
  const mine = useQuery(feedbackQueries.mine());
  const signed = useQuery(feedbackQueries.signed());
  // A PIN she set on this phone hides her private items (An toàn): on a shared phone the list may be read by anyone.
  const me = useMe();
  const pin = usePinLock(me.id);
  const waiting = useOutbox(me.id).length;
  const both = {
    data: mine.data && signed.data ? { items: mine.data.items.filter((it) => !(pin.hiding && it.sensitive)), signed: signed.data.items } : undefined,
    error: mine.error ?? signed.error,
    refetch: () => Promise.all([mine.refetch(), signed.refetch()]),
  };

  return (
    <div className="hs-form" data-testid="my-items">
      <PendingItems memberId={me.id} />
      <QueryState query={both} loadingText={t("mine.loading")}>
        {(res) => (
          <>
            {res.items.length === 0 && waiting === 0 && (
              <section className="hs-card">
                <p className="hs-card-title">{t("mine.emptyTitle")}</p>
                <p className="hs-muted">{t("mine.emptyText")}</p>
                <button type="button" className="hs-link" onClick={onNew}>
                  {t("mine.first")} <Icon name="chevron" size={18} />
                </button>
              </section>
            )}
            {res.items.length > 0 && (
              <ul className="hs-choices" aria-label={t("mine.label")}>
                {res.items.map((it) => (
                  <Row
                    key={it.id}
                    id={it.id}
                    code={it.trackingCode}
                    status={it.status}
                    title={`${tc(`kind.${it.kind}`)} · ${it.categoryName}`}
                    excerpt={it.excerpt}
                    hint={`${t("mine.sentOn", { day: formatDate(it.createdAt), unit: it.originUnitName })}${it.anonymous ? ` · ${t("mine.anonymous")}` : ""}`}
                  />
                ))}
              </ul>
            )}
            {res.signed.length > 0 && (
              <section data-testid="signed-items">
                <h2 className="hs-section-title">{t("mine.signedTitle")}</h2>
                <p className="hs-section-note">{t("mine.signedNote")}</p>
                <ul className="hs-choices" aria-label={t("mine.signedLabel")}>
                  {res.signed.map((it) => (
                    <Row
                      key={it.id}
                      id={it.id}
                      code={it.trackingCode}
                      status={it.status}
                      title={`${tc(`kind.${it.kind}`)} · ${it.categoryName}`}
                      excerpt={it.excerpt}
                      hint={t("mine.signedOn", { day: formatDate(it.signedAt), count: it.signatureCount, unit: it.originUnitName })}
                    />
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </QueryState>
      {pin.control}
      <CodeLookup />
    </div>
  );
}
