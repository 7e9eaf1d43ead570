import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { ARTICLE_KIND_LABEL } from "@hoiso/shared/domain";
import type { ArticleSummary } from "@hoiso/shared";
import { formatDate } from "../../i18n/format.js";
import { useLearnT } from "./i18n/index.js";
import { Cover } from "./Media.js";

export function ArticleCard({ a }: { a: ArticleSummary }): ReactElement {
  const t = useLearnT();
  const navigate = useNavigate();
  return (
    <li>
      <button type="button" className="hs-choice hs-learn-card" data-testid="article-card" data-read={a.readState} onClick={() => navigate(`/tim-hieu/bai-viet/${a.id}`)}>
        {a.coverMediaId ? <Cover id={a.coverMediaId} alt="" className="hs-learn-thumb" /> : null}
        <span className="hs-grow hs-learn-card-text">
          <span className="hs-card-label">{ARTICLE_KIND_LABEL[a.kind]}</span>
          <span className="hs-choice-title">{a.title}</span>
          <span className="hs-learn-excerpt">{a.excerpt}</span>
          <span className="hs-learn-meta">
            {a.readState !== "new" && <span className={`hs-learn-badge hs-learn-badge-${a.readState}`}>{t(`badge.${a.readState}`)}</span>}
            {a.hasAudio && <span className="hs-learn-badge">{t("list.hasAudio")}</span>}
            {a.sample && <span className="hs-learn-badge">{t("list.sample")}</span>}
            <span className="hs-muted hs-small">{formatDate(a.publishedAt)}</span>
          </span>
        </span>
      </button>
    </li>
  );
}
