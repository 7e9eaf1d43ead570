import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { broadcastQueries } from "../../api/broadcasts.js";
import { useBroadcastsT } from "./i18n/index.js";
import { FeedRow } from "./FeedRow.js";
import "./broadcasts.css";

/** Trang chủ: the latest announcements of her Hội with how many she has not read; opening one marks it read. */
export function FeedCard(): ReactElement | null {
  const t = useBroadcastsT();
  const navigate = useNavigate();
  const feed = useQuery(broadcastQueries.feed()).data;
  if (!feed) return null;
  return (
    <section className="hs-card hs-bc-card" data-testid="broadcast-card">
      <div className="hs-bc-card-head">
        <span className="hs-card-title">{t("card.title")}</span>
        {feed.unread > 0 && (
          <span className="hs-bc-count" data-testid="broadcast-unread">
            {feed.unread > 99 ? "99+" : feed.unread}
          </span>
        )}
      </div>
      {feed.unread > 0 && <p className="hs-muted hs-small">{t("card.unread", { n: feed.unread })}</p>}
      {feed.items.length === 0 ? (
        <p className="hs-muted">{t("card.none")}</p>
      ) : (
        <ul className="hs-bc-list">
          {feed.items.slice(0, 3).map((i) => (
            <FeedRow key={i.id} item={i} />
          ))}
        </ul>
      )}
      {feed.items.length > 3 && (
        <button type="button" className="hs-link" onClick={() => navigate("/thong-bao-hoi")}>
          {t("card.all")}
        </button>
      )}
    </section>
  );
}
