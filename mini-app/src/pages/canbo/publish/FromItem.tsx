import type { ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { publicRecordQueries } from "../../../api/publicRecord.js";
import { usePublishT } from "./i18n/index.js";

/**
 * On a resolved item of Hộp việc: when its author agreed to publish, the way to the publish step. Asked only for what
 * could ever be published; the server answers "not found" for the rest, and then nothing shows.
 */
export function PublishFromItem({ submissionId, status, sensitive }: { submissionId: string; status: string; sensitive: boolean }): ReactElement | null {
  const t = usePublishT();
  const navigate = useNavigate();
  const eligible = !sensitive && (status === "resolved" || status === "closed");
  const review = useQuery({ ...publicRecordQueries.review(submissionId), enabled: eligible, retry: false });
  const r = review.data;
  if (!eligible || !r || !r.consent || r.state === "declined" || !(r.canPublish || r.state === "published")) return null;
  return (
    <section className="hs-card" data-testid="publish-from-item">
      <p className="hs-card-title">{t("fromItem.title")}</p>
      <p className="hs-muted">{r.state === "published" ? t("fromItem.published") : t("fromItem.pending")}</p>
      <Button fullWidth variant="secondary" onClick={() => navigate(`/can-bo/cong-khai/${submissionId}`)}>
        {t("fromItem.open")}
      </Button>
    </section>
  );
}
