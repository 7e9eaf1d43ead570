import type { ReactElement } from "react";
import { Navigate, Route, Routes } from "react-router-dom";
import "../../components/feedback.css";
import { AttemptPage } from "./AttemptPage.js";
import { ContestPage } from "./ContestPage.js";
import { PracticePage } from "./PracticePage.js";
import { QuizHome } from "./QuizHome.js";
import { RoundPage } from "./RoundPage.js";
import "./quiz.css";

/**
 * Thi: /thi (contests and practice), /thi/cuoc-thi/:id (a contest), /thi/lam-bai/:attemptId (an attempt; reopening it
 * after a dropped connection resumes it), /thi/cuoc-thi/:id/dot/:roundId (her result, boards, winners), /thi/on-tap/:id.
 */
export default function QuizPage(): ReactElement {
  return (
    <Routes>
      <Route index element={<QuizHome />} />
      <Route path="cuoc-thi/:id" element={<ContestPage />} />
      <Route path="cuoc-thi/:id/dot/:roundId" element={<RoundPage />} />
      <Route path="lam-bai/:attemptId" element={<AttemptPage />} />
      <Route path="on-tap/:id" element={<PracticePage />} />
      <Route path="*" element={<Navigate to="/thi" replace />} />
    </Routes>
  );
}
