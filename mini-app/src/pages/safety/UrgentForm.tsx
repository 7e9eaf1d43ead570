import { useState, type ReactElement } from "react";
import { useMutation } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import type { UrgentCreated } from "@hoiso/shared";
import { SAFETY_LIMITS } from "@hoiso/shared/domain";
import { ApiError, errorMessage } from "../../api/http.js";
import { safetyMutations } from "../../api/safety.js";
import { zaloLocation } from "../../zalo.js";
import { useSafetyT } from "./i18n/index.js";
import { NEUTRAL_SCREEN } from "./QuickExit.js";

type Errors = Partial<Record<"what" | "callbackPhone" | "location" | "form", string>>;

/** What she sees once it is sent: who was told, and 113 again. Nothing of what she wrote. */
function Sent({ r }: { r: UrgentCreated }): ReactElement {
  const t = useSafetyT();
  const navigate = useNavigate();
  return (
    <section className="hs-card" data-testid="urgent-sent" role="status">
      <p className="hs-card-title">{t("sent.title")}</p>
      <p>{r.alerted > 0 ? t("sent.text", { count: r.alerted, commune: r.communeName }) : t("sent.nobody", { commune: r.communeName })}</p>
      <p className="hs-safety-warning">{t("sent.danger")}</p>
      <p className="hs-muted">{t("sent.code", { code: r.trackingCode })}</p>
      <Button variant="secondary" fullWidth onClick={() => navigate(NEUTRAL_SCREEN, { replace: true })}>
        {t("sent.home")}
      </Button>
    </section>
  );
}

/** The short urgent form: what is happening, where (optional), a callback number she chooses, her location if she agrees. */
export function UrgentForm({ unitId }: { unitId: string | null }): ReactElement {
  const t = useSafetyT();
  const [what, setWhat] = useState("");
  const [where, setWhere] = useState("");
  const [phone, setPhone] = useState("");
  const [shareLocation, setShareLocation] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [sent, setSent] = useState<UrgentCreated | null>(null);
  const send = useMutation(safetyMutations.urgent());

  if (sent) return <Sent r={sent} />;

  async function submit(): Promise<void> {
    if (!what.trim()) {
      setErrors({ what: t("form.whatRequired") });
      return;
    }
    setErrors({});
    const location = shareLocation ? await zaloLocation() : null;
    try {
      const r = await send.mutateAsync({
        what: what.trim(),
        ...(where.trim() ? { where: where.trim() } : {}),
        ...(phone.trim() ? { callbackPhone: phone.trim() } : {}),
        ...(location ? { location } : {}),
        ...(unitId ? { unitId } : {}),
      });
      // What she wrote leaves memory with the form: the mutation's copy too.
      send.reset();
      setWhat("");
      setWhere("");
      setPhone("");
      setSent(r);
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      const key = field === "what" || field === "callbackPhone" || field === "location" ? field : "form";
      setErrors({ [key]: errorMessage(err) });
    }
  }

  return (
    <section className="hs-card" data-testid="urgent-form">
      <p className="hs-card-title">{t("form.title")}</p>
      <p className="hs-muted">{t("form.intro")}</p>
      <Input.TextArea
        label={t("form.what")}
        placeholder={t("form.whatPlaceholder")}
        value={what}
        maxLength={SAFETY_LIMITS.whatMaxLength}
        status={errors.what ? "error" : undefined}
        errorText={errors.what}
        data-testid="urgent-what"
        onChange={(e) => setWhat(e.target.value)}
      />
      <Input
        label={t("form.where")}
        placeholder={t("form.wherePlaceholder")}
        value={where}
        maxLength={SAFETY_LIMITS.whereMaxLength}
        data-testid="urgent-where"
        onChange={(e) => setWhere(e.target.value)}
      />
      <Input
        label={t("form.phone")}
        helperText={t("form.phoneHint")}
        type="text"
        inputMode="tel"
        value={phone}
        status={errors.callbackPhone ? "error" : undefined}
        errorText={errors.callbackPhone}
        data-testid="urgent-phone"
        onChange={(e) => setPhone(e.target.value)}
      />
      <label className="hs-row">
        <input type="checkbox" checked={shareLocation} onChange={(e) => setShareLocation(e.target.checked)} data-testid="urgent-location" />
        <span>
          {t("form.location")}
          <br />
          <span className="hs-muted">{t("form.locationHint")}</span>
        </span>
      </label>
      {errors.location && <p className="hs-safety-warning">{errors.location}</p>}
      {errors.form && (
        <p className="hs-safety-warning" role="alert">
          {errors.form}
        </p>
      )}
      <Button fullWidth loading={send.isPending} onClick={() => void submit()} data-testid="urgent-send">
        {send.isPending ? t("form.sending") : t("form.send")}
      </Button>
    </section>
  );
}
