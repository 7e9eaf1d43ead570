import type { ReactElement } from "react";
import { Navigate, NavLink, Route, Routes, useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import "../../components/feedback.css";
import { PageHeader } from "../../components/PageHeader.js";
import { hasOfficerRole, useMe } from "../../state.js";
import "./admin.css";
import { useCommonT } from "../../i18n/common/index.js";
import { Audit } from "./Audit.js";
import { ChatbotAdmin } from "./chatbot/index.js";
import { useAdminChatbotT } from "./chatbot/i18n/index.js";
import { BroadcastsAdmin } from "./broadcasts/index.js";
import { useAdminBroadcastsT } from "./broadcasts/i18n/index.js";
import { ContentAdmin } from "./content/index.js";
import { ContestsAdmin } from "./contests/index.js";
import { ConsultationsAdmin } from "./consultations/index.js";
import { useAdminConsultationsT } from "./consultations/i18n/index.js";
import { DashboardAdmin } from "./dashboard/index.js";
import { useAdminDashboardT } from "./dashboard/i18n/index.js";
import { useAdminContestsT } from "./contests/i18n/index.js";
import { useAdminContentT } from "./content/i18n/index.js";
import { FeedbackAdmin } from "./FeedbackAdmin.js";
import { useAdminT } from "./i18n/index.js";
import { isAdmin, isProvinceAdmin } from "./labels.js";
import { Members } from "./Members.js";
import { OpsCard } from "./OpsCard.js";
import { PollsAdmin } from "./polls/index.js";
import { useAdminPollsT } from "./polls/i18n/index.js";
import { Units } from "./Units.js";

/**
 * Quản trị. A cán bộ sees Hội viên (her subtree: confirm members, name cán bộ); an admin also the unit tree; the
 * province admin also feedback routing and the audit log. The server checks every call again.
 */
export default function AdminPage(): ReactElement {
  const me = useMe();
  const navigate = useNavigate();
  const t = useAdminT();
  const tc = useCommonT();
  const tContent = useAdminContentT();
  const tBroadcasts = useAdminBroadcastsT();
  const tContests = useAdminContestsT();
  const tConsult = useAdminConsultationsT();
  const tPolls = useAdminPollsT();
  const tChatbot = useAdminChatbotT();
  const tDashboard = useAdminDashboardT();
  if (!hasOfficerRole(me)) {
    return (
      <div className="hs-page">
        <PageHeader title={t("title")} back />
        <section className="hs-card">
          <p className="hs-card-title">{t("notOfficer")}</p>
          <Button fullWidth onClick={() => navigate("/")}>
            {tc("goHome")}
          </Button>
        </section>
      </div>
    );
  }
  const tabs = [
    { to: "hoi-vien", label: t("tabs.members"), show: true },
    { to: "tim-hieu", label: tContent("tab"), show: true },
    { to: "thong-bao", label: tBroadcasts("tab"), show: true },
    { to: "thi", label: tContests("tab"), show: true },
    { to: "gop-y", label: tConsult("tab"), show: true },
    { to: "khao-sat", label: tPolls("tab"), show: true },
    { to: "tong-hop", label: tDashboard("tab"), show: true },
    { to: "don-vi", label: t("tabs.units"), show: isAdmin(me) },
    { to: "phan-anh", label: t("tabs.feedback"), show: isProvinceAdmin(me) },
    { to: "nhat-ky", label: t("tabs.audit"), show: isProvinceAdmin(me) },
    { to: "tro-ly-oa", label: tChatbot("tab"), show: isProvinceAdmin(me) },
  ].filter((t) => t.show);
  return (
    <div className="hs-page hs-admin">
      <PageHeader title={t("title")} back />
      <nav className="hs-segments hs-admin-nav" aria-label={t("navLabel")}>
        {tabs.map((t) => (
          <NavLink key={t.to} to={`/quan-tri/${t.to}`} className={({ isActive }) => `hs-segment hs-admin-tab${isActive ? " is-active" : ""}`}>
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<Navigate to="hoi-vien" replace />} />
        <Route path="hoi-vien" element={<Members me={me} />} />
        <Route path="tim-hieu/*" element={<ContentAdmin />} />
        <Route path="thong-bao/*" element={<BroadcastsAdmin />} />
        <Route path="thi/*" element={<ContestsAdmin />} />
        <Route path="gop-y/*" element={<ConsultationsAdmin />} />
        <Route path="khao-sat/*" element={<PollsAdmin />} />
        <Route path="tong-hop/*" element={<DashboardAdmin />} />
        {isAdmin(me) && <Route path="don-vi" element={<Units />} />}
        {isProvinceAdmin(me) && <Route path="phan-anh" element={<FeedbackAdmin />} />}
        {isProvinceAdmin(me) && (
          <Route
            path="nhat-ky"
            element={
              <>
                <Audit />
                <OpsCard />
              </>
            }
          />
        )}
        {isProvinceAdmin(me) && <Route path="nhat-ky" element={<Audit />} />}
        {isProvinceAdmin(me) && <Route path="tro-ly-oa" element={<ChatbotAdmin />} />}
        <Route path="*" element={<Navigate to="/quan-tri/hoi-vien" replace />} />
      </Routes>
    </div>
  );
}
