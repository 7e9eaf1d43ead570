import { useState, type FormEvent, type ReactElement } from "react";
import { Button, Input } from "zmp-ui";
import { useCommonT } from "../../i18n/common/index.js";
import { devLogin, useSession } from "../../state.js";
import { DEMO_ACCOUNTS } from "./demoAccounts.js";
import { useLoginT } from "./i18n/index.js";

/**
 * Outside Zalo there is no Zalo account to log in with: testers pick a demo account (POST /api/auth/dev); any other
 * name is a new member.
 */
export default function DevLoginPage(): ReactElement {
  const session = useSession();
  const t = useLoginT();
  const tc = useCommonT();
  const [busy, setBusy] = useState<string | null>(null);
  const [name, setName] = useState("");
  const error = session.status === "dev-login" ? session.error : undefined;

  async function go(key: string, n: string, zaloId?: string) {
    setBusy(key);
    await devLogin(n, zaloId);
    setBusy(null);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const n = name.trim().replace(/\s+/g, " ");
    if (n) void go("typed", n);
  }

  return (
    <div className="hs-page hs-login">
      <p className="hs-brand">{tc("appName")}</p>
      <h1 className="hs-login-title">{t("title")}</h1>
      <p className="hs-muted">{t("intro")}</p>
      {error && (
        <p className="hs-state-error" role="alert">
          {error}
        </p>
      )}
      <ul className="hs-choices">
        {DEMO_ACCOUNTS.map((a) => (
          <li key={a.zaloId}>
            <button type="button" className="hs-choice" disabled={busy !== null} data-zalo-id={a.zaloId} onClick={() => void go(a.zaloId, a.name, a.zaloId)}>
              <span className="hs-grow">
                <span className="hs-choice-title">{a.name}</span>
                <span className="hs-choice-hint">{t(`who.${a.who}`)}</span>
              </span>
              {busy === a.zaloId && <span className="hs-muted">{t("entering")}</span>}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="hs-card">
        <Input label={t("typeName")} placeholder={t("namePlaceholder")} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <Button htmlType="submit" fullWidth loading={busy === "typed"} disabled={busy !== null || !name.trim()}>
          {t("enter")}
        </Button>
      </form>
    </div>
  );
}
