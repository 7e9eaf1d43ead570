import { useState, type ReactElement } from "react";
import { useLocation } from "react-router-dom";
import { Button } from "zmp-ui";
import type { Me } from "@hoiso/shared";
import { Icon } from "../../components/icons.js";
import { UnitPicker } from "./UnitPicker.js";

const STATUS: Record<Me["membershipStatus"], string> = {
  none: "Chưa chọn",
  pending: "Chờ cán bộ xác nhận",
  confirmed: "Đã xác nhận",
};

export function UnitSection({ me }: { me: Me }): ReactElement {
  // "Chọn chi hội" on the home screen comes here to pick, not to read and tap again.
  const asked = (useLocation().state as { pickUnit?: boolean } | null)?.pickUnit === true;
  const [picking, setPicking] = useState(asked);
  if (picking) return <UnitPicker onDone={() => setPicking(false)} />;
  return (
    <section className="hs-card" data-testid="unit">
      <div className="hs-row">
        <Icon name="place" />
        <div className="hs-grow">
          <p className="hs-card-label">Chi hội</p>
          <p className="hs-card-title">{me.unitName ?? "Chưa chọn"}</p>
          {me.unitName && <span className={`hs-badge hs-badge-${me.membershipStatus}`}>{STATUS[me.membershipStatus]}</span>}
        </div>
      </div>
      {me.membershipStatus === "pending" && <p className="hs-muted">Cán bộ Hội sẽ xác nhận cho chị sớm. Trong lúc chờ, chị vẫn dùng được mọi mục của Hội Số.</p>}
      <Button fullWidth variant={me.unitId ? "secondary" : "primary"} onClick={() => setPicking(true)}>
        {me.unitId ? "Đổi chi hội" : "Chọn chi hội"}
      </Button>
    </section>
  );
}
