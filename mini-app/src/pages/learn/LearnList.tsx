import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactElement } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import { ARTICLE_KIND_LABEL, ARTICLE_KINDS, GUIDES_LABEL, isArticleKind } from "@hoiso/shared/domain";
import { contentQueries } from "../../api/content.js";
import { errorMessage } from "../../api/http.js";
import { PageHeader } from "../../components/PageHeader.js";
import { ErrorState, QueryState } from "../../components/States.js";
import { useDebounced } from "../../components/useDebounced.js";
import { ArticleCard } from "./ArticleCard.js";
import { useLearnT } from "./i18n/index.js";
import { OfflineNotice } from "./OfflineNotice.js";

const GUIDES = "huong-dan";

interface Paged {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => unknown;
}

/** "Xem thêm", pressed by itself when she scrolls to it (the button stays for a phone that does not say so). */
function More({ list }: { list: Paged }): ReactElement | null {
  const t = useLearnT();
  const ref = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = list;
  useEffect(() => {
    const el = ref.current;
    if (!el || !hasNextPage || isFetchingNextPage || isFetchNextPageError || typeof IntersectionObserver === "undefined") return;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void fetchNextPage();
    });
    seen.observe(el);
    return () => seen.disconnect();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);
  if (isFetchNextPageError) return <ErrorState message={errorMessage(list.error)} onRetry={() => void fetchNextPage()} />;
  if (!hasNextPage) return null;
  return (
    <div ref={ref}>
      <Button variant="secondary" fullWidth loading={isFetchingNextPage} disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
        {t("list.more")}
      </Button>
    </div>
  );
}

/** Tìm hiểu: a tab per kind and one for the public-service guides, a search box, a page of cards at a time. */
export function LearnList(): ReactElement {
  const t = useLearnT();
  const [params, setParams] = useSearchParams();
  const tab = params.get("loai") ?? "";
  const [text, setText] = useState(params.get("q") ?? "");
  const q = useDebounced(text.trim(), 400);
  const tabs = [{ key: "", label: t("all") }, ...ARTICLE_KINDS.map((k) => ({ key: k, label: ARTICLE_KIND_LABEL[k] })), { key: GUIDES, label: GUIDES_LABEL }];
  return (
    <div className="hs-page" data-testid="learn">
      <PageHeader title={t("title")} />
      <nav className="hs-segments hs-learn-tabs" role="tablist" aria-label={t("tabsLabel")}>
        {tabs.map((x) => (
          <button key={x.key} type="button" role="tab" className="hs-segment" aria-selected={x.key === tab} onClick={() => setParams(x.key ? { loai: x.key } : {}, { replace: true })}>
            {x.label}
          </button>
        ))}
      </nav>
      <Input
        label={t("search.label")}
        placeholder={tab === GUIDES ? t("search.guidesPlaceholder") : t("search.placeholder")}
        helperText={t("search.hint")}
        value={text}
        onChange={(e) => setText(e.target.value)}
        clearable
      />
      {tab === GUIDES ? <GuideList q={q} /> : <ArticleList kind={isArticleKind(tab) ? tab : undefined} q={q} />}
    </div>
  );
}

function ArticleList({ kind, q }: { kind?: (typeof ARTICLE_KINDS)[number]; q: string }): ReactElement {
  const t = useLearnT();
  const list = useInfiniteQuery(contentQueries.articles({ kind, q: q || undefined }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const first = { data: list.data, error: list.data ? null : list.error, refetch: list.refetch };
  return (
    <>
      <OfflineNotice query={{ data: list.data, error: list.error }} />
      <QueryState query={first} loadingText={t("list.loading")}>
        {() => (items.length === 0 ? <p className="hs-card hs-muted" data-testid="learn-empty">{q ? t("list.noMatch", { q }) : t("list.empty")}</p> : null)}
      </QueryState>
      {items.length > 0 && (
        <ul className="hs-choices" aria-label={t("list.label")}>
          {items.map((a) => (
            <ArticleCard key={a.id} a={a} />
          ))}
        </ul>
      )}
      <More list={list} />
    </>
  );
}

function GuideList({ q }: { q: string }): ReactElement {
  const t = useLearnT();
  const navigate = useNavigate();
  const list = useInfiniteQuery(contentQueries.guides(q));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const first = { data: list.data, error: list.data ? null : list.error, refetch: list.refetch };
  return (
    <>
      <OfflineNotice query={{ data: list.data, error: list.error }} />
      <QueryState query={first} loadingText={t("guides.loading")}>
        {() => (items.length === 0 ? <p className="hs-card hs-muted">{q ? t("guides.noMatch", { q }) : t("guides.empty")}</p> : null)}
      </QueryState>
      {items.length > 0 && (
        <ul className="hs-choices" aria-label={GUIDES_LABEL}>
          {items.map((g) => (
            <li key={g.id}>
              <button type="button" className="hs-choice hs-learn-card" data-testid="guide-card" onClick={() => navigate(`/tim-hieu/huong-dan/${g.id}`)}>
                <span className="hs-grow hs-learn-card-text">
                  <span className="hs-choice-title">{g.title}</span>
                  <span className="hs-learn-excerpt">{g.summary}</span>
                  <span className="hs-muted hs-small">{t("guides.checkedOn", { date: dayOf(g.checkedOn) })}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <More list={list} />
    </>
  );
}

/** "2026-03-15" → "15/03/2026": a calendar date, not a moment, so no time zone. */
export const dayOf = (date: string): string => date.split("-").reverse().join("/");
