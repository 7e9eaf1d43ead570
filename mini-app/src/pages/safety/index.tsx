import { useEffect, type ReactElement } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Navigate, Route, Routes, useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { forgetSensitive } from "../../api/safety.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useMe } from "../../state.js";
import { HELP_PATH } from "./HelpEntry.js";
import { Hotlines } from "./Hotlines.js";
import { useSafetyT } from "./i18n/index.js";
import { LawCard } from "./LawCard.js";
import { QuickExit } from "./QuickExit.js";
import { TrustedList } from "./TrustedList.js";
import { UrgentForm } from "./UrgentForm.js";
import "./safety.css";

function Help({ unitId }: { unitId: string | null }): ReactElement {
  const t = useSafetyT();
  const navigate = useNavigate();
  return (
    <>
      <p className="hs-safety-warning" data-testid="not-emergency">
        {t("notEmergency")}
      </p>
      <Hotlines />
      <section className="hs-card">
        <p className="hs-card-title">{t("report.open")}</p>
        <p className="hs-muted">{t("report.openHint")}</p>
        {/* replace: the sensitive screens are one history entry, which quick exit replaces */}
        <Button fullWidth onClick={() => navigate(`${HELP_PATH}/bao-tin`, { replace: true })} data-testid="open-urgent-form">
          {t("report.open")}
        </Button>
      </section>
      <TrustedList unitId={unitId} />
      <LawCard />
    </>
  );
}

/**
 * "Cần giúp đỡ ngay": the numbers first, the statement that the union is not an emergency service, the urgent form,
 * her commune's trusted addresses and the law. Every screen here has quick exit; whatever it loaded is dropped from
 * memory when she leaves, and nothing of it is ever written to the phone's storage.
 */
export default function SafetyPage(): ReactElement {
  const t = useSafetyT();
  const me = useMe();
  const client = useQueryClient();
  useEffect(() => () => forgetSensitive(client), [client]);
  return (
    <div className="hs-page" data-testid="safety-page">
      <PageHeader title={t("title")} back>
        <QuickExit />
      </PageHeader>
      <div className="hs-form">
        <Routes>
          <Route index element={<Help unitId={me.unitId} />} />
          <Route path="bao-tin" element={<UrgentForm unitId={me.unitId} />} />
          <Route path="*" element={<Navigate to={HELP_PATH} replace />} />
        </Routes>
      </div>
    </div>
  );
}
