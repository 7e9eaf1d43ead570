import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** H'Mông (RPA). NEEDS REVIEW by the union's translators: short common words and the drafted consent to publish; the rest shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  title: "Tswv yim",
  send: "Xa",
  photos: { add: "Ntxiv duab" },
  // needs-review (draft): round two, an item written offline waiting to be sent
  outbox: { chip: "Tos xa", title: "Tos xa" },
  // needs-review (draft, consent): she agrees to the result being published; check before relying on it.
  // "Qhov tau daws" is the section's name as on Trang chủ and Kết quả xử lý.
  publish: {
    label: "Pom zoo cia Koom Haum muab qhov tau daws tshaj tawm rau hauv “Qhov tau daws”",
    hint: "Tsis tshaj tawm koj lub npe thiab koj tus xov tooj. Tus neeg ua hauj lwm ntawm Koom Haum yuav saib dua, muab npe neeg thiab cov duab uas pom ntsej muag tshem tawm ua ntej tshaj tawm. Koj hloov siab tau txog thaum tshaj tawm.",
  },
};

export default hmn;
