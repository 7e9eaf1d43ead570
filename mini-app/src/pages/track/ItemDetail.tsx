import { useState, type ReactElement } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import type { SubmissionView } from "@hoiso/shared";
import { feedbackMutations, feedbackQueries } from "../../api/feedback.js";
import { errorMessage } from "../../api/http.js";
import { AuthAudio, AuthImage, ProofList } from "../../components/AuthMedia.js";
import { useNotify } from "../../components/notify.js";
import { QueryState } from "../../components/States.js";
import { Timeline } from "../../components/Timeline.js";
import { useCommonT } from "../../i18n/common/index.js";
import { formatDate, formatDateTime } from "../../i18n/format.js";
import { QuickExit } from "../safety/QuickExit.js";
import { useTrackT } from "./i18n/index.js";
import { FollowUp } from "./FollowUp.js";
import { PublishChoice } from "./PublishChoice.js";
import { RateAnswer } from "./RateAnswer.js";
import { Progress } from "./Progress.js";
import { StatusChip } from "./StatusChip.js";

/** While the Hội is still routing a fresh item, look again every few seconds so "forwarded" shows without a tap. */
const POLL_MS = 5000;

function Petition({ item }: { item: SubmissionView }): ReactElement | null {
  const notify = useNotify();
  const t = useTrackT();
  const [busy, setBusy] = useState(false);
  const signPetition = useMutation(feedbackMutations.sign()).mutateAsync;
  const p = item.petition;
  if (!p) return null;
  async function sign() {
    setBusy(true);
    try {
      await signPetition(item.id);
      notify.ok(t("petition.signedToast"));
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  const state = p.state === "open" ? t("petition.open", { day: formatDate(p.deadline) }) : p.state === "reached" ? t("petition.reached") : t("petition.expired");
  return (
    <section className="hs-card" data-testid="petition">
      <p className="hs-card-title">
        {t("petition.count", { count: p.signatureCount, threshold: p.threshold })}
      </p>
      <div className="hs-meter" aria-hidden="true">
        <span style={{ width: `${Math.min(100, (p.signatureCount / Math.max(1, p.threshold)) * 100)}%` }} />
      </div>
      <p className="hs-muted">{state}</p>
      {p.state === "open" && !p.signedByMe && (
        <Button fullWidth loading={busy} disabled={busy} onClick={() => void sign()}>
          {t("petition.sign")}
        </Button>
      )}
      {p.signedByMe && <span className="hs-badge hs-badge-confirmed">{t("petition.signed")}</span>}
    </section>
  );
}

export function ItemDetail(): ReactElement {
  const { id = "" } = useParams();
  const query = useQuery({ ...feedbackQueries.item(id), refetchInterval: (q) => (q.state.data?.status === "received" ? POLL_MS : false) });
  return <QueryState query={query}>{(item) => <Detail item={item} reload={() => void query.refetch()} />}</QueryState>;
}

function Detail({ item, reload }: { item: SubmissionView; reload: () => void }): ReactElement {
  const navigate = useNavigate();
  const t = useTrackT();
  const tc = useCommonT();
  const replies = item.timeline.filter((e) => e.type === "replied" || e.type === "resolved");
  const lastReply = replies[replies.length - 1];
  const photos = item.media.filter((m) => m.kind === "image");
  const audio = item.media.find((m) => m.kind === "audio");

  return (
    <div className="hs-form" data-testid="item-detail">
      <section className="hs-card">
        <div className="hs-item-top">
          <span className="hs-code-small" data-testid="detail-code">{item.trackingCode}</span>
          <StatusChip status={item.status} />
          {/* her own sensitive item is a sensitive screen too: one tap away to the neutral one */}
          {item.mine && item.sensitive && <QuickExit />}
        </div>
        <p className="hs-card-title">
          {tc(`kind.${item.kind}`)} · {item.categoryName}
        </p>
        <p className="hs-muted hs-small">
          {t("detail.sentAt", { at: formatDateTime(item.createdAt), unit: item.originUnitName })}
          {item.mine && item.anonymous ? ` · ${t("detail.anonymous")}` : ""}
          {item.sensitive ? ` · ${t("detail.sensitive")}` : ""}
        </p>
        <Progress item={item} />
      </section>
      {item.followUpOpen && <FollowUp id={item.id} />}
      {item.legalRoute && (
        <section className="hs-card hs-legal" data-testid="legal-guidance">
          <p className="hs-card-title">{t(`legal.${item.legalRoute}.title`)}</p>
          <p>{t(`legal.${item.legalRoute}.text`)}</p>
          <p className="hs-muted">{t("legal.help")}</p>
          <p>{item.timeline.filter((e) => e.type === "legal_route").at(-1)?.message}</p>
        </section>
      )}
      {item.mine && <RateAnswer id={item.id} given={item.rating ?? null} open={item.ratingOpen === true} />}
      {item.mine && !item.anonymous && !item.sensitive && item.kind !== "petition" && <PublishChoice id={item.id} />}
      {lastReply && (
        <section className="hs-card hs-reply" data-testid="official-reply">
          <p className="hs-card-label">{t("detail.replyFrom")}{lastReply.unitName ? ` — ${lastReply.unitName}` : ""}</p>
          <p className="hs-reply-text">{lastReply.message}</p>
          <ProofList
            proof={replies.flatMap((r) => r.proof ?? [])}
            photoAlt={(n) => t("detail.proofPhoto", { n })}
            docLabel={(n) => t("detail.proofDocument", { n })}
          />
          <p className="hs-muted hs-small">{formatDateTime(lastReply.at)}</p>
        </section>
      )}
      <Petition item={item} />
      <section className="hs-card">
        <p className="hs-card-label">{item.mine ? t("detail.yourContent") : t("detail.petitionContent")}</p>
        <p className="hs-body-text">{item.body}</p>
        {audio && <AuthAudio id={audio.id} />}
        {photos.length > 0 && (
          <div className="hs-thumbs">
            {photos.map((m, i) => (
              <AuthImage key={m.id} id={m.id} alt={tc("media.photo", { n: i + 1 })} />
            ))}
          </div>
        )}
      </section>
      <section className="hs-card" data-testid="timeline">
        <div className="hs-item-top">
          <p className="hs-card-title">{t("detail.timeline")}</p>
          <button type="button" className="hs-link" onClick={reload}>
            {tc("reload")}
          </button>
        </div>
        <Timeline events={item.timeline} />
      </section>
      {(item.mine || item.petition?.signedByMe) && (
        <Button variant="tertiary" fullWidth onClick={() => navigate("/phan-anh/cua-toi")}>
          {item.mine ? t("detail.allMine") : t("detail.allSigned")}
        </Button>
      )}
    </div>
  );
}
