import type { ReviewStatus, Translation } from "../../../../i18n/types.js";
import type vi from "./vi.js";

/** Dao. NEEDS REVIEW: nothing translated yet on this screen; every string falls back to vi. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const dao: Translation<typeof vi> = {};

export default dao;
