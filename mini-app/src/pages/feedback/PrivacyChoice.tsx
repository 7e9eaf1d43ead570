import type { ReactElement } from "react";

export const NAMED_TEXT = "Cán bộ Hội phụ trách sẽ thấy tên và số điện thoại của chị";
export const ANONYMOUS_TEXT = "Không ai thấy tên chị; cán bộ chỉ thấy nội dung";

function Toggle({ on, onChange, label, testId }: { on: boolean; onChange: (v: boolean) => void; label: string; testId: string }): ReactElement {
  return (
    <button type="button" role="switch" aria-checked={on} className="hs-switch-row" data-testid={testId} onClick={() => onChange(!on)}>
      <span className="hs-grow hs-choice-title">{label}</span>
      <span className="hs-switch" aria-hidden="true">
        <span className="hs-switch-knob" />
      </span>
    </button>
  );
}

/** Says exactly who will see her name, and lets her keep the content itself to the responsible cán bộ. */
export function PrivacyChoice({
  anonymous,
  setAnonymous,
  sensitive,
  setSensitive,
  forcedPrivate,
  petition = false,
}: {
  anonymous: boolean;
  setAnonymous: (v: boolean) => void;
  sensitive: boolean;
  setSensitive: (v: boolean) => void;
  forcedPrivate: boolean;
  /** A petition is read and co-signed by other women: it cannot be kept private. */
  petition?: boolean;
}): ReactElement {
  return (
    <section className="hs-card" data-testid="privacy">
      <p className="hs-card-title">Ai được biết chị gửi?</p>
      <Toggle on={anonymous} onChange={setAnonymous} label="Gửi ẩn danh" testId="anonymous" />
      <p className={`hs-privacy-text${anonymous ? " hs-privacy-anon" : ""}`} data-testid="anonymous-text" aria-live="polite">
        {anonymous ? ANONYMOUS_TEXT : NAMED_TEXT}
      </p>
      {anonymous && <p className="hs-muted hs-small">Chị vẫn xem được trả lời của Hội trong mục “Của tôi”.</p>}
      {petition && !forcedPrivate && (
        <p className="hs-muted hs-small" data-testid="petition-public">
          Kiến nghị được chị em trong xã xem và ký tên ủng hộ nên không giữ kín được. Việc cần giữ kín, chị gửi dưới dạng phản ánh hoặc tin báo.
        </p>
      )}
      {!forcedPrivate && !petition && (
        <>
          <Toggle on={sensitive} onChange={setSensitive} label="Giữ kín nội dung" testId="sensitive" />
          <p className="hs-muted hs-small">
            {sensitive
              ? "Chỉ cán bộ Hội phụ trách và Hội LHPN tỉnh được đọc nội dung; chị em khác không thấy việc này."
              : "Chị em trong xã có thể thấy một đoạn nội dung (không có tên chị) để cùng theo dõi, ký tên ủng hộ."}
          </p>
        </>
      )}
    </section>
  );
}
