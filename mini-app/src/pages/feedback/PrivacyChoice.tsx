import type { ReactElement } from "react";
import { useFeedbackT } from "./i18n/index.js";

function Toggle({ on, onChange, label, testId }: { on: boolean; onChange: (v: boolean) => void; label: string; testId: string }): ReactElement {
  return (
    <button type="button" role="switch" aria-checked={on} className="hs-switch-row" data-testid={testId} onClick={() => onChange(!on)}>
      <span className="hs-grow hs-choice-title">{label}</span>
      <span className="hs-switch" aria-hidden="true">
        <span className="hs-switch-knob" />
      </span>
    </button>
  );
}

/** Says exactly who will see her name, and lets her keep the content itself to the responsible cán bộ. */
export function PrivacyChoice({
  anonymous,
  setAnonymous,
  sensitive,
  setSensitive,
  forcedPrivate,
  petition = false,
}: {
  anonymous: boolean;
  setAnonymous: (v: boolean) => void;
  sensitive: boolean;
  setSensitive: (v: boolean) => void;
  forcedPrivate: boolean;
  /** A petition is read and co-signed by other women: it cannot be kept private. */
  petition?: boolean;
}): ReactElement {
  const t = useFeedbackT();
  return (
    <section className="hs-card" data-testid="privacy">
      <p className="hs-card-title">{t("privacy.title")}</p>
      <Toggle on={anonymous} onChange={setAnonymous} label={t("privacy.anonymous")} testId="anonymous" />
      <p className={`hs-privacy-text${anonymous ? " hs-privacy-anon" : ""}`} data-testid="anonymous-text" aria-live="polite">
        {anonymous ? t("privacy.anonymousText") : t("privacy.named")}
      </p>
      {anonymous && <p className="hs-muted hs-small">{t("privacy.anonymousReplies")}</p>}
      {petition && !forcedPrivate && (
        <p className="hs-muted hs-small" data-testid="petition-public">
          {t("privacy.petitionPublic")}
        </p>
      )}
      {!forcedPrivate && !petition && (
        <>
          <Toggle on={sensitive} onChange={setSensitive} label={t("privacy.sensitive")} testId="sensitive" />
          <p className="hs-muted hs-small">
            {sensitive ? t("privacy.sensitiveOn") : t("privacy.sensitiveOff")}
          </p>
        </>
      )}
    </section>
  );
}
