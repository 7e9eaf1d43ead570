import { useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import type { Me } from "@hoiso/shared";
import { api, errorMessage } from "../../api.js";
import { useNotify } from "../../components/notify.js";
import { Icon } from "../../components/icons.js";
import { setMe } from "../../state.js";
import { zaloAccessToken, zaloPhoneToken } from "../../zalo.js";

/** Zalo numbers come as 84…; women read them as 0…. */
export function displayPhone(phone: string): string {
  return phone.startsWith("84") ? `0${phone.slice(2)}` : phone;
}

export function PhoneSection({ me }: { me: Me }): ReactElement {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);

  async function share() {
    setBusy(true);
    try {
      const got = await zaloPhoneToken();
      if ("problem" in got) {
        if (got.problem === "denied") notify.warn("Chị chưa đồng ý chia sẻ số điện thoại. Khi cần, chị bấm lại nút này nhé.");
        else notify.fail("Chỉ chia sẻ được số điện thoại khi mở Hội Số trong ứng dụng Zalo.");
        return;
      }
      const accessToken = await zaloAccessToken();
      setMe(await api.savePhone({ token: got.token, accessToken }));
      notify.ok("Đã lưu số điện thoại của chị.");
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
          <p className="hs-card-label">Số điện thoại</p>
          <p className="hs-card-title">{me.phone ? displayPhone(me.phone) : "Chưa có"}</p>
        </div>
      </div>
      {!me.phone && (
        <>
          <p className="hs-muted">Cán bộ Hội dùng số này để liên lạc khi chị gửi phản ánh hoặc cần hỗ trợ. Hội không chia sẻ số của chị cho ai khác.</p>
          <Button fullWidth loading={busy} disabled={busy} onClick={() => void share()}>
            Chia sẻ số điện thoại
          </Button>
        </>
      )}
    </section>
  );
}
