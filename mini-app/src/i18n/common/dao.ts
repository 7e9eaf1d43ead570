import type { ReviewStatus, Translation } from "../types.js";
import type vi from "./vi.js";

/**
 * Dao. NEEDS REVIEW: a couple of short words in the Iu Mien unified spelling; the Kim Mun wording of the union's
 * Dao members may differ, and their translators are to correct and complete it. Everything else shows in Vietnamese.
 */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const dao: Translation<typeof vi> = {
  nav: {
    home: "Biauv",
    learn: "Hoqc",
  },
};

export default dao;
