import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import type { BroadcastLinkKind } from "@hoiso/shared/domain";
import { useEffect, type ReactElement } from "react";
import { Route, Routes, useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import { broadcastMutations, broadcastQueries } from "../../api/broadcasts.js";
import { PageHeader } from "../../components/PageHeader.js";
import { ErrorState, QueryState } from "../../components/States.js";
import { errorMessage } from "../../api/http.js";
import { formatDateTime } from "../../i18n/format.js";
import { FeedRow } from "./FeedRow.js";
import { useBroadcastsT } from "./i18n/index.js";
import "./broadcasts.css";

/** The attached item's button names what it opens. */
const OPEN: Record<BroadcastLinkKind, "item.openArticle" | "item.openGuide" | "item.openContest" | "item.openPetition"> = {
  article: "item.openArticle",
  guide: "item.openGuide",
  contest: "item.openContest",
  petition: "item.openPetition",
};

/** Thông báo của Hội: every announcement she got, and one opened (the OA message links here). */
export default function BroadcastsPage(): ReactElement {
  return (
    <Routes>
      <Route index element={<FeedList />} />
      <Route path=":id" element={<Announcement />} />
    </Routes>
  );
}

function FeedList(): ReactElement {
  const t = useBroadcastsT();
  const feed = useInfiniteQuery(broadcastQueries.feedPages());
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];
  // The first page failing is the whole screen's error; a later page's is shown under what is already there.
  const first = { data: feed.data, error: feed.data ? null : feed.error, refetch: feed.refetch };
  return (
    <div className="hs-page">
      <PageHeader title={t("title")} back />
      <QueryState query={first}>
        {() =>
          items.length === 0 ? (
            <p className="hs-card hs-muted">{t("list.none")}</p>
          ) : (
            <ul className="hs-bc-list" aria-label={t("list.label")}>
              {items.map((i) => (
                <FeedRow key={i.id} item={i} />
              ))}
            </ul>
          )
        }
      </QueryState>
      {feed.isFetchNextPageError && <ErrorState message={errorMessage(feed.error)} onRetry={() => void feed.fetchNextPage()} />}
      {feed.hasNextPage && !feed.isFetchNextPageError && (
        <Button variant="secondary" fullWidth loading={feed.isFetchingNextPage} disabled={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()} data-testid="broadcast-more">
          {t("list.more")}
        </Button>
      )}
    </div>
  );
}

function Announcement(): ReactElement {
  const t = useBroadcastsT();
  const navigate = useNavigate();
  const { id = "" } = useParams();
  const item = useQuery(broadcastQueries.item(id));
  const read = useMutation(broadcastMutations.read());
  const unread = item.data !== undefined && item.data.readAt === null;
  const { mutate } = read;
  // Opening it is reading it: told to the server once, when it shows unread.
  useEffect(() => {
    if (unread) mutate(id);
  }, [unread, id, mutate]);
  return (
    <div className="hs-page">
      <PageHeader title={t("title")} back />
      <QueryState query={item}>
        {(a) => (
          <article className="hs-card hs-bc-item" data-testid="broadcast-item">
            {a.urgent && <span className="hs-bc-urgent">{t("item.urgent")}</span>}
            <h2 className="hs-bc-title">{a.title}</h2>
            <p className="hs-muted hs-small">{t("item.from", { unit: a.unit, at: formatDateTime(a.sentAt) })}</p>
            <p className="hs-bc-body">{a.body}</p>
            {a.link && (
              <Button fullWidth onClick={() => navigate(a.link ?? "/")}>
                {t(OPEN[a.linkKind ?? "article"])}
              </Button>
            )}
          </article>
        )}
      </QueryState>
      <Button variant="tertiary" fullWidth onClick={() => navigate("/thong-bao-hoi")}>
        {t("item.back")}
      </Button>
    </div>
  );
}
