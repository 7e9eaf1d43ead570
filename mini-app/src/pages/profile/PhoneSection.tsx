import { useState, type ReactElement } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button } from "zmp-ui";
import type { Me } from "@hoiso/shared";
import { errorMessage } from "../../api/http.js";
import { meMutations } from "../../api/me.js";
import { useNotify } from "../../components/notify.js";
import { Icon } from "../../components/icons.js";
import { setMe } from "../../state.js";
import { zaloAccessToken, zaloPhoneToken } from "../../zalo.js";
import { useProfileT } from "./i18n/index.js";

/** Zalo numbers come as 84…; women read them as 0…. */
export function displayPhone(phone: string): string {
  return phone.startsWith("84") ? `0${phone.slice(2)}` : phone;
}

export function PhoneSection({ me }: { me: Me }): ReactElement {
  const notify = useNotify();
  const t = useProfileT();
  const [busy, setBusy] = useState(false);
  const savePhone = useMutation(meMutations.savePhone()).mutateAsync;

  async function share() {
    setBusy(true);
    try {
      const got = await zaloPhoneToken();
      if ("problem" in got) {
        if (got.problem === "denied") notify.warn(t("phone.denied"));
        else notify.fail(t("phone.notInZalo"));
        return;
      }
      const accessToken = await zaloAccessToken();
      setMe(await savePhone({ token: got.token, accessToken }));
      notify.ok(t("phone.saved"));
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="hs-card" data-testid="phone">
      <div className="hs-row">
        <Icon name="phone" />
        <div className="hs-grow">
          <p className="hs-card-label">{t("phone.label")}</p>
          <p className="hs-card-title">{me.phone ? displayPhone(me.phone) : t("phone.none")}</p>
        </div>
      </div>
      {!me.phone && (
        <>
          <p className="hs-muted">{t("phone.why")}</p>
          <Button fullWidth loading={busy} disabled={busy} onClick={() => void share()}>
            {t("phone.share")}
          </Button>
        </>
      )}
    </section>
  );
}
