import type { ReactElement } from "react";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { PageHeader } from "../../components/PageHeader.js";
import "../../components/feedback.css";
import { ItemDetail } from "../track/ItemDetail.js";
import { MyItems } from "../track/MyItems.js";
import { useFeedbackT } from "./i18n/index.js";
import { SendForm } from "./SendForm.js";

const SEGMENTS = [
  { path: "/phan-anh", label: "new" },
  { path: "/phan-anh/cua-toi", label: "mine" },
] as const;

/** Tab Phản ánh: send something new, or follow what she has sent ("Của tôi", one item's timeline). */
export default function FeedbackPage(): ReactElement {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const t = useFeedbackT();
  const detail = pathname.includes("/phan-anh/theo-doi/");
  const active = pathname.startsWith("/phan-anh/cua-toi") ? SEGMENTS[1].path : SEGMENTS[0].path;

  return (
    <div className="hs-page">
      <PageHeader title={detail ? t("trackTitle") : t("title")} back={detail} />
      {!detail && (
        <div className="hs-segments hs-segments-full" role="tablist" aria-label={t("tabs.label")}>
          {SEGMENTS.map((s) => (
            <button key={s.path} type="button" role="tab" aria-selected={active === s.path} className="hs-segment" onClick={() => navigate(s.path)}>
              {t(`tabs.${s.label}`)}
            </button>
          ))}
        </div>
      )}
      <Routes>
        <Route index element={<SendForm />} />
        <Route path="cua-toi" element={<MyItems onNew={() => navigate("/phan-anh")} />} />
        <Route path="theo-doi/:id" element={<ItemDetail />} />
        <Route path="*" element={<Navigate to="/phan-anh" replace />} />
      </Routes>
    </div>
  );
}
