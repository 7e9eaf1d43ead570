import type { ReactElement } from "react";
import { SAFETY_HOTLINES } from "@hoiso/shared/domain";
import { useSafetyT } from "./i18n/index.js";

/** 1900969680 → "1900 969 680": easier to read out; the tel: link keeps the plain digits. */
const spaced = (n: string) => n.replace(/^(\d{4})(\d{3})(\d{3})$/, "$1 $2 $3");

/** The numbers to call first, each one tap to dial. */
export function Hotlines(): ReactElement {
  const t = useSafetyT();
  return (
    <section className="hs-card" aria-labelledby="hs-hotlines">
      <p className="hs-card-title" id="hs-hotlines">
        {t("hotlines.title")}
      </p>
      <ul className="hs-call-list">
        {SAFETY_HOTLINES.map((h) => (
          <li key={h.id}>
            <a className="hs-call" href={`tel:${h.number}`} data-testid={`hotline-${h.number}`} aria-label={t("hotlines.call", { number: h.number })}>
              <span className="hs-call-name">
                {t(`hotlines.${h.id}.name`)}
                <span className="hs-call-hint">{t(`hotlines.${h.id}.hint`)}</span>
              </span>
              <span className="hs-call-number">{spaced(h.number)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
