import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { useParams } from "react-router-dom";
import { mediaObjectUrl } from "../../api/media.js";
import { publicRecordQueries } from "../../api/publicRecord.js";
import { PageHeader } from "../../components/PageHeader.js";
import { QueryState } from "../../components/States.js";
import { formatDate } from "../../i18n/format.js";
import { usePublicRecordT } from "./i18n/index.js";

/** A public proof photo: fetched without her session, shown from its blob URL (the CSP keeps images same-origin). */
function PublicPhoto({ id, alt }: { id: string; alt: string }): ReactElement {
  const t = usePublicRecordT();
  const photo = useQuery(publicRecordQueries.photo(id));
  if (photo.data) {
    const url = mediaObjectUrl(photo.data);
    return (
      <a className="hs-thumb" href={url} target="_blank" rel="noreferrer">
        <img src={url} alt={alt} />
      </a>
    );
  }
  return <div className="hs-thumb hs-thumb-empty">{photo.error ? t("item.photoFailed") : t("item.photoLoading")}</div>;
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }): ReactElement {
  return (
    <div className="hs-record-fact">
      <dt className="hs-card-label">{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** One handled item: what was raised, the unit's answer with its photos, deadline against the date handled, rating. */
export function RecordDetail(): ReactElement {
  const t = usePublicRecordT();
  const { id = "" } = useParams();
  const item = useQuery(publicRecordQueries.item(id));
  return (
    <div className="hs-page" data-testid="record-detail">
      <PageHeader title={t("detailTitle")} back />
      <QueryState query={item} loadingText={t("item.loading")}>
        {(it) => (
          <>
            <section className="hs-card">
              <p className="hs-card-label">{t("item.question")}</p>
              <p className="hs-record-text" data-testid="record-text">{it.text}</p>
            </section>
            <section className="hs-card">
              <p className="hs-card-label">{t("item.answer")}</p>
              <p className="hs-record-text" data-testid="record-answer">{it.answer}</p>
              {it.photos.length > 0 && (
                <div className="hs-proof" aria-label={t("item.photos")}>
                  {it.photos.map((p, i) => (
                    <PublicPhoto key={p.id} id={p.id} alt={t("item.photo", { n: i + 1 })} />
                  ))}
                </div>
              )}
            </section>
            <dl className="hs-card hs-record-facts">
              <Fact label={t("item.unit")} value={it.unitName} />
              <Fact label={t("item.commune")} value={it.communeName} />
              <Fact label={t("item.category")} value={it.categoryName} />
              <Fact label={t("item.received")} value={formatDate(it.receivedAt)} />
              <Fact label={t("item.due")} value={formatDate(it.dueAt)} />
              <Fact label={t("item.resolved")} value={`${formatDate(it.resolvedAt)} · ${it.onTime ? t("item.onTime") : t("item.late")}`} testId="record-resolved" />
              <Fact label={t("item.rating")} value={it.rating ? t(`rating.${it.rating}`) : t("item.notRated")} testId="record-rating" />
            </dl>
          </>
        )}
      </QueryState>
    </div>
  );
}
