import { useEffect, useState, type ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../../api.js";
import { Icon } from "../../components/icons.js";
import "../notifications/notifications.css";

/** The way into Thông báo, with how many she has not read yet (fetched each time home is shown). */
export function NotificationCard(): ReactElement {
  const navigate = useNavigate();
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    api
      .notifications({ limit: 1 })
      .then((r) => live && setUnread(r.unread))
      // Without the count the card still leads to the list, which says what went wrong.
      .catch(() => live && setUnread(null));
    return () => {
      live = false;
    };
  }, []);
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
        <span className="hs-choice-title">Thông báo</span>
        <span className="hs-choice-hint" data-testid="notice-hint">
          {unread === null ? "Tin từ Hội về việc chị đã gửi" : unread > 0 ? `Chị có ${unread} thông báo mới` : "Chị đã xem hết thông báo"}
        </span>
      </span>
      <Icon name="chevron" />
    </button>
  );
}
