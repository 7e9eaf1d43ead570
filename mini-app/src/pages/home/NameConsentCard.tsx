import { useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import { errorMessage } from "../../api.js";
import { useNotify } from "../../components/notify.js";
import { useSession } from "../../state.js";
import { askForNameLater, shareZaloName, shouldAskForName } from "../../zaloName.js";

/**
 * Zalo shares her name only after she allows it. Before Zalo's own prompt, say in a few words why the Hội asks,
 * and that saying no changes nothing else.
 */
export function NameConsentCard(): ReactElement | null {
  useSession(); // re-render when the session (her name) changes
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [hidden, setHidden] = useState(false);
  if (hidden || !shouldAskForName()) return null;

  async function agree() {
    setBusy(true);
    try {
      const result = await shareZaloName();
      if (result === "named") notify.ok("Cảm ơn chị, Hội Số đã có tên của chị.");
      else if (result === "refused") notify.warn("Chị chưa cho phép cũng không sao, Hội Số vẫn dùng bình thường.");
      setHidden(true);
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="hs-card" data-testid="name-consent">
      <p className="hs-card-title">Cho Hội Số biết tên của chị?</p>
      <p className="hs-muted">
        Hội Số xin dùng tên và ảnh đại diện Zalo của chị để cán bộ Hội biết ai gửi ý kiến và xưng hô cho đúng. Hội không dùng
        vào việc khác. Chị không đồng ý thì Hội Số vẫn dùng được bình thường.
      </p>
      <Button fullWidth loading={busy} disabled={busy} onClick={() => void agree()}>
        Đồng ý
      </Button>
      <Button
        variant="tertiary"
        fullWidth
        disabled={busy}
        onClick={() => {
          askForNameLater();
          setHidden(true);
        }}
      >
        Để sau
      </Button>
    </section>
  );
}
