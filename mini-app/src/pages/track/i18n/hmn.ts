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
  // Her consent to publishing the result stays in Vietnamese (the fallback) until the union's translators
  // have checked a H'Mông text: a consent she misreads is worse than one read out to her.
};

export default hmn;
