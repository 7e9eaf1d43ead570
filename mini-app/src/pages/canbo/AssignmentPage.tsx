import type { ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router-dom";
import type { AssignmentDetail } from "@hoiso/shared";
import { inboxQueries } from "../../api/inbox.js";
import { AuthAudio, AuthImage } from "../../components/AuthMedia.js";
import { QueryState } from "../../components/States.js";
import { Timeline } from "../../components/Timeline.js";
import { useCommonT } from "../../i18n/common/index.js";
import { formatDateTime, lateBy } from "../../i18n/format.js";
import { useCanboT } from "./i18n/index.js";
import { Actions } from "./Actions.js";
import { PublishFromItem } from "./publish/FromItem.js";
import { UrgentPanel } from "../safety/UrgentPanel.js";

const displayPhone = (p: string) => (p.startsWith("84") ? `0${p.slice(2)}` : p);

/** One item in a cán bộ's inbox: what was sent, by whom (unless anonymous), who else handles it, what happened. */
export function AssignmentPage(): ReactElement {
  const { id = "" } = useParams();
  const query = useQuery(inboxQueries.assignment(id));
  return <QueryState query={query}>{(detail) => <Assignment detail={detail} />}</QueryState>;
}

function Assignment({ detail }: { detail: AssignmentDetail }): ReactElement {
  const t = useCanboT();
  const tc = useCommonT();
  const { assignment: a, submission: s, author, assignments, timeline, handover } = detail;
  const photos = s.media.filter((m) => m.kind === "image");
  const audio = s.media.find((m) => m.kind === "audio");
  const others = assignments.filter((x) => x.id !== a.id);

  return (
    <div className="hs-form" data-testid="assignment">
      {s.urgent && <UrgentPanel submissionId={s.id} />}
      <section className={`hs-card${a.overdue ? " hs-card-overdue" : ""}`}>
        <div className="hs-item-top">
          <span className="hs-code-small" data-testid="assignment-code">{s.trackingCode}</span>
          <span className="hs-choice-hint">{tc(`status.${s.status}`)}</span>
        </div>
        <p className="hs-card-title">
          {tc(`kind.${s.kind}`)} · {s.categoryName}
        </p>
        <p className="hs-muted hs-small">
          {t("item.sentAt", { at: formatDateTime(s.createdAt), unit: s.originUnitName })}
          {s.sensitive ? ` · ${t("item.sensitive")}` : ""}
        </p>
        {handover && (
          <p className="hs-handover" data-testid="handover" role="status">
            {t(handover.kind === "reroute" ? "item.handoverReroute" : "item.handoverForward", { to: handover.to.join(", "), unit: a.unitName })}
          </p>
        )}
        {a.overdue ? (
          <p className="hs-overdue">{t("item.overdue", { late: lateBy(a.dueAt), due: formatDateTime(a.dueAt) })}</p>
        ) : (
          (a.status === "new" || a.status === "acknowledged") && !handover && <p className="hs-muted">{t("item.due", { due: formatDateTime(a.dueAt), unit: a.unitName })}</p>
        )}
        <div className="hs-author" data-testid="author">
          {author ? (
            <>
              <p className="hs-card-label">{t("item.author")}</p>
              <p className="hs-choice-title">{author.name}</p>
              {author.phone && (
                <a className="hs-link" href={`tel:${displayPhone(author.phone)}`}>
                  {displayPhone(author.phone)}
                </a>
              )}
            </>
          ) : (
            <p className="hs-choice-title">{t("item.anonymousAuthor")}</p>
          )}
          {detail.onBehalf && (
            <p className="hs-muted" data-testid="on-behalf-origin">
              {t("item.onBehalf", { channel: t(`onBehalf.channels.${detail.onBehalf.channel}`), name: detail.onBehalf.enteredByName })}
            </p>
          )}
          {detail.location && (
            <a className="hs-link" href={detail.location.mapUrl} target="_blank" rel="noreferrer" data-testid="map-link">
              {t("item.mapLink")}
            </a>
          )}
        </div>
        {s.kind === "petition" && <p className="hs-muted">{t("item.signatures", { count: s.signatureCount })}</p>}
      </section>
      <section className="hs-card">
        <p className="hs-card-label">{t("item.content")}</p>
        <p className="hs-body-text" data-testid="assignment-body">{s.body}</p>
        {audio && <AuthAudio id={audio.id} />}
        {photos.length > 0 && (
          <div className="hs-thumbs">
            {photos.map((m, i) => (
              <AuthImage key={m.id} id={m.id} alt={tc("media.photo", { n: i + 1 })} />
            ))}
          </div>
        )}
      </section>
      <Actions detail={detail} />
      <PublishFromItem submissionId={s.id} status={s.status} sensitive={s.sensitive} />
      {others.length > 0 && (
        <section className="hs-card">
          <p className="hs-card-label">{t("item.others")}</p>
          <ul className="hs-plain-list">
            {others.map((o) => (
              <li key={o.id}>
                {o.unitName} — {t(`item.other.${o.status === "closed" ? "closed" : o.status === "resolved" ? "resolved" : o.overdue ? "overdue" : "working"}`)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="hs-card" data-testid="staff-timeline">
        <p className="hs-card-title">{t("item.timeline")}</p>
        <Timeline events={timeline} staff />
      </section>
    </div>
  );
}
