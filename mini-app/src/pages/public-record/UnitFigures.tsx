import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import type { PublicUnitFigures } from "@hoiso/shared";
import { publicRecordQueries } from "../../api/publicRecord.js";
import { QueryState } from "../../components/States.js";
import { usePublicRecordT } from "./i18n/index.js";

const FIGURES = ["received", "handled", "onTime", "rated", "satisfied"] as const;

/** Per unit: received, handled, on time, rated, satisfied; a figure under 5 reads "dưới 5". */
export function UnitFigures({ communeId }: { communeId?: string }): ReactElement {
  const t = usePublicRecordT();
  const figures = useQuery(publicRecordQueries.figures(communeId));
  const shown = (v: number | null) => (v === null ? t("figures.below") : String(v));
  return (
    <>
      <p className="hs-muted hs-small">{t("figures.note")}</p>
      <QueryState query={figures} loadingText={t("figures.loading")}>
        {(res) =>
          res.items.length === 0 ? (
            <p className="hs-card hs-muted">{t("figures.empty")}</p>
          ) : (
            <ul className="hs-record-units" aria-label={t("figures.label")} data-testid="record-figures">
              {res.items.map((u: PublicUnitFigures) => (
                <li key={u.unitId} className="hs-card" data-testid="record-unit">
                  <p className="hs-card-title">{u.unitName}</p>
                  <dl className="hs-record-grid">
                    {FIGURES.map((f) => (
                      <div key={f} className="hs-record-figure">
                        <dt>{t(`figures.${f}`)}</dt>
                        <dd data-testid={`figure-${f}`} className={u[f] === null ? "hs-record-below" : undefined}>
                          {shown(u[f])}
                        </dd>
                      </div>
                    ))}
                  </dl>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
