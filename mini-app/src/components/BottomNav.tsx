import type { ReactElement } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { BottomNavigation } from "zmp-ui";
import { Icon, type IconName } from "./icons.js";

export const TABS: ReadonlyArray<{ path: string; label: string; icon: IconName }> = [
  { path: "/", label: "Trang chủ", icon: "home" },
  { path: "/tim-hieu", label: "Tìm hiểu", icon: "learn" },
  { path: "/phan-anh", label: "Phản ánh", icon: "feedback" },
  { path: "/thi", label: "Thi", icon: "quiz" },
  { path: "/ca-nhan", label: "Cá nhân", icon: "profile" },
];

function activeTab(pathname: string): string {
  const hit = TABS.find((t) => t.path !== "/" && (pathname === t.path || pathname.startsWith(`${t.path}/`)));
  return hit?.path ?? (pathname === "/" ? "/" : "");
}

export function BottomNav(): ReactElement {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active = activeTab(pathname);
  return (
    <BottomNavigation fixed activeKey={active} onChange={(key) => navigate(key)} className="hs-bottom-nav">
      {TABS.map((t) => (
        <BottomNavigation.Item
          key={t.path}
          itemKey={t.path}
          label={t.label}
          icon={<Icon name={t.icon} />}
          // Tapping the tab she is already in (say, from deep inside an item) takes her back to its first screen.
          onClick={() => {
            if (t.path === active && pathname !== t.path) navigate(t.path);
          }}
        />
      ))}
    </BottomNavigation>
  );
}
