import { useState, type ReactElement } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import { normalizeTrackingCode } from "@hoiso/shared/domain";
import { feedbackQueries } from "../../api/feedback.js";
import { errorMessage } from "../../api/http.js";
import { useTrackT } from "./i18n/index.js";

/** She wrote the code on paper, or sent from another phone: find her item by it. */
export function CodeLookup(): ReactElement {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const t = useTrackT();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function find() {
    const canonical = normalizeTrackingCode(code);
    if (!canonical) {
      setError(t("lookup.invalid"));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const item = await queryClient.fetchQuery(feedbackQueries.tracked(canonical));
      queryClient.setQueryData(feedbackQueries.item(item.id).queryKey, item);
      navigate(`/phan-anh/theo-doi/${item.id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="hs-card" data-testid="code-lookup">
      <p className="hs-card-title">{t("lookup.title")}</p>
      <Input
        label={t("lookup.label")}
        placeholder={t("lookup.placeholder")}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        status={error ? "error" : undefined}
        errorText={error}
        autoCapitalize="characters"
      />
      <Button variant="secondary" fullWidth loading={busy} disabled={busy || code.trim().length < 4} onClick={() => void find()}>
        {t("lookup.find")}
      </Button>
    </section>
  );
}
