import { useEffect, useState, type ReactElement } from "react";
import { Button, Input } from "zmp-ui";
import type { FeedbackSettings } from "@hoiso/shared";
import { api } from "../../api.js";
import { ErrorState, Loading } from "../../components/States.js";
import { useAction } from "./useAction.js";
import { useLoad } from "./useLoad.js";

type NumberField = "petitionDays" | "followUpDays" | "csWindowHours" | "notifyRatePerSec";
const FIELDS: Array<{ key: NumberField; label: string }> = [
  { key: "petitionDays", label: "Số ngày thu chữ ký kiến nghị" },
  { key: "followUpDays", label: "Hỏi lại chị em sau (ngày)" },
  { key: "csWindowHours", label: "Nhắn tin OA miễn phí trong (giờ)" },
  { key: "notifyRatePerSec", label: "Tốc độ gửi tin (tin/giây)" },
];
const THRESHOLDS: Array<{ key: keyof FeedbackSettings["petitionThresholds"]; label: string }> = [
  { key: "to", label: "Tổ" },
  { key: "chi_hoi", label: "Chi hội" },
  { key: "xa", label: "Xã/phường" },
  { key: "tinh", label: "Tỉnh" },
];

/** The pipeline's knobs; a change takes effect at once in every process. */
export function SettingsForm(): ReactElement {
  const [loaded, reload] = useLoad(() => api.feedbackSettings(), []);
  const [form, setForm] = useState<FeedbackSettings | null>(null);
  const { busy, run } = useAction();
  useEffect(() => {
    if (loaded.status === "done") setForm(loaded.data);
  }, [loaded]);

  if (loaded.status === "loading" || (loaded.status === "done" && !form)) return <Loading />;
  if (loaded.status === "error" || !form) return <ErrorState message={loaded.status === "error" ? loaded.message : ""} onRetry={reload} />;

  const save = (body: FeedbackSettings) => run(() => api.saveFeedbackSettings(body), "Đã lưu cài đặt.", setForm);

  return (
    <section className="hs-card hs-form" data-testid="settings-form">
      <p className="hs-card-title">Cài đặt phản ánh</p>
      {FIELDS.map((f) => (
        <Input key={f.key} label={f.label} type="number" value={String(form[f.key])} onChange={(e) => setForm({ ...form, [f.key]: Number(e.target.value) })} />
      ))}
      <p className="hs-card-label">Số chữ ký để kiến nghị lên từng cấp</p>
      <div className="hs-admin-grid4">
        {THRESHOLDS.map((t) => (
          <Input
            key={t.key}
            label={t.label}
            type="number"
            value={String(form.petitionThresholds[t.key])}
            onChange={(e) => setForm({ ...form, petitionThresholds: { ...form.petitionThresholds, [t.key]: Number(e.target.value) } })}
          />
        ))}
      </div>
      <Input
        label="Mã mẫu tin ZNS báo tiến độ"
        value={form.templateIds.statusUpdate}
        maxLength={64}
        onChange={(e) => setForm({ ...form, templateIds: { statusUpdate: e.target.value } })}
      />
      <Button fullWidth loading={busy} disabled={busy} onClick={() => void save(form)}>
        Lưu cài đặt
      </Button>
    </section>
  );
}
