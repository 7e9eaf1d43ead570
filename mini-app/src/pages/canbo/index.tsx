import { useState, type ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { PageHeader } from "../../components/PageHeader.js";
import { ROLE_LABEL } from "../../names.js";
import { hasOfficerRole, useMe } from "../../state.js";
import { PendingList } from "./PendingList.js";

/** Members waiting for confirmation in the units she is cán bộ of. The server checks the role on every call too. */
export default function OfficerPage(): ReactElement {
  const me = useMe();
  const navigate = useNavigate();
  const units = me.roles.filter((r, i, all) => all.findIndex((x) => x.unitId === r.unitId) === i);
  const [unitId, setUnitId] = useState(units[0]?.unitId ?? "");

  if (!hasOfficerRole(me)) {
    return (
      <div className="hs-page">
        <PageHeader title="Cán bộ" back />
        <section className="hs-card">
          <p className="hs-card-title">Trang này dành cho cán bộ Hội</p>
          <p className="hs-muted">Nếu chị là cán bộ chi hội hoặc cán bộ xã, chị nhờ Hội cấp trên cấp quyền trên Hội Số nhé.</p>
          <Button fullWidth onClick={() => navigate("/")}>
            Về Trang chủ
          </Button>
        </section>
      </div>
    );
  }

  return (
    <div className="hs-page">
      <PageHeader title="Cán bộ" back />
      {units.length > 1 && (
        <div className="hs-segments" role="tablist" aria-label="Đơn vị">
          {units.map((u) => (
            <button key={u.unitId} type="button" role="tab" aria-selected={u.unitId === unitId} className="hs-segment" onClick={() => setUnitId(u.unitId)}>
              {u.unitName}
            </button>
          ))}
        </div>
      )}
      {units.length === 1 && units[0] && (
        <p className="hs-section-note">
          {ROLE_LABEL[units[0].role]} · {units[0].unitName}
        </p>
      )}
      <h2 className="hs-section-title">Chờ xác nhận hội viên</h2>
      <PendingList key={unitId} unitId={unitId} />
    </div>
  );
}
