import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Icon, type IconName } from "../../components/icons.js";
import { useHomeT } from "./i18n/index.js";

const SHORTCUTS: ReadonlyArray<{ path: string; key: "learn" | "feedback" | "quiz" | "profile" | "record"; icon: IconName; wide?: boolean }> = [
  { path: "/tim-hieu", key: "learn", icon: "learn" },
  { path: "/phan-anh", key: "feedback", icon: "feedback" },
  { path: "/thi", key: "quiz", icon: "quiz" },
  { path: "/ca-nhan", key: "profile", icon: "profile" },
  // Kết quả xử lý: what the Hội did with what women raised, open to anyone (issue 13)
  { path: "/ket-qua", key: "record", icon: "check", wide: true },
];

export function Shortcuts(): ReactElement {
  const navigate = useNavigate();
  const t = useHomeT();
  return (
    <section aria-label={t("shortcuts.label")} className="hs-tiles">
      {SHORTCUTS.map((s) => (
        <button key={s.path} type="button" className={s.wide ? "hs-tile hs-tile-wide" : "hs-tile"} onClick={() => navigate(s.path)}>
          <span className="hs-tile-icon">
            <Icon name={s.icon} size={28} />
          </span>
          <span className="hs-tile-title">{t(`shortcuts.${s.key}.title`)}</span>
          <span className="hs-tile-hint">{t(`shortcuts.${s.key}.hint`)}</span>
        </button>
      ))}
    </section>
  );
}
