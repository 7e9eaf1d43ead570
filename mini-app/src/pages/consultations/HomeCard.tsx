import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { consultationQueries } from "../../api/consultations.js";
import { useConsultationsT } from "./i18n/index.js";

/** On Trang chủ, only while a draft waits for her opinion. */
export function ConsultationCard(): ReactElement | null {
  const t = useConsultationsT();
  const navigate = useNavigate();
  const list = useQuery(consultationQueries.list());
  const open = (list.data?.items ?? []).filter((c) => c.phase === "open" && c.mine < c.sectionCount).length;
  if (open === 0) return null;
  return (
    <section className="hs-card" data-testid="consultation-card">
      <p className="hs-card-title">{t("card.title")}</p>
      <p>{t("card.open", { n: open })}</p>
      <Button fullWidth onClick={() => navigate("/gop-y")}>
        {t("card.go")}
      </Button>
    </section>
  );
}
