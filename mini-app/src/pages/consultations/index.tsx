import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Route, Routes, useNavigate } from "react-router-dom";
import { consultationQueries } from "../../api/consultations.js";
import { PageHeader } from "../../components/PageHeader.js";
import { QueryState } from "../../components/States.js";
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
    <div className="hs-page">
      <PageHeader title={t("title")} back />
      <QueryState query={list}>
        {(l) =>
          l.items.length === 0 ? (
            <p className="hs-card hs-muted">{t("list.none")}</p>
          ) : (
            <ul className="hs-plain-list hs-gy-list" aria-label={t("list.label")}>
              {l.items.map((c) => (
                <li key={c.id}>
                  <button type="button" className="hs-card hs-gy-card" onClick={() => navigate(`/gop-y/${c.id}`)} data-testid="consultation">
                    <span className={`hs-gy-phase hs-gy-${c.phase}`}>{t(`phase.${c.phase}`)}</span>
                    <span className="hs-card-title">{c.title}</span>
                    <span className="hs-muted">{c.unitName}</span>
                    <span className="hs-small">
                      {c.phase === "upcoming" ? t("list.opensAt", { at: formatDateTime(c.opensAt) }) : t("list.closesAt", { at: formatDateTime(c.closesAt) })}
                    </span>
                    <span className="hs-small">{t("list.progress", { mine: c.mine, total: c.sectionCount })}</span>
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}
