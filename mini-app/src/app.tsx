import { useEffect, type ReactElement } from "react";
import { Navigate, Route, Routes } from "react-router-dom";
import { App as ZaloApp, SnackbarProvider, ZMPRouter } from "zmp-ui";
import { BottomNav } from "./components/BottomNav.js";
import { ErrorState, Loading } from "./components/States.js";
import OfficerPage from "./pages/canbo/index.js";
import FeedbackPage from "./pages/feedback/index.js";
import HomePage from "./pages/home/index.js";
import LearnPage from "./pages/learn/index.js";
import NotificationsPage from "./pages/notifications/index.js";
import DevLoginPage from "./pages/login/index.js";
import ProfilePage from "./pages/profile/index.js";
import QuizPage from "./pages/quiz/index.js";
import { startSession, useSession } from "./state.js";

function Screens(): ReactElement {
  const session = useSession();
  useEffect(() => {
    void startSession();
  }, []);

  if (session.status === "starting") return <div className="hs-page"><Loading text="Đang mở Hội Số…" /></div>;
  if (session.status === "error") {
    return (
      <div className="hs-page">
        <ErrorState message={session.message} onRetry={() => void startSession()} />
      </div>
    );
  }
  if (session.status === "dev-login") return <DevLoginPage />;
  return (
    <>
      <main className="hs-main">
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/tim-hieu" element={<LearnPage />} />
          <Route path="/phan-anh/*" element={<FeedbackPage />} />
          <Route path="/thi" element={<QuizPage />} />
          <Route path="/ca-nhan" element={<ProfilePage />} />
          <Route path="/can-bo/*" element={<OfficerPage />} />
          <Route path="/thong-bao" element={<NotificationsPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </main>
      <BottomNav />
    </>
  );
}

export default function App(): ReactElement {
  return (
    <ZaloApp theme="light">
      <SnackbarProvider>
        <ZMPRouter>
          <Screens />
        </ZMPRouter>
      </SnackbarProvider>
    </ZaloApp>
  );
}
