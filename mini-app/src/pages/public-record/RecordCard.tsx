import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import type { PublicRecordItem } from "@hoiso/shared";
import { Icon } from "../../components/icons.js";
import { formatDate } from "../../i18n/format.js";
import { usePublicRecordT } from "./i18n/index.js";

const excerpt = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** One result in the list: category and place, the first words, when it was handled and whether on time. */
export function RecordCard({ item }: { item: PublicRecordItem }): ReactElement {
  const t = usePublicRecordT();
  const navigate = useNavigate();
  return (
    <li>
      <button type="button" className="hs-choice hs-item" data-testid="record-card" onClick={() => navigate(`/ket-qua/${item.id}`)}>
        <span className="hs-grow">
          <span className="hs-item-top">
            <span className="hs-code-small">{item.categoryName}</span>
            <span className={item.onTime ? "hs-record-chip hs-record-ontime" : "hs-record-chip hs-record-late"}>{item.onTime ? t("item.onTime") : t("item.late")}</span>
          </span>
          <span className="hs-item-excerpt">{excerpt(item.text)}</span>
          <span className="hs-choice-hint">
            {item.unitName} · {formatDate(item.resolvedAt)}
            {item.rating ? ` · ${t(`rating.${item.rating}`)}` : ""}
          </span>
        </span>
        <Icon name="chevron" />
      </button>
    </li>
  );
}
