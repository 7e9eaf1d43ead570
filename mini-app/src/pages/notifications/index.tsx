import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { NotificationItem } from "@hoiso/shared";
import { errorMessage } from "../../api/http.js";
import { notificationMutations } from "../../api/notifications.js";
import { Icon } from "../../components/icons.js";
import { PageHeader } from "../../components/PageHeader.js";
import { ErrorState, QueryState } from "../../components/States.js";
import { formatDateTime } from "../../i18n/format.js";
import { useNotificationsT } from "./i18n/index.js";
import { sourceRoute } from "./notificationText.js";
import { notificationPages } from "./queries.js";
import "./notifications.css";

/** Thông báo: what the Hội has told her — about what she sent, a cán bộ about her work, any module's news — newest first. */
export default function NotificationsPage(): ReactElement {
  const t = useNotificationsT();
  const navigate = useNavigate();
  const list = useInfiniteQuery(notificationPages());
  const markRead = useMutation(notificationMutations.markRead());
  const [opening, setOpening] = useState<string | null>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;
  // The first page failing is the whole screen's error; a later page's is shown under what is already there.
  const first = { data: list.data, error: list.data ? null : list.error, refetch: list.refetch };

  async function open(n: NotificationItem): Promise<void> {
    if (opening) return;
    if (!n.readAt) {
      setOpening(n.id);
      // Opening it is what she came for: a failed "read" mark must not keep her here; it stays unread and is retried next tap.
      await markRead.mutateAsync(n.id).catch(() => undefined);
      setOpening(null);
    }
    navigate(sourceRoute(n.source));
  }

  return (
    <div className="hs-page" data-testid="notifications">
      <PageHeader title={t("title")} back />
      <div className="hs-form">
        <QueryState query={first} loadingText={t("loading")}>
          {() =>
            items.length === 0 ? (
              <section className="hs-card" data-testid="notifications-empty">
                <p className="hs-card-title">{t("empty.title")}</p>
                <p className="hs-muted">{t("empty.body")}</p>
              </section>
            ) : (
              <p className="hs-muted" data-testid="notifications-unread">
                {unread > 0 ? t("unread", { n: unread }) : t("allRead")}
              </p>
            )
          }
        </QueryState>
        {items.length > 0 && (
          <ul className="hs-choices" aria-label={t("listLabel")}>
            {items.map((n) => (
              <li key={n.id}>
                <button
                  type="button"
                  className={`hs-choice hs-notice${n.readAt ? "" : " hs-notice-unread"}`}
                  data-testid="notice"
                  data-source={n.source.module}
                  data-unread={n.readAt ? "false" : "true"}
                  disabled={opening !== null}
                  onClick={() => void open(n)}
                >
                  <span className={`hs-notice-dot${n.readAt ? " hs-notice-dot-read" : ""}`} aria-label={n.readAt ? undefined : t("unreadDot")} />
                  <span className="hs-grow">
                    <span className="hs-notice-text">{n.text}</span>
                    <span className="hs-notice-meta">{formatDateTime(n.createdAt)}</span>
                  </span>
                  <Icon name="chevron" />
                </button>
              </li>
            ))}
          </ul>
        )}
        {list.isFetchNextPageError && <ErrorState message={errorMessage(list.error)} onRetry={() => void list.fetchNextPage()} />}
        {list.hasNextPage && !list.isFetchNextPageError && (
          <Button variant="secondary" fullWidth loading={list.isFetchingNextPage} disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t("more")}
          </Button>
        )}
      </div>
    </div>
  );
}
