import { useEffect, useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import type { OaLinkCode } from "@hoiso/shared";
import { api, errorMessage } from "../../api.js";
import { useNotify } from "../../components/notify.js";
import { Icon } from "../../components/icons.js";
import { zaloOpenOaChat } from "../../zalo.js";

/**
 * Tin báo qua Zalo: the Hội can message her in the OA chat only once it knows which OA user she is. She proves it by
 * sending a short code from her own Zalo to the Hội's OA (the server never trusts an id the app claims).
 */
export function OaLinkSection(): ReactElement | null {
  const notify = useNotify();
  const [linked, setLinked] = useState<boolean | null>(null);
  const [code, setCode] = useState<OaLinkCode | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.oaLinkStatus().then(
      (s) => live && setLinked(s.linked),
      () => live && setLinked(null),
    );
    return () => {
      live = false;
    };
  }, []);

  if (linked === null) return null;

  async function start() {
    setBusy(true);
    try {
      const c = await api.oaLinkCode();
      setCode(c);
      if (!(await zaloOpenOaChat(c.oaId, c.message))) notify.warn("Chị mở Zalo, vào trang của Hội và gửi đúng mã này nhé.");
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function check() {
    setBusy(true);
    try {
      const s = await api.oaLinkStatus();
      setLinked(s.linked);
      if (s.linked) notify.ok("Đã xong. Hội sẽ báo tin cho chị qua Zalo.");
      else notify.warn("Hội chưa nhận được mã. Chị gửi mã vào trang Zalo của Hội rồi bấm lại nhé.");
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
          <p className="hs-card-label">Nhận tin báo qua Zalo</p>
          <p className="hs-card-title">{linked ? "Đã bật" : "Chưa bật"}</p>
        </div>
      </div>
      {!linked && !code && (
        <>
          <p className="hs-muted">Để Hội báo tin về ý kiến của chị ngay trong Zalo, chị gửi một mã ngắn vào trang Zalo của Hội.</p>
          <Button fullWidth loading={busy} disabled={busy} onClick={() => void start()}>
            Lấy mã và mở trang Zalo của Hội
          </Button>
        </>
      )}
      {!linked && code && (
        <>
          <p className="hs-muted">Chị gửi tin nhắn này vào trang Zalo của Hội (mã dùng được 15 phút):</p>
          <p className="hs-card-title" data-testid="oa-link-code">{code.message}</p>
          <Button fullWidth loading={busy} disabled={busy} onClick={() => void check()}>
            Tôi đã gửi mã
          </Button>
        </>
      )}
    </section>
  );
}
