import type { ReactElement } from "react";
import { Navigate, Route, Routes } from "react-router-dom";
import "../../components/feedback.css";
import "./public-record.css";
import { RecordDetail } from "./RecordDetail.js";
import { RecordHome } from "./RecordHome.js";

/** Kết quả xử lý (/ket-qua): the public record, open to anyone, read without her session. */
export default function PublicRecordPage(): ReactElement {
  return (
    <Routes>
      <Route index element={<RecordHome />} />
      <Route path=":id" element={<RecordDetail />} />
      <Route path="*" element={<Navigate to="/ket-qua" replace />} />
    </Routes>
  );
}
