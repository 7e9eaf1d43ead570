import { useState, type ReactElement } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button } from "zmp-ui";
import { feedbackMutations } from "../../api/feedback.js";
import { errorMessage } from "../../api/http.js";
import { useNotify } from "../../components/notify.js";
import { useTrackT } from "./i18n/index.js";

/** Asked some days after the Hội closed her item: a "Chưa" reopens it at the same unit (the item then shows it). */
export function FollowUp({ id }: { id: string }): ReactElement {
  const notify = useNotify();
  const t = useTrackT();
  const [busy, setBusy] = useState<"yes" | "no" | null>(null);
  const followUp = useMutation(feedbackMutations.followUp()).mutateAsync;

  async function answer(resolved: boolean) {
    setBusy(resolved ? "yes" : "no");
    try {
      await followUp({ id, body: { resolved } });
      notify.ok(resolved ? t("followUp.thanks") : t("followUp.reopened"));
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="hs-card hs-followup" data-testid="follow-up">
      <p className="hs-card-title">{t("followUp.question")}</p>
      <div className="hs-two">
        <Button fullWidth loading={busy === "yes"} disabled={busy !== null} onClick={() => void answer(true)}>
          {t("followUp.yes")}
        </Button>
        <Button fullWidth variant="secondary" loading={busy === "no"} disabled={busy !== null} onClick={() => void answer(false)}>
          {t("followUp.no")}
        </Button>
      </div>
    </section>
  );
}
