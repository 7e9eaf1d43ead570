import type { ReactElement } from "react";
import { useCommonT } from "../../i18n/common/index.js";
import { hasOfficerRole, useMe } from "../../state.js";
import { HelpEntry } from "../safety/HelpEntry.js";
import { FeedCard } from "../broadcasts/FeedCard.js";
import { ConsultationCard } from "../consultations/HomeCard.js";
import { PollsCard } from "../polls/PollsCard.js";
import { Greeting } from "./Greeting.js";
import { MembershipCard } from "./MembershipCard.js";
import { NameConsentCard } from "./NameConsentCard.js";
import { NotificationCard } from "./NotificationCard.js";
import { OfficerCard } from "./OfficerCard.js";
import { Shortcuts } from "./Shortcuts.js";

export default function HomePage(): ReactElement {
  const me = useMe();
  const t = useCommonT();
  return (
    <div className="hs-page hs-home">
      <div className="hs-home-top">
        <p className="hs-brand">{t("appName")}</p>
        <Greeting me={me} />
      </div>
      <HelpEntry />
      <NameConsentCard />
      <MembershipCard me={me} />
      <PollsCard />
      <FeedCard />
      <ConsultationCard />
      <NotificationCard />
      {hasOfficerRole(me) && <OfficerCard me={me} />}
      <Shortcuts />
    </div>
  );
}
