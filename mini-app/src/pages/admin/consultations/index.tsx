import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Route, Routes, useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import { consultationQueries } from "../../../api/consultations.js";
import { QueryState } from "../../../components/States.js";
import { formatDateTime } from "../../../i18n/format.js";
import { ConsultationAdminDetail } from "./Detail.js";
import { ConsultationForm } from "./Form.js";
import { useAdminConsultationsT } from "./i18n/index.js";
import "../../consultations/consultations.css";

/** Quản trị › Góp ý dự thảo: her subtree's consultations (the server keeps to her scope). */
export function ConsultationsAdmin(): ReactElement {
  return (
    <Routes>
      <Route index element={<List />} />
      <Route path="moi" element={<ConsultationForm />} />
      <Route path=":id" element={<ConsultationAdminDetail />} />
      <Route path=":id/sua" element={<Edit />} />
    </Routes>
  );
}

function Edit(): ReactElement {
  const { id = "" } = useParams();
  const query = useQuery(consultationQueries.adminItem(id));
  return <QueryState query={query}>{(c) => <ConsultationForm existing={c} />}</QueryState>;
}

function List(): ReactElement {
  const t = useAdminConsultationsT();
  const navigate = useNavigate();
  const query = useQuery(consultationQueries.adminList());
  return (
    <div className="hs-form" data-testid="consultations-admin">
      <Button fullWidth onClick={() => navigate("/quan-tri/gop-y/moi")}>
        {t("list.new")}
      </Button>
      <QueryState query={query}>
        {(list) =>
          list.items.length === 0 ? (
            <p className="hs-muted">{t("list.empty")}</p>
          ) : (
            <>
              {list.items.map((c) => (
                <button key={c.id} type="button" className="hs-card hs-gy-card" onClick={() => navigate(`/quan-tri/gop-y/${c.id}`)} data-testid="admin-consultation">
                  <span className={`hs-gy-phase hs-gy-${c.phase}`}>{t(`phase.${c.phase}`)}</span>
                  <span className="hs-card-title">{c.title}</span>
                  <span className="hs-muted">{`${c.unitName} · ${formatDateTime(c.closesAt)}`}</span>
                  <span className="hs-small">{t("list.participants", { n: c.participants })}</span>
                </button>
              ))}
            </>
          )
        }
      </QueryState>
    </div>
  );
}
