import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Route, Routes, useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { broadcastQueries } from "../../../api/broadcasts.js";
import { QueryState } from "../../../components/States.js";
import { formatDateTime } from "../../../i18n/format.js";
import { Compose } from "./Compose.js";
import { useAdminBroadcastsT } from "./i18n/index.js";
import { Progress } from "./Progress.js";
import "../../broadcasts/broadcasts.css";

/** Quản trị › Thông báo: her subtree's announcements (the server keeps to it), compose with preview, progress. */
export function BroadcastsAdmin(): ReactElement {
  return (
    <Routes>
      <Route index element={<List />} />
      <Route path="moi" element={<Compose />} />
      <Route path=":id" element={<Progress />} />
    </Routes>
  );
}

function List(): ReactElement {
  const t = useAdminBroadcastsT();
  const navigate = useNavigate();
  const list = useQuery(broadcastQueries.adminList());
  return (
    <div className="hs-form" data-testid="broadcasts-admin">
      <Button fullWidth onClick={() => navigate("moi")}>
        {t("list.new")}
      </Button>
      <QueryState query={list}>
        {(l) =>
          l.items.length === 0 ? (
            <p className="hs-card hs-muted">{t("list.none")}</p>
          ) : (
            <ul className="hs-choices" aria-label={t("list.label")}>
              {l.items.map((b) => (
                <li key={b.id}>
                  <button type="button" className="hs-choice" data-testid="broadcast-admin-row" onClick={() => navigate(b.id)}>
                    <span className="hs-grow">
                      <span className="hs-card-label">{b.unit.name}</span>
                      <span className="hs-choice-title">{b.title}</span>
                      <span className="hs-choice-hint">
                        {t(`status.${b.status}`)} · {t("list.at", { at: formatDateTime(b.sendAt) })}
                      </span>
                    </span>
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
