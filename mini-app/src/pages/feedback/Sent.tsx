import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { SubmissionCreated, SubmissionKind } from "@hoiso/shared";
import { KIND_LABEL } from "../../components/feedbackText.js";
import { Icon } from "../../components/icons.js";

/** The tracking code, big enough to copy onto paper or read out over the phone. */
export function Sent({ created, kind, onAgain }: { created: SubmissionCreated; kind: SubmissionKind; onAgain: () => void }): ReactElement {
  const navigate = useNavigate();
  return (
    <section className="hs-card hs-sent" data-testid="sent" role="status">
      <span className="hs-sent-icon">
        <Icon name="check" size={40} />
      </span>
      <h2>Hội đã nhận được, cảm ơn chị!</h2>
      <p className="hs-muted">Mã theo dõi của chị là</p>
      <p className="hs-code" data-testid="tracking-code">
        {created.trackingCode}
      </p>
      <p className="hs-muted">
        Chị ghi lại mã này. Hội sẽ chuyển tới cán bộ phụ trách và báo cho chị từng bước trong mục “Của tôi”.
        {kind === "petition" && " Chị em trong xã sẽ thấy kiến nghị này để cùng ký tên ủng hộ."}
      </p>
      <Button fullWidth size="large" onClick={() => navigate(`/phan-anh/theo-doi/${created.id}`)}>
        Theo dõi {KIND_LABEL[kind].toLowerCase()}
      </Button>
      <Button fullWidth variant="tertiary" onClick={onAgain}>
        Gửi nội dung khác
      </Button>
    </section>
  );
}
