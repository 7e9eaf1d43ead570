import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { Me } from "@hoiso/shared";
import { Icon } from "../../components/icons.js";
import { useHomeT } from "./i18n/index.js";

/**
 * What her unit is called on the card. Me carries no level for her own unit, but a cán bộ's roles do (a xã cán bộ
 * belongs to the xã, which is no chi hội); for anyone else the neutral words are never wrong.
 */
function unitLabel(me: Me, t: ReturnType<typeof useHomeT>): string {
  const level = me.roles.find((r) => r.unitId === me.unitId)?.unitLevel;
  return level ? t(`membership.unitOf.${level}`) : t("membership.unitNeutral");
}

export function MembershipCard({ me }: { me: Me }): ReactElement | null {
  const navigate = useNavigate();
  const t = useHomeT();
  // A cán bộ or admin with no unit of her own (the province's admin) is not asked to join a chi hội on every visit;
  // her roles are on the Cán bộ card, and Cá nhân still lets her choose one.
  if (!me.unitId && me.roles.length > 0) return null;
  if (me.membershipStatus === "confirmed" && me.unitName) {
    return (
      <section className="hs-card hs-member hs-member-ok" data-testid="membership">
        <Icon name="check" />
        <div>
          <p className="hs-card-label">{unitLabel(me, t)}</p>
          <p className="hs-card-title">{me.unitName}</p>
        </div>
      </section>
    );
  }
  if (me.membershipStatus === "pending" && me.unitName) {
    return (
      <section className="hs-card hs-member hs-member-wait" data-testid="membership">
        <Icon name="clock" />
        <div>
          <p className="hs-card-title">{t("membership.pendingTitle")}</p>
          <p>{t("membership.pendingText", { unit: me.unitName })}</p>
        </div>
      </section>
    );
  }
  return (
    <section className="hs-card hs-member" data-testid="membership">
      <Icon name="place" />
      <div className="hs-grow">
        <p className="hs-card-title">{t("membership.noneTitle")}</p>
        <p>{t("membership.noneText")}</p>
        <Button size="medium" onClick={() => navigate("/ca-nhan", { state: { pickUnit: true } })}>
          {t("membership.choose")}
        </Button>
      </div>
    </section>
  );
}
