import { useState, type ReactElement } from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { SimilarItem } from "@hoiso/shared";
import { feedbackMutations, feedbackQueries } from "../../api/feedback.js";
import { errorMessage } from "../../api/http.js";
import { useNotify } from "../../components/notify.js";
import { useDebounced } from "../../components/useDebounced.js";
import { useCommonT } from "../../i18n/common/index.js";
import { useFeedbackT } from "./i18n/index.js";

/**
 * While she types: open items of her commune that look alike (diacritics optional), so she can join a petition or
 * follow it instead of sending the same thing again. Quiet when there is nothing, or when the search fails.
 */
export function SimilarItems({ text, unitId }: { text: string; unitId: string | null }): ReactElement | null {
  const navigate = useNavigate();
  const notify = useNotify();
  const t = useFeedbackT();
  const tc = useCommonT();
  const q = useDebounced(text.trim().slice(0, 200), 600);
  // Quiet on failure: this is a suggestion, the form works without it. While she types on, the last list stays.
  const similar = useQuery({ ...feedbackQueries.similar(q, unitId ?? ""), enabled: unitId !== null && q.length >= 4, placeholderData: keepPreviousData });
  const items = unitId !== null && q.length >= 4 ? (similar.data?.items ?? []) : [];
  const [signed, setSigned] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const signPetition = useMutation(feedbackMutations.sign()).mutateAsync;

  async function sign(item: SimilarItem) {
    setBusy(item.id);
    try {
      const r = await signPetition(item.id);
      setSigned((s) => ({ ...s, [item.id]: r.signatureCount }));
      notify.ok(t("similar.signedToast", { code: item.trackingCode }));
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  if (items.length === 0) return null;
  return (
    <section className="hs-card hs-similar" data-testid="similar" aria-live="polite">
      <p className="hs-card-title">{t("similar.title")}</p>
      <p className="hs-muted hs-small">{t("similar.hint")}</p>
      <ul className="hs-similar-list">
        {items.map((it) => {
          // Signed now, or on an earlier visit (the server remembers it across reloads).
          const hasSigned = signed[it.id] !== undefined || it.signedByMe;
          return (
          <li key={it.id} className="hs-similar-item" data-testid="similar-item">
            <p className="hs-similar-head">
              <span className="hs-code-small">{it.trackingCode}</span> · {tc(`kind.${it.kind}`)} · {it.categoryName}
            </p>
            <p>{it.excerpt}</p>
            <p className="hs-muted hs-small">
              {it.unitName} · {tc(`status.${it.status}`)}
              {it.kind === "petition" ? ` · ${t("similar.signatures", { count: signed[it.id] ?? it.signatureCount })}` : ""}
            </p>
            {it.kind === "petition" && (
              <div className="hs-row hs-wrap">
                {it.petitionOpen && !hasSigned && (
                  <Button size="small" loading={busy === it.id} disabled={busy !== null} onClick={() => void sign(it)}>
                    {t("similar.sign")}
                  </Button>
                )}
                {hasSigned && <span className="hs-badge hs-badge-confirmed">{t("similar.signed")}</span>}
                <Button size="small" variant="secondary" onClick={() => navigate(`/phan-anh/theo-doi/${it.id}`)}>
                  {t("similar.follow")}
                </Button>
              </div>
            )}
          </li>
          );
        })}
      </ul>
    </section>
  );
}
