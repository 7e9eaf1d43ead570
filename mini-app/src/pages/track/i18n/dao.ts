import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** Dao. NEEDS REVIEW: one drafted thanks (Iu Mien spelling); everything else shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const dao: Translation<typeof vi> = {
  // needs-review (draft): round two, thanks for her rating (the words of the OA's drafts, Iu Mien spelling)
  rating: { thanks: "Laengz zingh meih!" },
};

export default dao;
