import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { contentQueries } from "../../api/content.js";
import { QueryState } from "../../components/States.js";
import { formatDate } from "../../i18n/format.js";
import { useLearnT } from "./i18n/index.js";

/** Cá nhân's "Bài chị đã học": the newest few, and her count of resolutions (the programme's target). */
export function StudiedSection(): ReactElement {
  const t = useLearnT();
  const navigate = useNavigate();
  const studied = useQuery(contentQueries.studied());
  return (
    <section className="hs-card" data-testid="studied-section" aria-label={t("studied.title")}>
      <p className="hs-card-title">{t("studied.title")}</p>
      <QueryState query={studied} loadingText={t("studied.loading")}>
        {(s) => (
          <>
            {s.resolutions.available > 0 && <p data-testid="studied-resolutions">{t("studied.resolutions", s.resolutions)}</p>}
            {s.items.length === 0 ? (
              <p className="hs-muted">{t("studied.none")}</p>
            ) : (
              <ul className="hs-plain-list">
                {s.items.slice(0, 5).map((i) => (
                  <li key={i.article.id}>
                    <button type="button" className="hs-link" onClick={() => navigate(`/tim-hieu/bai-viet/${i.article.id}`)}>
                      {i.article.title}
                    </button>{" "}
                    <span className="hs-muted hs-small">{t("studied.on", { date: formatDate(i.studiedAt) })}</span>
                  </li>
                ))}
              </ul>
            )}
            <Button variant="secondary" fullWidth onClick={() => navigate("/tim-hieu")}>
              {t("studied.open")}
            </Button>
          </>
        )}
      </QueryState>
    </section>
  );
}
