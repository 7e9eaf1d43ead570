import { useState, type ReactElement } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Input } from "zmp-ui";
import type { AuditEntry } from "@hoiso/shared";
import { adminQueries } from "../../api/admin.js";
import { errorMessage } from "../../api/http.js";
import { ErrorState, QueryState } from "../../components/States.js";
import { useDebounced } from "../../components/useDebounced.js";
import { useCommonT } from "../../i18n/common/index.js";
import { formatDateTime } from "../../i18n/format.js";
import { useAdminT } from "./i18n/index.js";
import { ACTION_FILTERS, actionLabel } from "./labels.js";

/** A short line from the recorded detail: the names it carries, never the raw ids. */
function summary(e: AuditEntry, roleName: (r: "can_bo" | "admin") => string): string {
  const d = e.detail as Record<string, unknown>;
  const parts = ["memberName", "unitName", "name", "newName", "fromName", "intoName", "role", "reason"]
    .map((k) => (k === "role" && (d[k] === "can_bo" || d[k] === "admin") ? roleName(d[k]) : d[k]))
    .filter((v): v is string => typeof v === "string" && v.length > 0);
  return parts.join(" · ") || `${e.entityType} ${e.entityId ?? ""}`.trim();
}

/** Nhật ký: who read private items and who changed what, filtered by person, action and days. */
export function Audit(): ReactElement {
  const t = useAdminT();
  const tc = useCommonT();
  const [actor, setActor] = useState("");
  const actorQ = useDebounced(actor.trim(), 350);
  const [action, setAction] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const log = useInfiniteQuery(adminQueries.audit({ actor: actorQ || undefined, action: action || undefined, from: from || undefined, to: to || undefined }));
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  // The first page failing is the whole screen's error; a later page's is shown under what is already there.
  const first = { data: log.data, error: log.data ? null : log.error, refetch: log.refetch };
  return (
    <div className="hs-admin-split hs-admin-audit">
      <section className="hs-admin-list hs-form" aria-label={t("audit.filterLabel")}>
        <Input label={t("audit.actor")} placeholder={t("audit.actorPlaceholder")} value={actor} onChange={(e) => setActor(e.target.value)} clearable />
        <label className="hs-select">
          <span className="hs-card-label">{t("audit.action")}</span>
          <select value={action} onChange={(e) => setAction(e.target.value)} aria-label={t("audit.actionFilter")}>
            {ACTION_FILTERS.map((a) => (
              <option key={a.value} value={a.value}>
                {t(`audit.filters.${a.key}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="hs-admin-dates">
          <label className="hs-select">
            <span className="hs-card-label">{t("audit.from")}</span>
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="hs-select">
            <span className="hs-card-label">{t("audit.to")}</span>
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
        </div>
      </section>
      <section className="hs-admin-detail" aria-label={t("audit.label")}>
        <QueryState query={first}>{() => (items.length === 0 ? <p className="hs-card hs-muted">{t("audit.none")}</p> : null)}</QueryState>
        <ol className="hs-admin-log" data-testid="audit-log">
          {items.map((e) => (
            <li key={e.id} className="hs-card">
              <span className="hs-muted hs-small">{formatDateTime(e.at)}</span>
              <span className="hs-choice-title">{actionLabel(e.action)}</span>
              <span>
                {e.actorName ? t("audit.by", { name: e.actorName }) : t("audit.system")} · {summary(e, (r) => tc(`role.${r}`))}
              </span>
            </li>
          ))}
        </ol>
        {log.isFetchNextPageError && <ErrorState message={errorMessage(log.error)} onRetry={() => void log.fetchNextPage()} />}
        {log.hasNextPage && !log.isFetchNextPageError && (
          <Button variant="secondary" fullWidth loading={log.isFetchingNextPage} disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            {t("audit.more")}
          </Button>
        )}
      </section>
    </div>
  );
}
