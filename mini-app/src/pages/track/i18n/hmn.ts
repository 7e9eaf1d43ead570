import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** H'Mông (RPA). NEEDS REVIEW by the union's translators: short common words, the rating and the drafted consent to publish; the rest shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  lookup: { find: "Nrhiav" },
  followUp: { thanks: "Ua tsaug!" },
  // needs-review (draft): round two, her rating of the answer
  rating: {
    hai_long: "Txaus siab",
    binh_thuong: "Ib txwm",
    chua_hai_long: "Tsis txaus siab",
    thanks: "Ua tsaug!",
    question: "Koj xav li cas txog Koom Haum cov lus teb?",
    comment: "Koj xav hais ntxiv (tsis yuam)",
    send: "Xa kev ntsuas",
  },
  // needs-review (draft, consent): her consent to publish the result and what became of it; check before relying on it.
  // "Qhov tau daws" is the section's name as on Trang chủ and Kết quả xử lý.
  publish: {
    label: "Pom zoo cia Koom Haum muab qhov tau daws tshaj tawm rau hauv “Qhov tau daws” (tsis tshaj tawm koj lub npe)",
    hint: "Tus neeg ua hauj lwm ntawm Koom Haum yuav saib dua, muab npe neeg thiab cov duab uas pom ntsej muag tshem tawm ua ntej tshaj tawm. Koj hloov siab tau txog thaum tshaj tawm.",
    agreed: "Koj twb pom zoo cia tshaj tawm qhov tau daws lawm.",
    withdrawn: "Koom Haum yuav tsis tshaj tawm qhov tau daws no.",
    declined: "Tus neeg ua hauj lwm ntawm Koom Haum txiav txim tsis tshaj tawm qhov tau daws no.",
    published: "Qhov tau daws twb tshaj tawm rau hauv “Qhov tau daws” lawm (tsis muaj koj lub npe). Yog koj xav muab rho tawm, thov koj hu rau tus neeg ua hauj lwm ntawm Koom Haum.",
  },
};

export default hmn;
