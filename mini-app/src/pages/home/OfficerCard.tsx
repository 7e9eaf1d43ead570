import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { Me } from "@hoiso/shared";
import { Icon } from "../../components/icons.js";
import { ROLE_LABEL } from "../../names.js";

/** Shown only to members with a role; the /can-bo route checks the role again. */
export function OfficerCard({ me }: { me: Me }): ReactElement {
  const navigate = useNavigate();
  return (
    <section className="hs-card hs-officer" data-testid="officer-card">
      <div className="hs-officer-head">
        <Icon name="officer" />
        <p className="hs-card-title">Cán bộ</p>
      </div>
      <ul className="hs-plain-list">
        {me.roles.map((r) => (
          <li key={`${r.unitId}-${r.role}`}>
            {ROLE_LABEL[r.role]} · {r.unitName}
          </li>
        ))}
      </ul>
      <div className="hs-officer-actions">
        <Button fullWidth onClick={() => navigate("/can-bo/hop-viec")}>
          Hộp việc phản ánh
        </Button>
        <Button fullWidth variant="secondary" onClick={() => navigate("/can-bo")}>
          Xác nhận hội viên mới
        </Button>
      </div>
    </section>
  );
}
