import { useState, type ReactElement } from "react";
import { useLocation } from "react-router-dom";
import { Button } from "zmp-ui";
import type { Me } from "@hoiso/shared";
import { Icon } from "../../components/icons.js";
import { UnitPicker } from "./UnitPicker.js";
import { useProfileT } from "./i18n/index.js";

export function UnitSection({ me }: { me: Me }): ReactElement {
  // "Chọn chi hội" on the home screen comes here to pick, not to read and tap again.
  const asked = (useLocation().state as { pickUnit?: boolean } | null)?.pickUnit === true;
  const [picking, setPicking] = useState(asked);
  const t = useProfileT();
  if (picking) return <UnitPicker onDone={() => setPicking(false)} />;
  return (
    <section className="hs-card" data-testid="unit">
      <div className="hs-row">
        <Icon name="place" />
        <div className="hs-grow">
          <p className="hs-card-label">{t("unit.label")}</p>
          <p className="hs-card-title">{me.unitName ?? t("unit.none")}</p>
          {me.unitName && <span className={`hs-badge hs-badge-${me.membershipStatus}`}>{t(`unit.status.${me.membershipStatus}`)}</span>}
        </div>
      </div>
      {me.membershipStatus === "pending" && <p className="hs-muted">{t("unit.pendingText")}</p>}
      <Button fullWidth variant={me.unitId ? "secondary" : "primary"} onClick={() => setPicking(true)}>
        {me.unitId ? t("unit.change") : t("unit.choose")}
      </Button>
    </section>
  );
}
