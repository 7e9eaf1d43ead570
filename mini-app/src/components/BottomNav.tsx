import type { ReactElement } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { BottomNavigation } from "zmp-ui";
import { useCommonT } from "../i18n/common/index.js";
import { Icon, type IconName } from "./icons.js";

export const TABS: ReadonlyArray<{ path: string; label: "home" | "learn" | "feedback" | "quiz" | "profile"; icon: IconName }> = [
  { path: "/", label: "home", icon: "home" },
  { path: "/tim-hieu", label: "learn", icon: "learn" },
  { path: "/phan-anh", label: "feedback", icon: "feedback" },
  { path: "/thi", label: "quiz", icon: "quiz" },
  { path: "/ca-nhan", label: "profile", icon: "profile" },
];

function activeTab(pathname: string): string {
  const hit = TABS.find((t) => t.path !== "/" && (pathname === t.path || pathname.startsWith(`${t.path}/`)));
  return hit?.path ?? (pathname === "/" ? "/" : "");
}

export function BottomNav(): ReactElement {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const t = useCommonT();
  const active = activeTab(pathname);
  return (
    <BottomNavigation fixed activeKey={active} onChange={(key) => navigate(key)} className="hs-bottom-nav">
      {TABS.map((tab) => (
        <BottomNavigation.Item
          key={tab.path}
          itemKey={tab.path}
          label={t(`nav.${tab.label}`)}
          icon={<Icon name={tab.icon} />}
          // Tapping the tab she is already in (say, from deep inside an item) takes her back to its first screen.
          onClick={() => {
            if (tab.path === active && pathname !== tab.path) navigate(tab.path);
          }}
        />
      ))}
    </BottomNavigation>
  );
}
