import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { useSearchParams } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import { errorMessage } from "../../api/http.js";
import { publicRecordQueries } from "../../api/publicRecord.js";
import { PageHeader } from "../../components/PageHeader.js";
import { ErrorState, QueryState } from "../../components/States.js";
import { useDebounced } from "../../components/useDebounced.js";
import { usePublicRecordT } from "./i18n/index.js";
import { RecordCard } from "./RecordCard.js";
import { UnitFigures } from "./UnitFigures.js";

/** The record: a commune to browse by (kept in the address, so "back" returns to it), then results or figures. */
export function RecordHome(): ReactElement {
  const t = usePublicRecordT();
  const [params, setParams] = useSearchParams();
  const communeId = params.get("xa") ?? "";
  const tab = params.get("xem") === "so-lieu" ? "figures" : "items";
  const communes = useQuery(publicRecordQueries.communes());
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <div className="hs-page" data-testid="public-record">
      <PageHeader title={t("title")} back />
      <p className="hs-muted hs-small">{t("intro")}</p>
      <div className="hs-segments hs-segments-full" role="tablist" aria-label={t("tabs.label")}>
        {(["items", "figures"] as const).map((x) => (
          <button key={x} type="button" role="tab" aria-selected={tab === x} className="hs-segment" onClick={() => set("xem", x === "figures" ? "so-lieu" : "")}>
            {t(`tabs.${x}`)}
          </button>
        ))}
      </div>
      <label className="hs-select">
        <span className="hs-card-label">{t("commune.label")}</span>
        <select value={communeId} onChange={(e) => set("xa", e.target.value)} data-testid="record-commune">
          <option value="">{t("commune.all")}</option>
          {(communes.data?.items ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {tab === "items" ? <Results communeId={communeId || undefined} /> : <UnitFigures communeId={communeId || undefined} />}
    </div>
  );
}

function Results({ communeId }: { communeId?: string }): ReactElement {
  const t = usePublicRecordT();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 400);
  const list = useInfiniteQuery(publicRecordQueries.list({ communeId, q: q || undefined }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const first = { data: list.data, error: list.data ? null : list.error, refetch: list.refetch };
  return (
    <>
      <Input label={t("search.label")} placeholder={t("search.placeholder")} helperText={t("search.hint")} value={text} onChange={(e) => setText(e.target.value)} clearable data-testid="record-search" />
      <QueryState query={first} loadingText={t("list.loading")}>
        {() => (items.length === 0 ? <p className="hs-card hs-muted" data-testid="record-empty">{q ? t("list.noMatch", { q }) : t("list.empty")}</p> : null)}
      </QueryState>
      {items.length > 0 && (
        <ul className="hs-choices" aria-label={t("list.label")} data-testid="record-list">
          {items.map((it) => (
            <RecordCard key={it.id} item={it} />
          ))}
        </ul>
      )}
      {list.isFetchNextPageError && <ErrorState message={errorMessage(list.error)} onRetry={() => void list.fetchNextPage()} />}
      {list.hasNextPage && !list.isFetchNextPageError && (
        <Button variant="secondary" fullWidth loading={list.isFetchingNextPage} disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t("list.more")}
        </Button>
      )}
    </>
  );
}
