import { useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import { errorMessage } from "../../api/http.js";
import { useNotify } from "../../components/notify.js";
import { useSession } from "../../state.js";
import { askForNameLater, shareZaloName, shouldAskForName } from "../../zaloName.js";
import { useHomeT } from "./i18n/index.js";

/**
 * Zalo shares her name only after she allows it. Before Zalo's own prompt, say in a few words why the Hội asks,
 * and that saying no changes nothing else.
 */
export function NameConsentCard(): ReactElement | null {
  useSession(); // re-render when the session (her name) changes
  const notify = useNotify();
  const t = useHomeT();
  const [busy, setBusy] = useState(false);
  const [hidden, setHidden] = useState(false);
  if (hidden || !shouldAskForName()) return null;

  async function agree() {
    setBusy(true);
    try {
      const result = await shareZaloName();
      if (result === "named") notify.ok(t("nameConsent.named"));
      else if (result === "refused") notify.warn(t("nameConsent.refused"));
      setHidden(true);
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="hs-card" data-testid="name-consent">
      <p className="hs-card-title">{t("nameConsent.title")}</p>
      <p className="hs-muted">{t("nameConsent.text")}</p>
      <Button fullWidth loading={busy} disabled={busy} onClick={() => void agree()}>
        {t("nameConsent.agree")}
      </Button>
      <Button
        variant="tertiary"
        fullWidth
        disabled={busy}
        onClick={() => {
          askForNameLater();
          setHidden(true);
        }}
      >
        {t("nameConsent.later")}
      </Button>
    </section>
  );
}
