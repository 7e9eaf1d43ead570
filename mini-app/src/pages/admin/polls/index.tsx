import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Route, Routes, useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { pollAdminQueries } from "../../../api/polls.js";
import { QueryState } from "../../../components/States.js";
import { formatDateTime } from "../../../i18n/format.js";
import { PollCreate } from "./Create.js";
import { useAdminPollsT } from "./i18n/index.js";
import { PollResultsView } from "./Results.js";
import "../../polls/polls.css";
import "../../broadcasts/broadcasts.css";

/** Quản trị › Khảo sát: her subtree's polls (the server keeps to her scope), a new one, live results. */
export function PollsAdmin(): ReactElement {
  return (
    <Routes>
      <Route index element={<PollList />} />
      <Route path="moi" element={<PollCreate />} />
      <Route path=":id" element={<PollResultsView />} />
    </Routes>
  );
}

function PollList(): ReactElement {
  const t = useAdminPollsT();
  const navigate = useNavigate();
  const query = useQuery(pollAdminQueries.list());
  return (
    <div className="hs-form" data-testid="polls-admin">
      <Button fullWidth onClick={() => navigate("/quan-tri/khao-sat/moi")} data-testid="poll-new">
        {t("list.new")}
      </Button>
      <QueryState query={query}>
        {(list) =>
          list.items.length === 0 ? (
            <p className="hs-muted">{t("list.none")}</p>
          ) : (
            <>
              {list.items.map((p) => (
                <button key={p.id} type="button" className="hs-card hs-poll-row" onClick={() => navigate(`/quan-tri/khao-sat/${p.id}`)} data-testid="admin-poll">
                  <span className="hs-poll-tag">{`${t(`status.${p.status}`)} · ${formatDateTime(p.createdAt)}`}</span>
                  <span className="hs-card-title">{p.title}</span>
                  <span className="hs-muted hs-small">{t("list.row", { unit: p.unit.name, n: p.respondents, of: p.audienceSize })}</span>
                </button>
              ))}
            </>
          )
        }
      </QueryState>
    </div>
  );
}
