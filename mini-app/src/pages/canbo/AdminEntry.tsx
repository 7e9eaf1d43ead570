import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Icon } from "../../components/icons.js";

/** The way into Quản trị from the Cán bộ page. */
export function AdminEntry({ admin }: { admin: boolean }): ReactElement {
  const navigate = useNavigate();
  return (
    <button type="button" className="hs-choice" data-testid="admin-entry" onClick={() => navigate("/quan-tri")}>
      <span className="hs-tile-icon">
        <Icon name="officer" size={28} />
      </span>
      <span className="hs-grow">
        <span className="hs-choice-title">Quản trị</span>
        <span className="hs-choice-hint">{admin ? "Hội viên và phân quyền, đơn vị, lĩnh vực phản ánh, nhật ký" : "Tìm hội viên, xác nhận, phân công cán bộ chi hội"}</span>
      </span>
      <Icon name="chevron" />
    </button>
  );
}
