import type { ReviewStatus, Translation } from "../types.js";
import type vi from "./vi.js";

/**
 * H'Mông, in the Latin (RPA) spelling of LANGUAGE_NAME ("Lus Hmoob"). NEEDS REVIEW: short common words only, to be
 * checked and completed by the union's H'Mông translators; every other string shows in Vietnamese.
 */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  loading: "Tos ib pliag…",
  retry: "Sim dua",
  back: "Rov qab",
  nav: {
    home: "Tsev",
    learn: "Kawm",
    feedback: "Tswv yim",
    quiz: "Xeem",
    profile: "Kuv",
  },
};

export default hmn;
