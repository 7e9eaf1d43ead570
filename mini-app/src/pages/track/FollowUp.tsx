import { useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import { api, errorMessage } from "../../api.js";
import { useNotify } from "../../components/notify.js";
import { useTrackT } from "./i18n/index.js";

/** Asked some days after the Hội closed her item: a "Chưa" reopens it at the same unit. */
export function FollowUp({ id, onAnswered }: { id: string; onAnswered: () => void }): ReactElement {
  const notify = useNotify();
  const t = useTrackT();
  const [busy, setBusy] = useState<"yes" | "no" | null>(null);

  async function answer(resolved: boolean) {
    setBusy(resolved ? "yes" : "no");
    try {
      await api.followUp(id, { resolved });
      notify.ok(resolved ? t("followUp.thanks") : t("followUp.reopened"));
      onAnswered();
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
