import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** Dao. NEEDS REVIEW: one drafted thanks (Iu Mien spelling), used twice; everything else shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const dao: Translation<typeof vi> = {
  // needs-review (draft): round two, thanks for her rating (the words of the OA's drafts, Iu Mien spelling)
  rating: { thanks: "Laengz zingh meih!" },
  // needs-review (draft): the same short thanks after she answers the follow-up question (hmn has "Ua tsaug!" for both)
  followUp: { thanks: "Laengz zingh meih!" },
};

export default dao;
