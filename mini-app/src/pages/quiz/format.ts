import { t } from "../../i18n/index.js";
import "./i18n/index.js";

/** "3 phút 05 giây" / "42 giây": how long she took, or has left. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? t("quiz:time.minutes", { m, s: String(s).padStart(2, "0") }) : t("quiz:time.seconds", { s });
}

export const LETTERS = ["A", "B", "C", "D", "E", "F"];
