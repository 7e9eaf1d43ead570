import type { ReactElement } from "react";
import { Navigate, Route, Routes } from "react-router-dom";
import { queryClient } from "../../api/queryClient.js";
import "../../components/feedback.css";
import { ArticleReader } from "./ArticleReader.js";
import { GuidePage } from "./GuidePage.js";
import { LearnList } from "./LearnList.js";
import { keepOffline } from "./offline.js";
import "./learn.css";

// Before any screen of Tìm hiểu asks: what she opened before is back in the cache, readable without a network.
keepOffline(queryClient);

/** Tìm hiểu: /tim-hieu (list), /tim-hieu/bai-viet/:id (article), /tim-hieu/huong-dan/:id (guide; notifications link here). */
export default function LearnPage(): ReactElement {
  return (
    <Routes>
      <Route index element={<LearnList />} />
      <Route path="bai-viet/:id" element={<ArticleReader />} />
      <Route path="huong-dan/:id" element={<GuidePage />} />
      <Route path="*" element={<Navigate to="/tim-hieu" replace />} />
    </Routes>
  );
}
