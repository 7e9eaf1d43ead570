import { useState, type ReactElement } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button, Input } from "zmp-ui";
import type { Rating, RatingView } from "@hoiso/shared";
import { feedbackMutations } from "../../api/feedback.js";
import { errorMessage } from "../../api/http.js";
import { useNotify } from "../../components/notify.js";
import { useTrackT } from "./i18n/index.js";

const RATINGS: Rating[] = ["hai_long", "binh_thuong", "chua_hai_long"];

/** Her rating of the answer, once, beside the follow-up question; afterwards what she gave. */
export function RateAnswer({ id, given, open }: { id: string; given: RatingView | null; open: boolean }): ReactElement | null {
  const t = useTrackT();
  const notify = useNotify();
  const [picked, setPicked] = useState<Rating | null>(null);
  const [comment, setComment] = useState("");
  const rate = useMutation(feedbackMutations.rate());
  if (given) {
    return (
      <section className="hs-card" data-testid="rating-given">
        <p className="hs-muted">{t("rating.given", { rating: t(`rating.${given.rating}`) })}</p>
        {given.comment && <p>{given.comment}</p>}
      </section>
    );
  }
  if (!open) return null;
  async function send() {
    if (!picked) return;
    try {
      await rate.mutateAsync({ id, body: { rating: picked, comment: comment.trim() || undefined } });
      notify.ok(t("rating.thanks"));
    } catch (err) {
      notify.fail(errorMessage(err));
    }
  }
  return (
    <section className="hs-card" data-testid="rating">
      <p className="hs-card-title">{t("rating.question")}</p>
      <div className="hs-segments hs-segments-full" role="radiogroup" aria-label={t("rating.question")}>
        {RATINGS.map((r) => (
          <button key={r} type="button" role="radio" aria-checked={picked === r} className="hs-segment" onClick={() => setPicked(r)}>
            {t(`rating.${r}`)}
          </button>
        ))}
      </div>
      {picked && (
        <>
          <Input.TextArea label={t("rating.comment")} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} autoHeight />
          <Button fullWidth loading={rate.isPending} disabled={rate.isPending} onClick={() => void send()}>
            {t("rating.send")}
          </Button>
        </>
      )}
    </section>
  );
}
