import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Icon, type IconName } from "../../components/icons.js";

const SHORTCUTS: ReadonlyArray<{ path: string; title: string; hint: string; icon: IconName }> = [
  { path: "/tim-hieu", title: "Tìm hiểu", hint: "Nghị quyết, tin tức, hướng dẫn", icon: "learn" },
  { path: "/phan-anh", title: "Phản ánh", hint: "Gửi ý kiến, kiến nghị tới Hội", icon: "feedback" },
  { path: "/thi", title: "Thi", hint: "Cuộc thi, câu đố kiến thức", icon: "quiz" },
  { path: "/ca-nhan", title: "Cá nhân", hint: "Thông tin và chi hội của chị", icon: "profile" },
];

export function Shortcuts(): ReactElement {
  const navigate = useNavigate();
  return (
    <section aria-label="Lối tắt" className="hs-tiles">
      {SHORTCUTS.map((s) => (
        <button key={s.path} type="button" className="hs-tile" onClick={() => navigate(s.path)}>
          <span className="hs-tile-icon">
            <Icon name={s.icon} size={28} />
          </span>
          <span className="hs-tile-title">{s.title}</span>
          <span className="hs-tile-hint">{s.hint}</span>
        </button>
      ))}
    </section>
  );
}
