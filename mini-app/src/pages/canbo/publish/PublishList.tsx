import type { ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import type { PendingPublicationList } from "@hoiso/shared";
import { publicRecordQueries } from "../../../api/publicRecord.js";
import { EntryCard } from "../../../components/EntryCard.js";
import { Icon } from "../../../components/icons.js";
import { QueryState } from "../../../components/States.js";
import { formatDate } from "../../../i18n/format.js";
import { usePublishT } from "./i18n/index.js";

const chipClass = (state: PendingPublicationList["items"][number]["state"]) => (state === "published" ? "hs-chip-status-done" : "hs-chip-status-wait");

/** The way in from the Cán bộ overview, with how many wait for her decision. */
export function PublishCard(): ReactElement {
  const t = usePublishT();
  // Without the number (a failed call) the card still leads to the list, which says what went wrong.
  const waiting = useQuery(publicRecordQueries.pending()).data?.items.filter((i) => i.state === "pending").length ?? null;
  return (
    <EntryCard
      to="/can-bo/cong-khai"
      icon="feedback"
      title={t("card.title")}
      hint={waiting ? t("card.waiting", { count: waiting }) : t("card.hint")}
      testId="publish-card"
    />
  );
}

/** Resolved items of her units whose author agreed to publish: waiting first, then those on the record. */
export function PublishList(): ReactElement {
  const t = usePublishT();
  const navigate = useNavigate();
  const list = useQuery(publicRecordQueries.pending());
  return (
    <QueryState query={list} loadingText={t("list.loading")}>
      {({ items }) => {
        if (items.length === 0) return <p className="hs-card hs-muted" data-testid="publish-empty">{t("list.empty")}</p>;
        const ordered = [...items.filter((i) => i.state === "pending"), ...items.filter((i) => i.state !== "pending")];
        return (
          <ul className="hs-choices" aria-label={t("list.label")} data-testid="publish-list">
            {ordered.map((i) => (
              <li key={i.submissionId}>
                <button type="button" className="hs-choice hs-item" data-testid="publish-item" onClick={() => navigate(`/can-bo/cong-khai/${i.submissionId}`)}>
                  <span className="hs-grow">
                    <span className="hs-item-top">
                      <span className="hs-code-small">{i.trackingCode}</span>
                      <span className={`hs-chip-status ${chipClass(i.state)}`}>{t(`list.state.${i.state}`)}</span>
                    </span>
                    <span className="hs-choice-title">{i.categoryName}</span>
                    <span className="hs-choice-hint">{t("list.resolved", { day: formatDate(i.resolvedAt), unit: i.unitName })}</span>
                  </span>
                  <Icon name="chevron" />
                </button>
              </li>
            ))}
          </ul>
        );
      }}
    </QueryState>
  );
}
