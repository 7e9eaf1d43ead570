import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Route, Routes, useNavigate } from "react-router-dom";
import { consultationQueries } from "../../api/consultations.js";
import { CardListPage } from "../../components/CardListPage.js";
import { formatDateTime } from "../../i18n/format.js";
import { ConsultationPage } from "./ConsultationPage.js";
import { useConsultationsT } from "./i18n/index.js";
import "../../components/feedback.css";
import "./consultations.css";

/** Góp ý: the drafts put to her, and one opened section by section (the outcome notification links here). */
export default function ConsultationsPage(): ReactElement {
  return (
    <Routes>
      <Route index element={<List />} />
      <Route path=":id" element={<ConsultationPage />} />
    </Routes>
  );
}

function List(): ReactElement {
  const t = useConsultationsT();
  const navigate = useNavigate();
  const list = useQuery(consultationQueries.list());
  return (
    <CardListPage
      title={t("title")}
      query={list}
      none={t("list.none")}
      label={t("list.label")}
      listClass="hs-plain-list hs-gy-list"
      cardClass="hs-gy-card"
      testId="consultation"
      onOpen={(c) => navigate(`/gop-y/${c.id}`)}
    >
      {(c) => (
        <>
          <span className={`hs-gy-phase hs-gy-${c.phase}`}>{t(`phase.${c.phase}`)}</span>
          <span className="hs-card-title">{c.title}</span>
          <span className="hs-muted">{c.unitName}</span>
          <span className="hs-small">
            {c.phase === "upcoming" ? t("list.opensAt", { at: formatDateTime(c.opensAt) }) : t("list.closesAt", { at: formatDateTime(c.closesAt) })}
          </span>
          <span className="hs-small">{t("list.progress", { mine: c.mine, total: c.sectionCount })}</span>
        </>
      )}
    </CardListPage>
  );
}
