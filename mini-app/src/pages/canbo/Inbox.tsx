import { useState, type ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import type { InboxItem, InboxQuery } from "@hoiso/shared";
import { feedbackQueries } from "../../api/feedback.js";
import { inboxQueries } from "../../api/inbox.js";
import { Icon } from "../../components/icons.js";
import { QueryState } from "../../components/States.js";
import { useCommonT } from "../../i18n/common/index.js";
import { formatDateTime, lateBy } from "../../i18n/format.js";
import { useCanboT } from "./i18n/index.js";
import { UrgentChip } from "../safety/UrgentChip.js";

type Status = NonNullable<InboxQuery["status"]>;

/** The filters offered, in this order (closed items are under "all"). */
const STATUSES: readonly Status[] = ["open", "new", "acknowledged", "resolved", "all"];

function InboxRow({ item }: { item: InboxItem }): ReactElement {
  const navigate = useNavigate();
  const t = useCanboT();
  const tc = useCommonT();
  const reason = item.reason === "primary" ? null : t(`inbox.reason.${item.reason}`);
  return (
    <li>
      <button
        type="button"
        className={`hs-choice hs-item${item.urgent && (item.status === "new" || item.status === "acknowledged") ? " hs-item-urgent" : item.overdue ? " hs-item-overdue" : ""}`}
        data-testid="inbox-item"
        onClick={() => navigate(`/can-bo/hop-viec/${item.assignmentId}`)}
      >
        <span className="hs-grow">
          <span className="hs-item-top">
            <span className="hs-code-small">{item.trackingCode}</span>
            {item.urgent && <UrgentChip />}
            <span className="hs-choice-hint">{item.handedOn ? t("inbox.handedOn") : t(`inbox.assignment.${item.status}`)}</span>
          </span>
          <span className="hs-choice-title">
            {tc(`kind.${item.kind}`)} · {item.categoryName}
          </span>
          <span className="hs-item-excerpt">
            {item.excerpt ?? t("inbox.privateExcerpt")}
          </span>
          <span className="hs-choice-hint" data-testid="inbox-origin">
            {t("inbox.from", { unit: item.originUnitName })}
          </span>
          <span className="hs-choice-hint">
            {t("inbox.assignedTo", { unit: item.unitName })}
            {item.anonymous ? ` · ${t("inbox.anonymous")}` : ""}
            {item.sensitive ? ` · ${t("inbox.sensitive")}` : ""}
            {reason ? ` · ${reason}` : ""}
          </span>
          {item.overdue ? (
            <span className="hs-overdue" data-testid="overdue">
              <Icon name="clock" size={16} /> {t("inbox.overdue", { late: lateBy(item.dueAt), due: formatDateTime(item.dueAt) })}
            </span>
          ) : (
            item.status !== "resolved" &&
            item.status !== "closed" &&
            !item.handedOn && <span className="hs-choice-hint">{t("inbox.due", { due: formatDateTime(item.dueAt) })}</span>
          )}
        </span>
        <Icon name="chevron" />
      </button>
    </li>
  );
}

/** Her units' inbox: overdue first (in red, with how late), then by deadline. */
export function Inbox(): ReactElement {
  const t = useCanboT();
  const [status, setStatus] = useState<Status>("open");
  const [category, setCategory] = useState("");
  const [overdue, setOverdue] = useState(false);
  // The filter's list of categories; without it the inbox still works, unfiltered.
  const categories = useQuery(feedbackQueries.categories()).data?.items ?? [];
  const inbox = useQuery(inboxQueries.list({ status, ...(category ? { category } : {}), ...(overdue ? { overdue: true } : {}) }));

  return (
    <div className="hs-form" data-testid="inbox">
      <div className="hs-segments" role="tablist" aria-label={t("inbox.statusLabel")}>
        {STATUSES.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={status === s} className="hs-segment" onClick={() => setStatus(s)}>
            {t(`inbox.status.${s}`)}
          </button>
        ))}
      </div>
      <div className="hs-filters">
        <label className="hs-select">
          <span className="hs-card-label">{t("inbox.category")}</span>
          <select value={category} onChange={(e) => setCategory(e.target.value)} aria-label={t("inbox.categoryFilter")}>
            <option value="">{t("inbox.allCategories")}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" role="switch" aria-checked={overdue} className="hs-switch-row hs-switch-compact" onClick={() => setOverdue((v) => !v)}>
          <span className="hs-grow hs-choice-title">{t("inbox.overdueOnly")}</span>
          <span className="hs-switch" aria-hidden="true">
            <span className="hs-switch-knob" />
          </span>
        </button>
      </div>
      <QueryState query={inbox} loadingText={t("inbox.loading")}>
        {(res) =>
          res.items.length === 0 ? (
            <p className="hs-card hs-muted">{t("inbox.empty")}</p>
          ) : (
            <>
              <p className="hs-section-note">
                {t("inbox.total", { count: res.total })}
                {res.total > res.items.length ? ` ${t("inbox.showing", { shown: res.items.length })}` : ""}
              </p>
              <ul className="hs-choices" aria-label={t("inbox.label")}>
                {res.items.map((it) => (
                  <InboxRow key={it.assignmentId} item={it} />
                ))}
              </ul>
            </>
          )
        }
      </QueryState>
    </div>
  );
}
