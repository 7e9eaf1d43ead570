import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { Me } from "@hoiso/shared";
import { Icon } from "../../components/icons.js";

export function MembershipCard({ me }: { me: Me }): ReactElement {
  const navigate = useNavigate();
  if (me.membershipStatus === "confirmed" && me.unitName) {
    return (
      <section className="hs-card hs-member hs-member-ok" data-testid="membership">
        <Icon name="check" />
        <div>
          <p className="hs-card-label">Chi hội của chị</p>
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
        <Button size="medium" onClick={() => navigate("/ca-nhan")}>
          Chọn chi hội
        </Button>
      </div>
    </section>
  );
}
