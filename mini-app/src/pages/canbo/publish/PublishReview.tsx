import { useState, type ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import type { PublicationReview } from "@hoiso/shared";
import { PUBLIC_PHOTOS_MAX, PUBLIC_TEXT_MAX } from "@hoiso/shared/domain";
import { publicRecordMutations, publicRecordQueries } from "../../../api/publicRecord.js";
import { AuthImage } from "../../../components/AuthMedia.js";
import { ConfirmModal } from "../../../components/ConfirmModal.js";
import { QueryState } from "../../../components/States.js";
import { useChange } from "../../../components/useChange.js";
import { formatDate } from "../../../i18n/format.js";
import { FieldError } from "../../feedback/FieldError.js";
import { FaceCover } from "./FaceCover.js";
import { usePublishT } from "./i18n/index.js";

const BLOCKED = new Set(["PUBLISH_NOT_ALLOWED", "PUBLISH_NO_CONSENT", "PUBLISH_NOT_RESOLVED"]);
type Ask = "publish" | "decline" | "unpublish" | null;

/** /can-bo/cong-khai/:id — one item's publish step. */
export function PublishReviewPage(): ReactElement {
  const { id = "" } = useParams();
  const t = usePublishT();
  const review = useQuery(publicRecordQueries.review(id));
  // Keyed by what the server last answered, so the fields start again from the published copy after each decision.
  return (
    <QueryState query={review} loadingText={t("review.loading")}>
      {(r) => <Review key={`${r.state ?? ""}:${r.publishedAt ?? ""}`} review={r} />}
    </QueryState>
  );
}

function Review({ review: r }: { review: PublicationReview }): ReactElement {
  const t = usePublishT();
  const [text, setText] = useState(r.text);
  const [answer, setAnswer] = useState(r.answer);
  const [chosen, setChosen] = useState<string[]>(r.photos.filter((p) => p.chosen).map((p) => p.id));
  // proof photo → her copy with the faces covered, shown (and published) in its place
  const [covers, setCovers] = useState<Record<string, string>>(Object.fromEntries(r.photos.flatMap((p) => (p.coveredBy ? [[p.id, p.coveredBy]] : []))));
  const [covering, setCovering] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [ask, setAsk] = useState<Ask>(null);
  const [error, setError] = useState<string | undefined>();
  const publish = useChange(publicRecordMutations.publish(r.submissionId));
  const decline = useChange(publicRecordMutations.withdraw(r.submissionId, "decline"));
  const unpublish = useChange(publicRecordMutations.withdraw(r.submissionId, "unpublish"));
  const busy = publish.busy || decline.busy || unpublish.busy;
  const published = r.state === "published";

  function toggle(id: string, on: boolean) {
    setError(undefined);
    if (on && chosen.length >= PUBLIC_PHOTOS_MAX) return setError(t("review.tooManyPhotos", { max: PUBLIC_PHOTOS_MAX }));
    // kept in the order the answer showed them
    setChosen((c) => r.photos.map((p) => p.id).filter((x) => (x === id ? on : c.includes(x))));
  }
  function askPublish() {
    if (!text.trim()) return setError(t("review.textEmpty"));
    if (!answer.trim()) return setError(t("review.answerEmpty"));
    setError(undefined);
    setAsk("publish");
  }
  function confirmed() {
    const what = ask;
    setAsk(null);
    const covered = chosen.flatMap((id) => (covers[id] ? [{ of: id, mediaId: covers[id] }] : []));
    if (what === "publish") void publish.run({ text: text.trim(), answer: answer.trim(), mediaIds: chosen, covered }, published ? t("review.updated") : t("review.published"));
    if (what === "decline") void decline.run(note.trim(), t("review.declined"));
    if (what === "unpublish") void unpublish.run(note.trim(), t("review.unpublished"));
  }

  const blocked = r.canPublish ? null : t(`review.blocked.${r.blockedBy && BLOCKED.has(r.blockedBy) ? (r.blockedBy as "PUBLISH_NO_CONSENT") : "other"}`);
  return (
    <div className="hs-form" data-testid="publish-review">
      <section className="hs-card">
        <p className="hs-muted">{t("review.intro")}</p>
        {r.consent && <p className="hs-choice-hint" data-testid="publish-consent-note">{t("review.consent")}</p>}
        {published && r.publishedAt && (
          <p className="hs-handover" role="status" data-testid="publish-state">
            {t("review.publishedAt", { day: formatDate(r.publishedAt) })}{" "}
            {r.publicId && (
              <Link className="hs-link" to={`/ket-qua/${r.publicId}`} data-testid="publish-view">
                {t("review.view")}
              </Link>
            )}
          </p>
        )}
        {r.state === "declined" && <p className="hs-muted" data-testid="publish-state">{t("review.declinedNote")}</p>}
        {r.state === "unpublished" && <p className="hs-muted" data-testid="publish-state">{t("review.unpublishedNote")}</p>}
        {blocked && <p className="hs-field-error" role="alert" data-testid="publish-blocked">{blocked}</p>}
      </section>
      {r.canPublish && (
        <section className="hs-card" data-testid="publish-fields">
          <Input.TextArea
            label={t("review.text")}
            helperText={t("review.textHint")}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={PUBLIC_TEXT_MAX}
            autoHeight
            data-testid="publish-text"
          />
          <Input.TextArea label={t("review.answer")} value={answer} onChange={(e) => setAnswer(e.target.value)} maxLength={PUBLIC_TEXT_MAX} autoHeight data-testid="publish-answer" />
          <p className="hs-card-label">{t("review.photos")}</p>
          {r.photos.length === 0 ? (
            <p className="hs-muted">{t("review.noPhotos")}</p>
          ) : (
            <>
              <p className="hs-muted hs-small">{t("review.photosHint")}</p>
              <ul className="hs-publish-photos" data-testid="publish-photos">
                {r.photos.map((p, i) => {
                  const copy = covers[p.id];
                  return (
                    <li key={p.id} data-testid="publish-photo">
                      <AuthImage id={copy ?? p.id} alt={t(copy ? "review.coveredAlt" : "review.photoAlt", { n: i + 1 })} />
                      <label className="hs-check">
                        <input type="checkbox" checked={chosen.includes(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
                        <span>{t("review.photoN", { n: i + 1 })}</span>
                      </label>
                      {copy ? (
                        <>
                          <p className="hs-choice-hint" data-testid="photo-covered">{t("review.covered")}</p>
                          <Button variant="tertiary" size="small" onClick={() => setCovers(({ [p.id]: _gone, ...rest }) => rest)}>
                            {t("review.uncover")}
                          </Button>
                        </>
                      ) : (
                        <Button variant="tertiary" size="small" disabled={covering !== null} onClick={() => setCovering(p.id)}>
                          {t("review.cover")}
                        </Button>
                      )}
                    </li>
                  );
                })}
              </ul>
              {covering && (
                <FaceCover
                  id={covering}
                  n={r.photos.findIndex((p) => p.id === covering) + 1}
                  onCancel={() => setCovering(null)}
                  onDone={(copyId) => {
                    setCovers((c) => ({ ...c, [covering]: copyId }));
                    setCovering(null);
                  }}
                />
              )}
            </>
          )}
        </section>
      )}
      {(r.canPublish || published) && (
        <section className="hs-card hs-form">
          {r.state !== "declined" && (
            <Input label={t("review.note")} helperText={t("review.noteHint")} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
          )}
          <FieldError text={error} />
          {r.canPublish && (
            <Button fullWidth size="large" loading={publish.busy} disabled={busy} onClick={askPublish}>
              {published ? t("review.update") : t("review.publish")}
            </Button>
          )}
          {published ? (
            <Button fullWidth variant="secondary" loading={unpublish.busy} disabled={busy} onClick={() => setAsk("unpublish")}>
              {t("review.unpublish")}
            </Button>
          ) : (
            r.state === "pending" && (
              <Button fullWidth variant="tertiary" loading={decline.busy} disabled={busy} onClick={() => setAsk("decline")}>
                {t("review.decline")}
              </Button>
            )
          )}
        </section>
      )}
      <ConfirmModal
        open={ask !== null}
        title={ask ? t(`review.${ask}Ask`) : ""}
        text={ask === "publish" ? t("review.publishText", { count: chosen.length }) : ask ? t(`review.${ask}Text`) : ""}
        confirm={ask ? t(`review.${ask}`) : ""}
        onCancel={() => setAsk(null)}
        onConfirm={confirmed}
      />
    </div>
  );
}
