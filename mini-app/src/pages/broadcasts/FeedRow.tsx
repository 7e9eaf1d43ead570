import type { FeedItem } from "@hoiso/shared";
import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { formatDateTime } from "../../i18n/format.js";
import { useBroadcastsT } from "./i18n/index.js";

export function FeedRow({ item }: { item: FeedItem }): ReactElement {
  const t = useBroadcastsT();
  const navigate = useNavigate();
  return (
    <li>
      <button type="button" className={`hs-choice hs-bc-row${item.readAt ? "" : " is-unread"}`} data-testid="broadcast-row" onClick={() => navigate(`/thong-bao-hoi/${item.id}`)}>
        <span className="hs-grow">
          <span className="hs-choice-title">
            {item.urgent && <span className="hs-bc-urgent">{t("item.urgent")}</span>} {item.title}
          </span>
          <span className="hs-choice-hint">{t("item.from", { unit: item.unit, at: formatDateTime(item.sentAt) })}</span>
        </span>
        {!item.readAt && <span className="hs-bc-new">{t("item.new")}</span>}
      </button>
    </li>
  );
}
