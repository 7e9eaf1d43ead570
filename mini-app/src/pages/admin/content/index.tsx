import { useInfiniteQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { Route, Routes, useNavigate, useSearchParams } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import { ARTICLE_KIND_LABEL, CONTENT_STATUSES, type ContentStatusCode } from "@hoiso/shared/domain";
import type { ReachCounts } from "@hoiso/shared";
import { contentAdminQueries } from "../../../api/content.js";
import { errorMessage } from "../../../api/http.js";
import { ErrorState, QueryState } from "../../../components/States.js";
import { useDebounced } from "../../../components/useDebounced.js";
import { formatDateTime } from "../../../i18n/format.js";
import { ArticleEditor } from "./ArticleEditor.js";
import { GuideEditor } from "./GuideEditor.js";
import { useAdminContentT } from "./i18n/index.js";
import { StatusChip } from "./parts.js";
import "../../learn/learn.css";
import "./content.css";

/** Quản trị › Tìm hiểu: her unit's articles and guides (the server keeps to her subtree), and their editors. */
export function ContentAdmin(): ReactElement {
  return (
    <Routes>
      <Route index element={<ContentList />} />
      <Route path="bai-viet/:id" element={<ArticleEditor />} />
      <Route path="huong-dan/:id" element={<GuideEditor />} />
    </Routes>
  );
}

function ContentList(): ReactElement {
  const t = useAdminContentT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const which = params.get("loai") === "huong-dan" ? "guides" : "articles";
  const [status, setStatus] = useState<ContentStatusCode | "">("");
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 350);
  return (
    <div className="hs-form hs-content-admin" data-testid="content-admin">
      <div className="hs-segments" role="tablist" aria-label={t("list.label")}>
        {(["articles", "guides"] as const).map((k) => (
          <button key={k} type="button" role="tab" className="hs-segment" aria-selected={which === k} onClick={() => setParams(k === "guides" ? { loai: "huong-dan" } : {}, { replace: true })}>
            {t(`kinds.${k}`)}
          </button>
        ))}
      </div>
      <div className="hs-content-filters">
        <Input label={t("list.search")} value={text} onChange={(e) => setText(e.target.value)} clearable />
        {which === "articles" && (
          <label className="hs-select">
            <span className="hs-card-label">{t("list.statusFilter")}</span>
            <select value={status} onChange={(e) => setStatus(e.target.value as ContentStatusCode | "")}>
              <option value="">{t("list.anyStatus")}</option>
              {CONTENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <Button fullWidth onClick={() => navigate(which === "guides" ? "huong-dan/moi" : "bai-viet/moi")}>
        {which === "guides" ? t("list.newGuide") : t("list.newArticle")}
      </Button>
      {which === "articles" ? <Articles status={status || undefined} q={q} /> : <Guides q={q} />}
    </div>
  );
}

function Reach({ r }: { r: ReachCounts }): ReactElement {
  const t = useAdminContentT();
  return <span className="hs-muted hs-small">{t("list.reach", r)}</span>;
}

function Articles({ status, q }: { status?: ContentStatusCode; q: string }): ReactElement {
  const t = useAdminContentT();
  const navigate = useNavigate();
  const list = useInfiniteQuery(contentAdminQueries.articles({ status, q: q || undefined }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const first = { data: list.data, error: list.data ? null : list.error, refetch: list.refetch };
  return (
    <>
      <QueryState query={first}>{() => (items.length === 0 ? <p className="hs-card hs-muted">{t("list.none")}</p> : null)}</QueryState>
      <ul className="hs-choices" aria-label={t("kinds.articles")}>
        {items.map((a) => (
          <li key={a.id}>
            <button type="button" className="hs-choice hs-content-row" data-testid="content-row" onClick={() => navigate(`bai-viet/${a.id}`)}>
              <span className="hs-grow hs-content-row-text">
                <span className="hs-card-label">{ARTICLE_KIND_LABEL[a.kind]} · {a.unitName}</span>
                <span className="hs-choice-title">{a.title}</span>
                <span className="hs-content-row-meta">
                  <StatusChip status={a.status} />
                  {a.sample && <span className="hs-learn-badge">{t("list.sample")}</span>}
                  {a.publishAt && <span className="hs-muted hs-small">{t("list.goesOut", { at: formatDateTime(a.publishAt) })}</span>}
                </span>
                <Reach r={a.reach} />
              </span>
            </button>
          </li>
        ))}
      </ul>
      {list.isFetchNextPageError && <ErrorState message={errorMessage(list.error)} onRetry={() => void list.fetchNextPage()} />}
      {list.hasNextPage && !list.isFetchNextPageError && (
        <Button variant="secondary" fullWidth loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t("list.more")}
        </Button>
      )}
    </>
  );
}

function Guides({ q }: { q: string }): ReactElement {
  const t = useAdminContentT();
  const navigate = useNavigate();
  const list = useInfiniteQuery(contentAdminQueries.guides(q));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const first = { data: list.data, error: list.data ? null : list.error, refetch: list.refetch };
  return (
    <>
      <QueryState query={first}>{() => (items.length === 0 ? <p className="hs-card hs-muted">{t("list.none")}</p> : null)}</QueryState>
      <ul className="hs-choices" aria-label={t("kinds.guides")}>
        {items.map((g) => (
          <li key={g.id}>
            <button type="button" className="hs-choice hs-content-row" data-testid="content-row" onClick={() => navigate(`huong-dan/${g.id}`)}>
              <span className="hs-grow hs-content-row-text">
                <span className="hs-card-label">{g.unitName}</span>
                <span className="hs-choice-title">{g.title}</span>
                <span className="hs-content-row-meta">
                  <StatusChip status={g.status} />
                  {g.sample && <span className="hs-learn-badge">{t("list.sample")}</span>}
                  {g.publishAt && <span className="hs-muted hs-small">{t("list.goesOut", { at: formatDateTime(g.publishAt) })}</span>}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <Button variant="secondary" fullWidth loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t("list.more")}
        </Button>
      )}
    </>
  );
}
