import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Route, Routes, useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { contestAdminQueries } from "../../../api/contests.js";
import { QueryState } from "../../../components/States.js";
import { formatDateTime } from "../../../i18n/format.js";
import { ContestAdminDetail } from "./Detail.js";
import { ContestEdit } from "./Edit.js";
import { ContestForm } from "./Form.js";
import { useAdminContestsT } from "./i18n/index.js";
import "../../quiz/quiz.css";

/** Quản trị › Thi: her subtree's contests and practice quizzes (the server keeps to her scope). */
export function ContestsAdmin(): ReactElement {
  return (
    <Routes>
      <Route index element={<ContestList />} />
      <Route path="moi" element={<ContestForm />} />
      <Route path=":id" element={<ContestAdminDetail />} />
      <Route path=":id/sua" element={<ContestEdit />} />
    </Routes>
  );
}

function ContestList(): ReactElement {
  const t = useAdminContestsT();
  const navigate = useNavigate();
  const query = useQuery(contestAdminQueries.list());
  return (
    <div className="hs-form" data-testid="contests-admin">
      <Button fullWidth onClick={() => navigate("/quan-tri/thi/moi")}>
        {t("list.new")}
      </Button>
      <QueryState query={query}>
        {(list) =>
          list.items.length === 0 ? (
            <p className="hs-muted">{t("list.empty")}</p>
          ) : (
            <>
              {list.items.map((c) => (
                <button key={c.id} type="button" className="hs-card hs-quiz-card" onClick={() => navigate(`/quan-tri/thi/${c.id}`)} data-testid="admin-contest">
                  <span className="hs-quiz-phase">{`${t(`kind.${c.kind}`)} · ${t(`status.${c.status}`)}`}</span>
                  <span className="hs-card-title">{c.title}</span>
                  <span className="hs-muted">{`${c.unitName} · ${formatDateTime(c.updatedAt)}`}</span>
                </button>
              ))}
            </>
          )
        }
      </QueryState>
    </div>
  );
}
