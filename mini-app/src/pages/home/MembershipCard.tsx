import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { Me, RoleGrant } from "@hoiso/shared";
import { Icon } from "../../components/icons.js";

const LEVEL_LABEL: Record<RoleGrant["unitLevel"], string> = {
  tinh: "Đơn vị của chị",
  xa: "Xã/phường của chị",
  chi_hoi: "Chi hội của chị",
  to: "Tổ phụ nữ của chị",
};

/**
 * What her unit is called on the card. Me carries no level for her own unit, but a cán bộ's roles do (a xã cán bộ
 * belongs to the xã, which is no chi hội); for anyone else the neutral words are never wrong.
 */
function unitLabel(me: Me): string {
  const level = me.roles.find((r) => r.unitId === me.unitId)?.unitLevel;
  return level ? LEVEL_LABEL[level] : "Nơi chị sinh hoạt";
}

export function MembershipCard({ me }: { me: Me }): ReactElement | null {
  const navigate = useNavigate();
  // A cán bộ or admin with no unit of her own (the province's admin) is not asked to join a chi hội on every visit;
  // her roles are on the Cán bộ card, and Cá nhân still lets her choose one.
  if (!me.unitId && me.roles.length > 0) return null;
  if (me.membershipStatus === "confirmed" && me.unitName) {
    return (
      <section className="hs-card hs-member hs-member-ok" data-testid="membership">
        <Icon name="check" />
        <div>
          <p className="hs-card-label">{unitLabel(me)}</p>
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
          <p className="hs-card-title">Chờ cán bộ xác nhận</p>
          <p>Chị đã đăng ký vào {me.unitName}. Cán bộ Hội sẽ xác nhận cho chị sớm.</p>
        </div>
      </section>
    );
  }
  return (
    <section className="hs-card hs-member" data-testid="membership">
      <Icon name="place" />
      <div className="hs-grow">
        <p className="hs-card-title">Chị chưa chọn chi hội</p>
        <p>Chọn xã/phường và chi hội nơi chị sinh hoạt để nhận tin của Hội gần mình.</p>
        <Button size="medium" onClick={() => navigate("/ca-nhan", { state: { pickUnit: true } })}>
          Chọn chi hội
        </Button>
      </div>
    </section>
  );
}
