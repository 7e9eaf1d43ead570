import { useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import { api, errorMessage } from "../../api.js";
import { useNotify } from "../../components/notify.js";

/** Asked some days after the Hội closed her item: a "Chưa" reopens it at the same unit. */
export function FollowUp({ id, onAnswered }: { id: string; onAnswered: () => void }): ReactElement {
  const notify = useNotify();
  const [busy, setBusy] = useState<"yes" | "no" | null>(null);

  async function answer(resolved: boolean) {
    setBusy(resolved ? "yes" : "no");
    try {
      await api.followUp(id, { resolved });
      notify.ok(resolved ? "Cảm ơn chị đã cho Hội biết." : "Hội đã mở lại việc này và sẽ tiếp tục xử lý cho chị.");
      onAnswered();
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="hs-card hs-followup" data-testid="follow-up">
      <p className="hs-card-title">Vấn đề của chị đã được giải quyết chưa?</p>
      <div className="hs-two">
        <Button fullWidth loading={busy === "yes"} disabled={busy !== null} onClick={() => void answer(true)}>
          Có
        </Button>
        <Button fullWidth variant="secondary" loading={busy === "no"} disabled={busy !== null} onClick={() => void answer(false)}>
          Chưa
        </Button>
      </div>
    </section>
  );
}
