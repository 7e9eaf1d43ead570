import type { ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { safetyQueries } from "../../api/safety.js";
import { QueryState } from "../../components/States.js";
import { formatDateTime } from "../../i18n/format.js";
import { useSafetyT } from "./i18n/index.js";
import "./safety.css";

const displayPhone = (p: string) => (p.startsWith("84") ? `0${p.slice(2)}` : p);

/**
 * On an urgent item in Hộp việc: the call button to the number she chose, where she said she is, her location if she
 * shared it, and every alert timed (sent, due, acknowledged after how long, escalated). Read under audit.
 */
export function UrgentPanel({ submissionId }: { submissionId: string }): ReactElement {
  const t = useSafetyT();
  const query = useQuery(safetyQueries.report(submissionId));
  return (
    <section className="hs-card hs-item-urgent" data-testid="urgent-panel">
      <span className="hs-urgent-chip">{t("staff.urgent")}</span>
      <QueryState query={query}>
        {(r) => (
          <>
            {r.callbackPhone ? (
              <a className="hs-call" href={`tel:${displayPhone(r.callbackPhone)}`} data-testid="callback">
                <span className="hs-call-name">{t("staff.call", { phone: displayPhone(r.callbackPhone) })}</span>
              </a>
            ) : (
              <p>{t("staff.noPhone")}</p>
            )}
            {r.where && <p>{t("staff.where", { where: r.where })}</p>}
            {r.location && (
              <a className="hs-link" href={`https://www.google.com/maps?q=${r.location.lat},${r.location.lng}`} target="_blank" rel="noreferrer">
                {t("staff.map")}
              </a>
            )}
            <p className="hs-card-label">{t("staff.alertsTitle")}</p>
            <ul className="hs-trusted">
              {r.alerts.map((a) => (
                <li key={a.alertedAt + a.unitName} data-testid="urgent-alert">
                  <span>{t("staff.alert", { unit: a.unitName, at: formatDateTime(a.alertedAt), due: formatDateTime(a.ackDueAt) })}</span>
                  {a.minutesToAck !== null && <strong>{t("staff.acked", { minutes: a.minutesToAck })}</strong>}
                  {a.escalatedAt && <strong className="hs-overdue">{t("staff.escalated")}</strong>}
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryState>
    </section>
  );
}
