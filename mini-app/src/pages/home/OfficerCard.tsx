import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { Me } from "@hoiso/shared";
import { Icon } from "../../components/icons.js";
import { useCommonT } from "../../i18n/common/index.js";
import { useHomeT } from "./i18n/index.js";

/** Shown only to members with a role; the /can-bo route checks the role again. */
export function OfficerCard({ me }: { me: Me }): ReactElement {
  const navigate = useNavigate();
  const t = useHomeT();
  const tc = useCommonT();
  return (
    <section className="hs-card hs-officer" data-testid="officer-card">
      <div className="hs-officer-head">
        <Icon name="officer" />
        <p className="hs-card-title">{t("officer.title")}</p>
      </div>
      <ul className="hs-plain-list">
        {me.roles.map((r) => (
          <li key={`${r.unitId}-${r.role}`}>
            {tc(`role.${r.role}`)} · {r.unitName}
          </li>
        ))}
      </ul>
      <div className="hs-officer-actions">
        <Button fullWidth onClick={() => navigate("/can-bo/hop-viec")}>
          {t("officer.inbox")}
        </Button>
        <Button fullWidth variant="secondary" onClick={() => navigate("/can-bo")}>
          {t("officer.confirm")}
        </Button>
      </div>
    </section>
  );
}
