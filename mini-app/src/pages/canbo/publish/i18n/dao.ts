import type { ReviewStatus, Translation } from "../../../../i18n/types.js";
import type vi from "./vi.js";

/** Dao. NEEDS REVIEW: nothing translated yet (a cán bộ's screen, read in Vietnamese); every string falls back to vi. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const dao: Translation<typeof vi> = {};

export default dao;
