import type { ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { safetyQueries } from "../../api/safety.js";
import { QueryState } from "../../components/States.js";
import { useSafetyT } from "./i18n/index.js";

/** The trusted addresses of her commune, then the province's (public data, fetched without her session). */
export function TrustedList({ unitId }: { unitId: string | null }): ReactElement {
  const t = useSafetyT();
  const query = useQuery(safetyQueries.addresses(unitId));
  return (
    <section className="hs-card" data-testid="trusted">
      <p className="hs-card-title">{t("trusted.title")}</p>
      <QueryState query={query} loadingText={t("trusted.loading")}>
        {(list) => (
          <>
            <p className="hs-muted">{list.communeName ? t("trusted.of", { commune: list.communeName }) : t("trusted.province")}</p>
            {list.items.length === 0 && <p>{t("trusted.none")}</p>}
            <ul className="hs-trusted">
              {list.items.map((a) => (
                <li key={a.id} data-testid="trusted-item">
                  <span className="hs-choice-hint">
                    {t(`trusted.kind.${a.kind}`)} {a.sample && <span className="hs-sample">{t("trusted.sample")}</span>}
                  </span>
                  <strong>{a.name}</strong>
                  {a.help && <span>{a.help}</span>}
                  {a.address && <span className="hs-muted">{a.address}</span>}
                  {a.hours && <span className="hs-muted">{t("trusted.hours", { hours: a.hours })}</span>}
                  {a.managedBy && <span className="hs-muted">{t("trusted.managedBy", { who: a.managedBy })}</span>}
                  {a.phone && (
                    <a className="hs-call-small" href={`tel:${a.phone.replace(/[^0-9+]/g, "")}`}>
                      {t("trusted.call")} {a.phone}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryState>
    </section>
  );
}
