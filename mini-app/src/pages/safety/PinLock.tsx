import { useState, type ReactElement } from "react";
import { SAFETY_LIMITS } from "@hoiso/shared/domain";
import { useSafetyT } from "./i18n/index.js";
import { checkPin, hasPin, isValidPin, removePin, setPin } from "./pin.js";
import "./safety.css";

const N = SAFETY_LIMITS.pinLength;

export interface PinState {
  /** Her private items are hidden from the list right now. */
  hiding: boolean;
  control: ReactElement;
}

/**
 * "Của tôi" on a shared phone: with a PIN set, her private items are left out of the list until she enters it (the
 * list shows them again until she leaves the screen or taps "Ẩn lại"). Without one, the card offers to set it.
 */
export function usePinLock(memberId: string): PinState {
  const t = useSafetyT();
  const [locked, setLocked] = useState(() => hasPin(memberId));
  const [has, setHas] = useState(() => hasPin(memberId));
  const [typing, setTyping] = useState(false);
  const [pin, setPinText] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function submit(): Promise<void> {
    if (!isValidPin(pin)) {
      setError(t("pin.invalid", { n: N }));
      return;
    }
    if (has) {
      if (!(await checkPin(memberId, pin))) {
        setError(t("pin.wrong"));
        return;
      }
      setLocked(false);
    } else {
      await setPin(memberId, pin);
      setHas(true);
      setLocked(true);
    }
    setPinText("");
    setError(null);
    setTyping(false);
  }

  const control = (
    <section className="hs-card" data-testid="pin-lock">
      {!has && (
        <>
          <p className="hs-card-title">{t("pin.hideTitle")}</p>
          <p className="hs-muted">{t("pin.hideText", { n: N })}</p>
        </>
      )}
      {typing ? (
        <div className="hs-pin-row">
          <input
            className="hs-pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={N}
            aria-label={t("pin.pinLabel", { n: N })}
            data-testid="pin-input"
            value={pin}
            onChange={(e) => setPinText(e.target.value.replace(/\D/g, ""))}
          />
          <button type="button" className="hs-link" data-testid="pin-submit" onClick={() => void submit()}>
            {has ? t("pin.open") : t("pin.confirm")}
          </button>
        </div>
      ) : (
        <div className="hs-pin-row">
          {(!has || locked) && (
            <button type="button" className="hs-link" data-testid="pin-start" onClick={() => setTyping(true)}>
              {has ? t("pin.unlock") : t("pin.set")}
            </button>
          )}
          {has && !locked && (
            <>
              <button type="button" className="hs-link" data-testid="pin-relock" onClick={() => setLocked(true)}>
                {t("pin.lock")}
              </button>
              <button
                type="button"
                className="hs-link"
                onClick={() => {
                  removePin(memberId);
                  setHas(false);
                }}
              >
                {t("pin.remove")}
              </button>
            </>
          )}
        </div>
      )}
      {error && <p className="hs-overdue">{error}</p>}
    </section>
  );
  return { hiding: has && locked, control };
}
