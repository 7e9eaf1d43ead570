import { useState, type ReactElement } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Button } from "zmp-ui";
import type { OaLinkCode } from "@hoiso/shared";
import { errorMessage } from "../../api/http.js";
import { meMutations, meQueries } from "../../api/me.js";
import { useNotify } from "../../components/notify.js";
import { Icon } from "../../components/icons.js";
import { zaloOpenOaChat } from "../../zalo.js";
import { useProfileT } from "./i18n/index.js";

/**
 * Tin báo qua Zalo: the Hội can message her in the OA chat only once it knows which OA user she is. She proves it by
 * sending a short code from her own Zalo to the Hội's OA (the server never trusts an id the app claims).
 */
export function OaLinkSection(): ReactElement | null {
  const notify = useNotify();
  const t = useProfileT();
  // Unknown (not loaded, or failed): the section stays out of the way rather than guess.
  const status = useQuery(meQueries.oaLink());
  const getCode = useMutation(meMutations.oaLinkCode()).mutateAsync;
  const [code, setCode] = useState<OaLinkCode | null>(null);
  const [busy, setBusy] = useState(false);

  const linked = status.data?.linked;
  if (linked === undefined) return null;

  async function start() {
    setBusy(true);
    try {
      const c = await getCode();
      setCode(c);
      if (!(await zaloOpenOaChat(c.oaId, c.message))) notify.warn(t("oa.openYourself"));
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function check() {
    setBusy(true);
    try {
      const { data: s, error } = await status.refetch();
      if (error) throw error;
      if (s?.linked) notify.ok(t("oa.done"));
      else notify.warn(t("oa.notYet"));
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="hs-card" data-testid="oa-link">
      <div className="hs-row">
        <Icon name="bell" />
        <div className="hs-grow">
          <p className="hs-card-label">{t("oa.label")}</p>
          <p className="hs-card-title">{linked ? t("oa.on") : t("oa.off")}</p>
        </div>
      </div>
      {!linked && !code && (
        <>
          <p className="hs-muted">{t("oa.why")}</p>
          <Button fullWidth loading={busy} disabled={busy} onClick={() => void start()}>
            {t("oa.start")}
          </Button>
        </>
      )}
      {!linked && code && (
        <>
          <p className="hs-muted">{t("oa.send")}</p>
          <p className="hs-card-title" data-testid="oa-link-code">{code.message}</p>
          <Button fullWidth loading={busy} disabled={busy} onClick={() => void check()}>
            {t("oa.sent")}
          </Button>
        </>
      )}
    </section>
  );
}
