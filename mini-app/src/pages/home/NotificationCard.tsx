import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { notificationQueries } from "../../api/notifications.js";
import { Icon } from "../../components/icons.js";
import { useNotificationsT } from "../notifications/i18n/index.js";
import "../notifications/notifications.css";

/** The way into Thông báo, with how many she has not read yet (from cache at once, refreshed each time home is shown). */
export function NotificationCard(): ReactElement {
  const t = useNotificationsT();
  const navigate = useNavigate();
  // Without the count the card still leads to the list, which says what went wrong.
  const unread = useQuery(notificationQueries.page({ limit: 1 })).data?.unread ?? null;
  return (
    <button type="button" className="hs-choice hs-notice-card" data-testid="notice-card" onClick={() => navigate("/thong-bao")}>
      <span className="hs-tile-icon hs-notice-bell">
        <Icon name="bell" size={28} />
        {unread !== null && unread > 0 && (
          <span className="hs-notice-count" data-testid="notice-count">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </span>
      <span className="hs-grow">
        <span className="hs-choice-title">{t("card.title")}</span>
        <span className="hs-choice-hint" data-testid="notice-hint">
          {unread === null ? t("card.hint") : unread > 0 ? t("card.hintUnread", { n: unread }) : t("card.hintAllRead")}
        </span>
      </span>
      <Icon name="chevron" />
    </button>
  );
}
