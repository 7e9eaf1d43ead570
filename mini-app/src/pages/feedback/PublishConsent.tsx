import type { ReactElement } from "react";
import { useFeedbackT } from "./i18n/index.js";

/**
 * Her "yes" to the public record (Kết quả xử lý), off unless she ticks it. The form shows it only when the item may be
 * offered at all (mayOfferPublish: not anonymous, not kept private, not a private category, not a petition).
 */
export function PublishConsent({ on, onChange }: { on: boolean; onChange: (v: boolean) => void }): ReactElement {
  const t = useFeedbackT();
  return (
    <label className="hs-check hs-card" data-testid="publish-consent">
      <input type="checkbox" checked={on} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {t("publish.label")}
        <span className="hs-muted hs-small hs-publish-hint">{t("publish.hint")}</span>
      </span>
    </label>
  );
}
