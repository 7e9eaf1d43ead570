import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { useCommonT } from "../i18n/common/index.js";
import { Icon, type IconName } from "./icons.js";
import { PageHeader } from "./PageHeader.js";

/** An honest "not ready yet" page for a feature that is still being built: no made-up content. */
export function ComingSoon({ title, icon, lead, body }: { title: string; icon: IconName; lead: string; body: string }): ReactElement {
  const navigate = useNavigate();
  const t = useCommonT();
  return (
    <div className="hs-page">
      <PageHeader title={title} />
      <section className="hs-card hs-soon">
        <div className="hs-soon-icon">
          <Icon name={icon} size={40} />
        </div>
        <h2>{lead}</h2>
        <p>{body}</p>
        <Button variant="secondary" fullWidth onClick={() => navigate("/")}>
          {t("goHome")}
        </Button>
      </section>
    </div>
  );
}
