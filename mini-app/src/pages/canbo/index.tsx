import { useState, type ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { Me } from "@hoiso/shared";
import { inboxQueries } from "../../api/inbox.js";
import "../../components/feedback.css";
import { EntryCard } from "../../components/EntryCard.js";
import { Icon } from "../../components/icons.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useCommonT } from "../../i18n/common/index.js";
import { hasOfficerRole, useMe } from "../../state.js";
import { AdminEntry } from "./AdminEntry.js";
import { AssignmentPage } from "./AssignmentPage.js";
import { useCanboT } from "./i18n/index.js";
import { Inbox } from "./Inbox.js";
import { OnBehalf } from "./OnBehalf.js";
import { PendingList } from "./PendingList.js";
import { SafetyAdmin } from "../safety/SafetyAdmin.js";
import { SafetyAdminEntry } from "../safety/SafetyAdminEntry.js";
import { ChatCard, ChatList } from "./chat/ChatList.js";
import { usePublishT } from "./publish/i18n/index.js";
import { PublishCard, PublishList } from "./publish/PublishList.js";
import { PublishReviewPage } from "./publish/PublishReview.js";
import "./publish/publish.css";
import { ChatThread } from "./chat/ChatThread.js";
import { useChatT } from "./chat/i18n/index.js";

/** The way into Hộp việc, with how much is waiting and how much is late. */
function InboxCard(): ReactElement {
  const t = useCanboT();
  // Without the numbers (a failed call) the card still leads to the inbox, which says what went wrong.
  const counts = useQuery(inboxQueries.counts()).data ?? null;
  return (
    <EntryCard
      to="/can-bo/hop-viec"
      icon="feedback"
      title={t("inboxCard.title")}
      hint={
        counts === null
          ? t("inboxCard.hint")
          : `${t("inboxCard.open", { count: counts.open })}${counts.overdue > 0 ? ` · ${t("inboxCard.overdue", { count: counts.overdue })}` : ""}`
      }
      testId="inbox-card"
      className="hs-inbox-card"
    >
      {counts !== null && counts.overdue > 0 && <span className="hs-overdue">{t("inboxCard.overdueAlert")}</span>}
    </EntryCard>
  );
}

function Overview({ me }: { me: Me }): ReactElement {
  const units = me.roles.filter((r, i, all) => all.findIndex((x) => x.unitId === r.unitId) === i);
  const [unitId, setUnitId] = useState(units[0]?.unitId ?? "");
  const t = useCanboT();
  const tc = useCommonT();
  const navigate = useNavigate();
  return (
    <>
      {units.length > 1 && (
        <div className="hs-segments" role="tablist" aria-label={t("overview.units")}>
          {units.map((u) => (
            <button key={u.unitId} type="button" role="tab" aria-selected={u.unitId === unitId} className="hs-segment" onClick={() => setUnitId(u.unitId)}>
              {u.unitName}
            </button>
          ))}
        </div>
      )}
      {units.length === 1 && units[0] && (
        <p className="hs-section-note">
          {tc(`role.${units[0].role}`)} · {units[0].unitName}
        </p>
      )}
      <InboxCard />
      <button type="button" className="hs-choice" data-testid="on-behalf-entry" onClick={() => navigate("/can-bo/nhap-ho")}>
        <span className="hs-tile-icon">
          <Icon name="feedback" size={28} />
        </span>
        <span className="hs-grow">
          <span className="hs-choice-title">{t("onBehalfCard.title")}</span>
          <span className="hs-choice-hint">{t("onBehalfCard.hint")}</span>
        </span>
        <Icon name="chevron" />
      </button>
      <ChatCard />
      <PublishCard />
      <AdminEntry admin={me.roles.some((r) => r.role === "admin")} />
      <SafetyAdminEntry />
      <h2 className="hs-section-title">{t("overview.pendingTitle")}</h2>
      <PendingList key={unitId} unitId={unitId} />
    </>
  );
}

/** Cán bộ: Hộp việc (inbox, item, actions) and members waiting for confirmation. The server checks the role on every call too. */
export default function OfficerPage(): ReactElement {
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const t = useCanboT();
  const tChat = useChatT();
  const tPublish = usePublishT();
  const tc = useCommonT();

  if (!hasOfficerRole(me)) {
    return (
      <div className="hs-page">
        <PageHeader title={t("title")} back />
        <section className="hs-card">
          <p className="hs-card-title">{t("notOfficer.title")}</p>
          <p className="hs-muted">{t("notOfficer.text")}</p>
          <Button fullWidth onClick={() => navigate("/")}>
            {tc("goHome")}
          </Button>
        </section>
      </div>
    );
  }

  const title = pathname.startsWith("/can-bo/cong-khai/") ? tPublish("reviewTitle") : pathname.startsWith("/can-bo/cong-khai") ? tPublish("title") : pathname.startsWith("/can-bo/tin-nhan") ? tChat("title") : pathname.startsWith("/can-bo/hop-viec/") ? t("itemTitle") : pathname.startsWith("/can-bo/hop-viec") ? t("inboxTitle") : t("title");
  return (
    <div className="hs-page">
      <PageHeader title={title} back />
      <Routes>
        <Route index element={<Overview me={me} />} />
        <Route path="hop-viec" element={<Inbox />} />
        <Route path="hop-viec/:id" element={<AssignmentPage />} />
        <Route path="an-toan" element={<SafetyAdmin />} />
        <Route path="nhap-ho" element={<OnBehalf me={me} />} />
        <Route path="tin-nhan" element={<ChatList />} />
        <Route path="tin-nhan/:id" element={<ChatThread />} />
        <Route path="cong-khai" element={<PublishList />} />
        <Route path="cong-khai/:id" element={<PublishReviewPage />} />
        <Route path="*" element={<Navigate to="/can-bo" replace />} />
      </Routes>
    </div>
  );
}
