import { useState, type FormEvent, type ReactElement } from "react";
import { Button, Input } from "zmp-ui";
import { devLogin, useSession } from "../../state.js";

/** The demo accounts of scripts/seed (same names: the dev login updates the name); any other name is a new member. */
const DEMO_ACCOUNTS: ReadonlyArray<{ zaloId: string; name: string; who: string }> = [
  { zaloId: "demo-hoivien", name: "Vàng Thị Dung", who: "Hội viên chi hội" },
  { zaloId: "demo-canbo-chihoi", name: "Hoàng Thị Lan", who: "Cán bộ chi hội" },
  { zaloId: "demo-canbo-xa", name: "Lò Thị Mai", who: "Cán bộ Hội LHPN xã" },
  { zaloId: "demo-admin", name: "Nguyễn Thị Hồng Nhung", who: "Quản trị Hội LHPN tỉnh" },
];

/** Outside Zalo there is no Zalo account to log in with: testers pick a demo account (POST /api/auth/dev). */
export default function DevLoginPage(): ReactElement {
  const session = useSession();
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
      <p className="hs-brand">Hội Số</p>
      <h1 className="hs-login-title">Đăng nhập thử nghiệm</h1>
      <p className="hs-muted">Chị đang mở Hội Số ngoài ứng dụng Zalo. Chọn một tài khoản mẫu để dùng thử:</p>
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
                <span className="hs-choice-hint">{a.who}</span>
              </span>
              {busy === a.zaloId && <span className="hs-muted">Đang vào…</span>}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="hs-card">
        <Input label="Hoặc nhập tên của chị" placeholder="Họ và tên" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <Button htmlType="submit" fullWidth loading={busy === "typed"} disabled={busy !== null || !name.trim()}>
          Vào dùng thử
        </Button>
      </form>
    </div>
  );
}
