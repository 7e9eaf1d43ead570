import type { ReactElement } from "react";
import { Button } from "zmp-ui";
import { PageHeader } from "../../components/PageHeader.js";
import { givenName } from "../../names.js";
import { logout, useSession } from "../../state.js";
import { OaLinkSection } from "./OaLinkSection.js";
import { PhoneSection } from "./PhoneSection.js";
import { UnitSection } from "./UnitSection.js";

export default function ProfilePage(): ReactElement | null {
  const session = useSession();
  if (session.status !== "ready") return null;
  const { me, dev } = session;
  return (
    <div className="hs-page">
      <PageHeader title="Cá nhân" />
      <section className="hs-card hs-row">
        <div className="hs-avatar" aria-hidden="true">
          {me.avatar ? <img src={me.avatar} alt="" /> : givenName(me.name).charAt(0).toUpperCase()}
        </div>
        <div>
          <p className="hs-card-label">Họ và tên</p>
          <p className="hs-card-title" data-testid="profile-name">{me.name}</p>
        </div>
      </section>
      <UnitSection me={me} />
      <PhoneSection me={me} />
      {!dev && <OaLinkSection />}
      {dev && (
        <Button variant="tertiary" fullWidth onClick={() => void logout()}>
          Đăng xuất (tài khoản thử nghiệm)
        </Button>
      )}
    </div>
  );
}
