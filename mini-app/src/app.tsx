import { lazy, Suspense, useEffect, type ReactElement, type ReactNode } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { Navigate, Route, Routes } from "react-router-dom";
import { App as ZaloApp, SnackbarProvider, ZMPRouter } from "zmp-ui";
import { BottomNav } from "./components/BottomNav.js";
import { queryClient } from "./api/queryClient.js";
import { ChunkBoundary } from "./components/ChunkBoundary.js";
import { ErrorState, Loading } from "./components/States.js";
import { useCommonT } from "./i18n/common/index.js";
import HomePage from "./pages/home/index.js";
import { OutboxSender } from "./pages/feedback/OutboxSender.js";
import { startSession, useSession } from "./state.js";

// The home screen is what almost every visit opens, so it is in the first download; every other page is fetched
// the first time she opens it (on a slow phone the first screen then waits for a third less JavaScript).
const OfficerPage = lazy(() => import("./pages/canbo/index.js"));
const FeedbackPage = lazy(() => import("./pages/feedback/index.js"));
const LearnPage = lazy(() => import("./pages/learn/index.js"));
const NotificationsPage = lazy(() => import("./pages/notifications/index.js"));
const DevLoginPage = lazy(() => import("./pages/login/index.js"));
const ProfilePage = lazy(() => import("./pages/profile/index.js"));
const QuizPage = lazy(() => import("./pages/quiz/index.js"));
const AdminPage = lazy(() => import("./pages/admin/index.js"));
const SafetyPage = lazy(() => import("./pages/safety/index.js"));
const BroadcastsPage = lazy(() => import("./pages/broadcasts/index.js"));
const ConsultationsPage = lazy(() => import("./pages/consultations/index.js"));
const PublicRecordPage = lazy(() => import("./pages/public-record/index.js"));
const PollsPage = lazy(() => import("./pages/polls/index.js"));

function Lazy({ children }: { children: ReactNode }): ReactElement {
  return (
    <ChunkBoundary>
      <Suspense fallback={<div className="hs-page"><Loading /></div>}>{children}</Suspense>
    </ChunkBoundary>
  );
}

function Screens(): ReactElement {
  const session = useSession();
  const t = useCommonT();
  useEffect(() => {
    void startSession();
  }, []);

  if (session.status === "starting") return <div className="hs-page"><Loading text={t("opening")} /></div>;
  if (session.status === "error") {
    return (
      <div className="hs-page">
        <ErrorState message={session.message} onRetry={() => void startSession()} />
      </div>
    );
  }
  if (session.status === "dev-login") {
    return (
      <Lazy>
        <DevLoginPage />
      </Lazy>
    );
  }
  return (
    <>
      <main className="hs-main">
        <Lazy>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/tim-hieu/*" element={<LearnPage />} />
            <Route path="/phan-anh/*" element={<FeedbackPage />} />
            <Route path="/thi/*" element={<QuizPage />} />
            <Route path="/ca-nhan" element={<ProfilePage />} />
            <Route path="/can-bo/*" element={<OfficerPage />} />
            <Route path="/thong-bao" element={<NotificationsPage />} />
            <Route path="/thong-bao-hoi/*" element={<BroadcastsPage />} />
            <Route path="/quan-tri/*" element={<AdminPage />} />
            <Route path="/can-giup-do/*" element={<SafetyPage />} />
            <Route path="/gop-y/*" element={<ConsultationsPage />} />
            <Route path="/ket-qua/*" element={<PublicRecordPage />} />
            <Route path="/khao-sat/*" element={<PollsPage />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Lazy>
      </main>
      <BottomNav />
      <OutboxSender />
    </>
  );
}

export default function App(): ReactElement {
  return (
    <QueryClientProvider client={queryClient}>
      <ZaloApp theme="light">
        <SnackbarProvider>
          <ZMPRouter>
            {/* A screen whose catalogue in her language is still on its way waits here, never shows the keys. */}
            <Suspense fallback={<div className="hs-page"><Loading /></div>}>
              <Screens />
            </Suspense>
          </ZMPRouter>
        </SnackbarProvider>
      </ZaloApp>
    </QueryClientProvider>
  );
}
