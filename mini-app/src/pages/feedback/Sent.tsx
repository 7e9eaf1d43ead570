import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { SubmissionCreated, SubmissionKind } from "@hoiso/shared";
import { Icon } from "../../components/icons.js";
import { useCommonT } from "../../i18n/common/index.js";
import { useFeedbackT } from "./i18n/index.js";

/** The tracking code, big enough to copy onto paper or read out over the phone. */
export function Sent({ created, kind, onAgain }: { created: SubmissionCreated; kind: SubmissionKind; onAgain: () => void }): ReactElement {
  const navigate = useNavigate();
  const t = useFeedbackT();
  const tc = useCommonT();
  return (
    <section className="hs-card hs-sent" data-testid="sent" role="status">
      <span className="hs-sent-icon">
        <Icon name="check" size={40} />
      </span>
      <h2>{t("sent.title")}</h2>
      <p className="hs-muted">{t("sent.codeIs")}</p>
      <p className="hs-code" data-testid="tracking-code">
        {created.trackingCode}
      </p>
      <p className="hs-muted">
        {t("sent.keepCode")}
        {kind === "petition" && ` ${t("sent.petitionShown")}`}
      </p>
      <Button fullWidth size="large" onClick={() => navigate(`/phan-anh/theo-doi/${created.id}`)}>
        {t("sent.follow", { kind: tc(`kind.${kind}`).toLowerCase() })}
      </Button>
      <Button fullWidth variant="tertiary" onClick={onAgain}>
        {t("sent.again")}
      </Button>
    </section>
  );
}
