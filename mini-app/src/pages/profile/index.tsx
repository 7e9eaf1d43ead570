import type { ReactElement } from "react";
import { Button } from "zmp-ui";
import "../../components/feedback.css";
import { PageHeader } from "../../components/PageHeader.js";
import { givenName } from "../../names.js";
import { logout, useSession } from "../../state.js";
import { StudiedSection } from "../learn/StudiedSection.js";
import { LanguageSection } from "./LanguageSection.js";
import { OaLinkSection } from "./OaLinkSection.js";
import { PhoneSection } from "./PhoneSection.js";
import { ProfileTagsSection } from "./ProfileTagsSection.js";
import { UnitSection } from "./UnitSection.js";
import { useProfileT } from "./i18n/index.js";

export default function ProfilePage(): ReactElement | null {
  const session = useSession();
  const t = useProfileT();
  if (session.status !== "ready") return null;
  const { me, dev } = session;
  return (
    <div className="hs-page">
      <PageHeader title={t("title")} />
      <section className="hs-card hs-row">
        <div className="hs-avatar" aria-hidden="true">
          {me.avatar ? <img src={me.avatar} alt="" /> : givenName(me.name).charAt(0).toUpperCase()}
        </div>
        <div>
          <p className="hs-card-label">{t("name")}</p>
          <p className="hs-card-title" data-testid="profile-name">{me.name}</p>
        </div>
      </section>
      <StudiedSection />
      <LanguageSection me={me} />
      <UnitSection me={me} />
      <ProfileTagsSection />
      <PhoneSection me={me} />
      {!dev && <OaLinkSection />}
      {dev && (
        <Button variant="tertiary" fullWidth onClick={() => void logout()}>
          {t("logout")}
        </Button>
      )}
    </div>
  );
}
