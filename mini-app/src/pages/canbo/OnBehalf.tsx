import { useState, type ReactElement } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Button, Input } from "zmp-ui";
import { mayOfferPublish } from "@hoiso/shared/domain";
import type { Me, OnBehalfChannel, OnBehalfCreated } from "@hoiso/shared";
import { feedbackQueries } from "../../api/feedback.js";
import { errorMessage, newIdempotencyKey } from "../../api/http.js";
import { onBehalfMutation } from "../../api/inbox.js";
import { FieldError } from "../feedback/FieldError.js";
import { useCanboT } from "./i18n/index.js";
import "./on-behalf.css";

const CHANNELS: OnBehalfChannel[] = ["dien_thoai", "truc_tiep", "giay", "hop"];

/**
 * Nhập hộ: a cán bộ enters what a woman told her by phone, in person, on paper or at a meeting — with her agreement,
 * her name and phone only if she wants — then prints (or reads out) the slip with the tracking code.
 */
export function OnBehalf({ me }: { me: Me }): ReactElement {
  const t = useCanboT();
  const units = me.roles.filter((r, i, all) => all.findIndex((x) => x.unitId === r.unitId) === i);
  const categories = useQuery(feedbackQueries.categories()).data?.items ?? [];
  const [key, setKey] = useState(newIdempotencyKey);
  const [channel, setChannel] = useState<OnBehalfChannel>("truc_tiep");
  const [kind, setKind] = useState<"feedback" | "report">("feedback");
  const [category, setCategory] = useState("");
  const [unitId, setUnitId] = useState(units[0]?.unitId ?? "");
  const [body, setBody] = useState("");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [sensitive, setSensitive] = useState(false);
  const [consent, setConsent] = useState(false);
  const [notify, setNotify] = useState(false);
  /** Issue 13: she agreed the result may go on Kết quả xử lý (without her name); offered only where it ever may. */
  const [publish, setPublish] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [slip, setSlip] = useState<OnBehalfCreated | null>(null);
  const send = useMutation(onBehalfMutation());

  if (slip) {
    return (
      <Slip
        slip={slip}
        onNext={() => {
          setSlip(null);
          setKey(newIdempotencyKey());
          setBody("");
          setName("");
          setPhone("");
          setConsent(false);
          setNotify(false);
          setPublish(false);
        }}
      />
    );
  }

  const publishOffered = mayOfferPublish({ anonymous, sensitive, categoryPrivate: categories.find((c) => c.code === category)?.private ?? false });
  const ready = consent && body.trim() !== "" && category !== "" && unitId !== "";
  async function submit() {
    setError(null);
    try {
      const created = await send.mutateAsync({
        key,
        body: {
          kind,
          category,
          body: body.trim(),
          unitId,
          channel,
          womanName: name.trim() || undefined,
          womanPhone: phone.trim() || undefined,
          anonymous,
          sensitive,
          consent,
          notifyConsent: notify && phone.trim() !== "",
          publishConsent: publishOffered && publish,
        },
      });
      setSlip(created);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="hs-card hs-form" data-testid="on-behalf">
      <p className="hs-card-title">{t("onBehalf.title")}</p>
      <p className="hs-muted">{t("onBehalf.intro")}</p>
      <label className="hs-label" htmlFor="ob-channel">{t("onBehalf.channel")}</label>
      <select id="ob-channel" className="hs-select" value={channel} onChange={(e) => setChannel(e.target.value as OnBehalfChannel)}>
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(`onBehalf.channels.${c}`)}
          </option>
        ))}
      </select>
      <div className="hs-segments hs-segments-full" role="tablist" aria-label={t("onBehalf.kind")}>
        {(["feedback", "report"] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={kind === k} className="hs-segment" onClick={() => setKind(k)}>
            {t(`onBehalf.kinds.${k}`)}
          </button>
        ))}
      </div>
      <label className="hs-label" htmlFor="ob-category">{t("onBehalf.category")}</label>
      <select id="ob-category" className="hs-select" value={category} onChange={(e) => setCategory(e.target.value)}>
        <option value="">{t("onBehalf.pickCategory")}</option>
        {categories.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
      {units.length > 1 && (
        <>
          <label className="hs-label" htmlFor="ob-unit">{t("onBehalf.unit")}</label>
          <select id="ob-unit" className="hs-select" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            {units.map((u) => (
              <option key={u.unitId} value={u.unitId}>
                {u.unitName}
              </option>
            ))}
          </select>
        </>
      )}
      <Input.TextArea label={t("onBehalf.body")} placeholder={t("onBehalf.bodyPlaceholder")} value={body} onChange={(e) => setBody(e.target.value)} maxLength={4000} autoHeight />
      <Input label={t("onBehalf.name")} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
      <Input label={t("onBehalf.phone")} inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={40} />
      <label className="hs-check">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
        <span>{t("onBehalf.anonymous")}</span>
      </label>
      <label className="hs-check">
        <input type="checkbox" checked={sensitive} onChange={(e) => setSensitive(e.target.checked)} />
        <span>{t("onBehalf.sensitive")}</span>
      </label>
      <label className="hs-check">
        <input type="checkbox" checked={notify} disabled={phone.trim() === ""} onChange={(e) => setNotify(e.target.checked)} />
        <span>{t("onBehalf.notify")}</span>
      </label>
      {publishOffered && (
        <label className="hs-check" data-testid="ob-publish">
          <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} />
          <span>{t("onBehalf.publish")}</span>
        </label>
      )}
      <label className="hs-check hs-consent">
        <input type="checkbox" data-testid="ob-consent" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        <span>{t("onBehalf.consent")}</span>
      </label>
      <FieldError text={error ?? undefined} />
      <Button fullWidth size="large" loading={send.isPending} disabled={!ready || send.isPending} onClick={() => void submit()}>
        {t("onBehalf.send")}
      </Button>
    </section>
  );
}

/** The printable slip: the code she keeps and how to use it; never the text of the item (a slip can be found). */
function Slip({ slip, onNext }: { slip: OnBehalfCreated; onNext: () => void }): ReactElement {
  const t = useCanboT();
  const when = new Date(slip.createdAt).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });
  return (
    <section className="hs-card hs-slip" data-testid="on-behalf-slip">
      <div className="hs-slip-print">
        <p className="hs-card-title">{t("onBehalf.slipTitle")}</p>
        <p className="hs-slip-code" data-testid="slip-code">{slip.trackingCode}</p>
        <p>{t("onBehalf.slipUnit", { unit: slip.unitName })}</p>
        <p>{t("onBehalf.slipWhen", { when, channel: t(`onBehalf.channels.${slip.channel}`) })}</p>
        {slip.publishConsent && <p data-testid="slip-publish">{t("onBehalf.slipPublish")}</p>}
        <p className="hs-muted">{t("onBehalf.slipHow")}</p>
      </div>
      {slip.zaloNotice && <p className="hs-muted">{t("onBehalf.zaloSent")}</p>}
      <div className="hs-action-grid hs-no-print">
        <Button onClick={() => window.print()}>{t("onBehalf.print")}</Button>
        <Button variant="secondary" onClick={onNext}>
          {t("onBehalf.next")}
        </Button>
      </div>
    </section>
  );
}
